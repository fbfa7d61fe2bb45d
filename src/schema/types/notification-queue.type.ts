import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { NotificationSkipReason, NotificationStatus } from '../../domain/alerting/alert.types.js';
import type { AlertQueueView } from '../../domain/alerting/alerting.service.js';
import { CircuitBreakerStatusType } from './circuit.type.js';
import { USER_ERRORS_DESCRIPTION, UserErrorType } from './user-error.type.js';

@ObjectType('NotificationStatusCount', { description: 'How many alerts have one status.' })
export class NotificationStatusCountType {
  @Field(() => NotificationStatus, { description: 'The status.' }) status!: NotificationStatus;
  @Field(() => Int, { description: 'Alerts with it.' }) count!: number;
}

@ObjectType('NotificationSkipReasonCount', {
  description: 'How many skipped alerts have one reason.',
})
export class NotificationSkipReasonCountType {
  @Field(() => NotificationSkipReason, { description: 'The reason.' })
  skipReason!: NotificationSkipReason;
  @Field(() => Int, { description: 'Skipped alerts with it.' }) count!: number;
}

@ObjectType('NotificationQueue', {
  description: "A tenant's high-urgency alerts at a glance, with the circuit they go through.",
})
export class NotificationQueueType {
  @Field(() => String, { description: 'The tenant whose alerts these are.' }) tenantId!: string;
  @Field(() => [NotificationStatusCountType], { description: 'Every status, zeros included.' })
  byStatus!: NotificationStatusCountType[];
  @Field(() => [NotificationSkipReasonCountType], {
    description: 'SKIPPED alerts by reason, zeros included.',
  })
  bySkipReason!: NotificationSkipReasonCountType[];
  @Field(() => Float, {
    nullable: true,
    description: 'How long the longest-waiting due (PENDING) alert has waited; null when none.',
  })
  oldestDueAgeSeconds!: number | null;
  @Field(() => CircuitBreakerStatusType, {
    description: 'The circuit every alert call goes through (shared by all tenants).',
  })
  circuit!: CircuitBreakerStatusType;

  static from(view: AlertQueueView, now: Date): NotificationQueueType {
    const { oldestDueSince, byStatus, bySkipReason } = view.summary;
    return Object.assign(new NotificationQueueType(), {
      tenantId: view.tenantId,
      byStatus,
      bySkipReason,
      oldestDueAgeSeconds:
        oldestDueSince === null ? null : (now.getTime() - oldestDueSince.getTime()) / 1000,
      circuit: CircuitBreakerStatusType.from(view.circuit),
    });
  }
}

@InputType('RequeueNotificationsInput', {
  description: 'Which alerts to send again: by tenant, status and skip reason.',
})
export class RequeueNotificationsInput {
  @Field(() => String, { nullable: true, description: 'Only this tenant; all when omitted.' })
  tenantId?: string | null;

  @Field(() => [NotificationStatus], {
    nullable: true,
    description: 'FAILED and/or SKIPPED; both when omitted.',
  })
  statuses?: NotificationStatus[] | null;

  @Field(() => NotificationSkipReason, {
    nullable: true,
    description: 'Only SKIPPED alerts with this reason.',
  })
  skipReason?: NotificationSkipReason | null;
}

@ObjectType('RequeueNotificationsPayload', { description: 'How many alerts became due again.' })
export class RequeueNotificationsPayload {
  @Field(() => Int, {
    nullable: true,
    description: 'Alerts now due, each to be sent once, whatever its age; null on userErrors.',
  })
  queued!: number | null;

  @Field(() => [UserErrorType], { description: USER_ERRORS_DESCRIPTION })
  userErrors!: UserErrorType[];
}
