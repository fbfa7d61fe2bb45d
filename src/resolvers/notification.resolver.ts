import { Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
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
}
