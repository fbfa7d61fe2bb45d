import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { ADMIN } from '../schema/auth-checker.js';
import type { GatewayContext } from '../schema/context.js';
import { CircuitBreakerStatusType } from '../schema/types/circuit.type.js';

@Resolver()
export class NotificationResolver {
  @Authorized()
  @Query(() => CircuitBreakerStatusType, {
    description: "State of the circuit breaker around the provider's /notify.",
  })
  async notificationCircuit(@Ctx() ctx: GatewayContext): Promise<CircuitBreakerStatusType> {
    return CircuitBreakerStatusType.from(await ctx.services.notificationCircuit.status());
  }

  @Authorized(ADMIN)
  @Mutation(() => CircuitBreakerStatusType, { description: 'Admin only. Closes the circuit.' })
  async resetNotificationCircuit(@Ctx() ctx: GatewayContext): Promise<CircuitBreakerStatusType> {
    return CircuitBreakerStatusType.from(await ctx.services.notificationCircuit.reset());
  }

  @Authorized(ADMIN)
  @Mutation(() => Int, {
    description:
      'Admin only. Puts FAILED alerts (of one tenant, or all) back in the queue with fresh attempts; returns how many.',
  })
  requeueFailedNotifications(
    @Arg('tenantId', () => String, { nullable: true }) tenantId: string | null,
    @Ctx() ctx: GatewayContext,
  ): Promise<number> {
    return ctx.services.outbox.requeueFailed(tenantId);
  }
}
