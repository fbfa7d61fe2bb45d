import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { NotificationSkipReason, NotificationStatus } from '../../domain/alerting/alert.types.js';
import type { AlertQueueView } from '../../domain/alerting/alerting.service.js';
import { CircuitBreakerStatusType } from './circuit.type.js';
import { UserErrorType } from './user-error.type.js';

@ObjectType('NotificationStatusCount')
export class NotificationStatusCountType {
  @Field(() => NotificationStatus) status!: NotificationStatus;
  @Field(() => Int) count!: number;
}

@ObjectType('NotificationSkipReasonCount')
export class NotificationSkipReasonCountType {
  @Field(() => NotificationSkipReason) skipReason!: NotificationSkipReason;
  @Field(() => Int) count!: number;
}

@ObjectType('NotificationQueue', {
  description: "A tenant's high-urgency alerts at a glance, with the circuit they go through.",
})
export class NotificationQueueType {
  @Field(() => String) tenantId!: string;
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
  @Field(() => CircuitBreakerStatusType) circuit!: CircuitBreakerStatusType;

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

@InputType('RequeueNotificationsInput')
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

@ObjectType('RequeueNotificationsPayload')
export class RequeueNotificationsPayload {
  @Field(() => Int, {
    nullable: true,
    description: 'Alerts now due, each to be sent once, whatever its age; null on userErrors.',
  })
  queued!: number | null;

  @Field(() => [UserErrorType]) userErrors!: UserErrorType[];
}
