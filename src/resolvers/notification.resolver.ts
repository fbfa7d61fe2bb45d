import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { ADMIN } from '../schema/auth-checker.js';
import type { AuthenticatedContext } from '../schema/context.js';
import { CircuitBreakerStatusType } from '../schema/types/circuit.type.js';
import {
  NotificationQueueType,
  RequeueNotificationsInput,
  RequeueNotificationsPayload,
} from '../schema/types/notification-queue.type.js';
import { ARG } from '../schema/descriptions.js';

@Resolver()
export class NotificationResolver {
  @Authorized()
  @Query(() => CircuitBreakerStatusType, {
    description: "State of the circuit breaker around the provider's /notify.",
  })
  async notificationCircuit(@Ctx() ctx: AuthenticatedContext): Promise<CircuitBreakerStatusType> {
    return CircuitBreakerStatusType.from(await ctx.services.alerting.circuitStatus());
  }

  @Authorized()
  @Query(() => NotificationQueueType, {
    description:
      "A tenant's alert queue at a glance: counts by status and skip reason, the oldest due alert's age, the circuit. Admin keys must pass tenantId.",
  })
  async notificationQueue(
    @Arg('tenantId', () => String, { nullable: true, description: ARG.tenantId })
    tenantId: string | null,
    @Ctx() ctx: AuthenticatedContext,
  ): Promise<NotificationQueueType> {
    const view = await ctx.services.alerting.queue(ctx.principal, tenantId);
    return NotificationQueueType.from(view, new Date());
  }

  @Authorized(ADMIN)
  @Mutation(() => CircuitBreakerStatusType, { description: 'Admin only. Closes the circuit.' })
  async resetNotificationCircuit(
    @Ctx() ctx: AuthenticatedContext,
  ): Promise<CircuitBreakerStatusType> {
    return CircuitBreakerStatusType.from(await ctx.services.alerting.resetCircuit(ctx.principal));
  }

  @Authorized(ADMIN)
  @Mutation(() => RequeueNotificationsPayload, {
    description:
      'Admin only. Sends SKIPPED and/or FAILED alerts on demand (of one tenant or all, by skip reason): each becomes due with fresh attempts and is delivered once, whatever its age.',
  })
  async requeueNotifications(
    @Arg('input', () => RequeueNotificationsInput, { description: ARG.input })
    input: RequeueNotificationsInput,
    @Ctx() ctx: AuthenticatedContext,
  ): Promise<RequeueNotificationsPayload> {
    const result = await ctx.services.alerting.requeue(ctx.principal, input);
    return result.ok
      ? { queued: result.queued, userErrors: [] }
      : { queued: null, userErrors: [result.error] };
  }
}
