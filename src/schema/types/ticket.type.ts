import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import {
  NotificationSkipReason,
  NotificationStatus,
  type NotificationRecord,
} from '../../domain/alerting/alert.types.js';
import {
  OrderDirection,
  TicketOrderField,
  type TicketChangeRecord,
  type TicketRecord,
} from '../../domain/tickets/ticket-query.js';
import {
  ChangeAction,
  Sentiment,
  TicketSource,
  TicketStatus,
  Urgency,
  type Classification,
} from '../../domain/tickets/ticket.types.js';
import { toGlobalId } from '../global-id.js';
import { QUERY_COST } from '../query-cost.js';
import { connectionTypes } from './connection.type.js';
import { Node } from './node.interface.js';

@ObjectType('Classification', {
  description:
    'What the classifier (policy rules, and the semantic model where enabled) made of a ticket, and why.',
})
export class ClassificationType implements Omit<Classification, 'keywords'> {
  @Field(() => Urgency) urgency!: Urgency;
  @Field(() => Sentiment) sentiment!: Sentiment;
  @Field(() => Boolean) requiresAction!: boolean;
  @Field(() => [String], {
    description:
      'Why the labels are what they are: each intent found, with its words (`money:charged twice «billed me two times»`) or the semantic model\'s nearest example and similarity (`outage:outage «…» model~"nobody in our office can log in" 0.71`), and the context that changed a reading (`negated:`, `topic:`, `past:`, `called-off:`, `removed:quote`, `sarcasm:…`, `rule:harm-is-negative`).',
  })
  signals!: string[];
  @Field(() => String, {
    description:
      'Version of the classifier that produced this: the rules version, plus the semantic model and its thresholds when enabled (e.g. 2026-11-29.1+minilm-static-384-0.55-0.05).',
  })
  rulesVersion!: string;
}

@ObjectType('FieldChange', {
  description: 'One field of a ticket as it was and as it became (ISO strings for dates).',
})
export class FieldChangeType {
  @Field(() => String) field!: string;
  @Field(() => String, { nullable: true }) from!: string | null;
  @Field(() => String, { nullable: true }) to!: string | null;
}

@ObjectType('TicketChange', { description: 'One recorded change of a ticket.' })
export class TicketChangeType {
  @Field(() => Date) at!: Date;
  @Field(() => ChangeAction) action!: ChangeAction;
  @Field(() => ID, { nullable: true, description: 'The ingestion run that recorded the change.' })
  runId!: string | null;
  @Field(() => [FieldChangeType]) changes!: FieldChangeType[];

  static from(record: TicketChangeRecord): TicketChangeType {
    return Object.assign(new TicketChangeType(), {
      ...record,
      runId: record.runId === null ? null : toGlobalId('IngestionRun', record.runId),
    });
  }
}

export const { Connection: TicketChangeConnection } = connectionTypes(
  'TicketChange',
  TicketChangeType,
);
export type TicketChangeConnection = InstanceType<typeof TicketChangeConnection>;

@ObjectType('Notification', {
  description:
    'The high-urgency alert of a ticket: due (PENDING), DELIVERED, FAILED, or SKIPPED (closed or stale ticket) with the reason.',
})
export class NotificationType {
  @Field(() => NotificationStatus) status!: NotificationStatus;
  @Field(() => NotificationSkipReason, {
    nullable: true,
    description: 'Why a SKIPPED alert was not sent; null otherwise.',
  })
  skipReason!: NotificationSkipReason | null;
  @Field(() => Int, { description: 'Delivery attempts so far.' }) attempts!: number;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field(() => Date, { nullable: true }) deliveredAt!: Date | null;

  static from(record: NotificationRecord): NotificationType {
    return Object.assign(new NotificationType(), record);
  }
}

@ObjectType('Ticket', {
  implements: Node,
  description: 'A provider ticket of one tenant, classified.',
})
export class TicketType extends Node {
  /** The stored id, for the field resolvers (not exposed). */
  localId!: string;
  @Field(() => String, {
    description: "The provider's id (e.g. 'ext-001'). Unique per tenant, not globally.",
  })
  externalId!: string;
  @Field(() => String) tenantId!: string;
  @Field(() => TicketSource) source!: TicketSource;
  @Field(() => String) customerId!: string;
  @Field(() => String) subject!: string;
  @Field(() => String) message!: string;
  @Field(() => TicketStatus) status!: TicketStatus;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
  @Field(() => Date, {
    nullable: true,
    description:
      'Set when the provider deleted the ticket; such tickets are hidden unless asked for.',
  })
  deletedAt!: Date | null;
  @Field(() => ClassificationType) classification!: ClassificationType;

  static from(record: TicketRecord): TicketType {
    return Object.assign(new TicketType(), {
      ...record,
      localId: record.id,
      id: toGlobalId('Ticket', record.id),
    });
  }
}

export const { Connection: TicketConnection } = connectionTypes(
  'Ticket',
  TicketType,
  QUERY_COST.totalCount,
);
export type TicketConnection = InstanceType<typeof TicketConnection>;

@InputType('TicketFilter')
export class TicketFilterInput {
  @Field(() => [TicketStatus], { nullable: true }) status?: TicketStatus[] | null;
  @Field(() => [Urgency], { nullable: true }) urgency?: Urgency[] | null;
  @Field(() => [Sentiment], { nullable: true }) sentiment?: Sentiment[] | null;
  @Field(() => [TicketSource], { nullable: true }) source?: TicketSource[] | null;
  @Field(() => Boolean, { nullable: true }) requiresAction?: boolean | null;
  @Field(() => String, { nullable: true }) customerId?: string | null;
  @Field(() => Date, { nullable: true, description: 'Created at or after this instant.' })
  createdAfter?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Created before this instant.' })
  createdBefore?: Date | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Case-insensitive match on subject and message, taken literally (no patterns). At most 200 characters.',
  })
  search?: string | null;
  @Field(() => Boolean, { nullable: true, defaultValue: false }) includeDeleted?: boolean | null;
}

@InputType('TicketOrder')
export class TicketOrderInput {
  @Field(() => TicketOrderField) field!: TicketOrderField;
  @Field(() => OrderDirection) direction!: OrderDirection;
}
