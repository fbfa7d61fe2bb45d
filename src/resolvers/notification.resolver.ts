import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { ADMIN } from '../schema/auth-checker.js';
import type { AuthenticatedContext } from '../schema/context.js';
import { CircuitBreakerStatusType } from '../schema/types/circuit.type.js';

@Resolver()
export class NotificationResolver {
  @Authorized()
  @Query(() => CircuitBreakerStatusType, {
    description: "State of the circuit breaker around the provider's /notify.",
  })
  async notificationCircuit(@Ctx() ctx: AuthenticatedContext): Promise<CircuitBreakerStatusType> {
    return CircuitBreakerStatusType.from(await ctx.services.alerting.circuitStatus());
  }

  @Authorized(ADMIN)
  @Mutation(() => CircuitBreakerStatusType, { description: 'Admin only. Closes the circuit.' })
  async resetNotificationCircuit(
    @Ctx() ctx: AuthenticatedContext,
  ): Promise<CircuitBreakerStatusType> {
    return CircuitBreakerStatusType.from(await ctx.services.alerting.resetCircuit(ctx.principal));
  }

  @Authorized(ADMIN)
  @Mutation(() => Int, {
    description:
      'Admin only. Puts FAILED alerts (of one tenant, or all) back in the queue with fresh attempts; returns how many.',
  })
  requeueFailedNotifications(
    @Arg('tenantId', () => String, { nullable: true }) tenantId: string | null,
    @Ctx() ctx: AuthenticatedContext,
  ): Promise<number> {
    return ctx.services.alerting.requeueFailed(ctx.principal, tenantId);
  }
}
