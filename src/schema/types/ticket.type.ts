import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
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

@ObjectType('ClassificationCorrection', {
  description:
    'Labels a person set on a ticket (correctClassification). They win over the classifier, now and after any re-classification.',
})
export class ClassificationCorrectionType {
  @Field(() => Urgency, {
    nullable: true,
    description: 'The urgency set; null when not corrected.',
  })
  urgency!: Urgency | null;
  @Field(() => Sentiment, {
    nullable: true,
    description: 'The sentiment set; null when not corrected.',
  })
  sentiment!: Sentiment | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'The requiresAction set; null when not corrected.',
  })
  requiresAction!: boolean | null;
  @Field(() => String, { nullable: true, description: 'Why, as the person wrote it.' })
  note!: string | null;
  @Field(() => String, { description: 'The name of the API key that corrected it (last).' })
  by!: string;
  @Field(() => Date, { description: 'When it was (last) corrected.' })
  at!: Date;
}

@ObjectType('ClassificationConfidence', {
  description:
    'How likely each label is right, from 0 to 1: the two opinions (rules and learned model) combined and calibrated on fresh tickets (expected calibration error in BENCHMARKS.md). A corrected label is 1.',
})
export class ClassificationConfidenceType {
  @Field(() => Float, { description: 'Of urgency.' }) urgency!: number;
  @Field(() => Float, { description: 'Of sentiment.' }) sentiment!: number;
  @Field(() => Float, { description: 'Of requiresAction.' }) requiresAction!: number;
}

@ObjectType('Classification', {
  description:
    'What the classifier (policy rules, and the semantic model where enabled) made of a ticket, and why.',
})
export class ClassificationType implements Omit<Classification, 'keywords'> {
  @Field(() => Urgency, { description: 'How soon the team must act.' }) urgency!: Urgency;
  @Field(() => Sentiment, { description: "The customer's tone." }) sentiment!: Sentiment;
  @Field(() => Boolean, {
    description:
      'The team must do something beyond answering (refund, fix, restore, delete data, escalate).',
  })
  requiresAction!: boolean;
  @Field(() => [String], {
    description:
      'Why the labels are what they are: each intent found, with its words (`money:charged twice «billed me two times»`) or the semantic model\'s nearest example and similarity (`outage:outage «…» model~"nobody in our office can log in" 0.71`), and the context that changed a reading (`negated:`, `topic:`, `past:`, `called-off:`, `removed:quote`, `sarcasm:…`, `rule:harm-is-negative`).',
  })
  signals!: string[];
  @Field(() => String, {
    description:
      'Version of the classifier that produced this: the rules version, plus the semantic model and its thresholds when enabled (e.g. 2026-12-04.1+minilm-static-384-0.55-0.05+learned-1.0123abcd).',
  })
  rulesVersion!: string;
  @Field(() => ClassificationConfidenceType, {
    nullable: true,
    description:
      'How likely each label is right (0 to 1, calibrated). Null when the gateway runs the rules alone (CLASSIFIER_MODEL=rules) or the ticket was classified before confidence existed (reclassifyTickets fills it).',
  })
  confidence!: ClassificationConfidenceType | null;
  @Field(() => Boolean, {
    description:
      'The opinions disagree or a label is uncertain (its confidence below the threshold trained with the model): a person should look, and correctClassification settles it. False once corrected.',
  })
  needsReview!: boolean;
  @Field(() => Boolean, {
    description:
      "The ticket pages on call (its HIGH alert, see Ticket.notification): its urgency is HIGH, or the two opinions together give HIGH a probability of at least 0.25 although another class is likelier, since a missed page weighs as much as three needless ones. With the rules alone, only a HIGH urgency pages. A person's urgency correction decides it.",
  })
  raisesAlert!: boolean;
  @Field(() => ClassificationCorrectionType, {
    nullable: true,
    description: 'The labels a person corrected, if any (their signal says so too).',
  })
  correction!: ClassificationCorrectionType | null;
}

@ObjectType('FieldChange', {
  description: 'One field of a ticket as it was and as it became (ISO strings for dates).',
})
export class FieldChangeType {
  @Field(() => String, { description: 'The field, as the Ticket type names it (e.g. status).' })
  field!: string;
  @Field(() => String, { nullable: true, description: 'Its value before; null when it had none.' })
  from!: string | null;
  @Field(() => String, { nullable: true, description: 'Its value after; null when removed.' })
  to!: string | null;
}

@ObjectType('TicketChange', { description: 'One recorded change of a ticket.' })
export class TicketChangeType {
  @Field(() => Date, { description: 'When the gateway recorded the change.' }) at!: Date;
  @Field(() => ChangeAction, { description: 'What happened.' }) action!: ChangeAction;
  @Field(() => ID, { nullable: true, description: 'The ingestion run that recorded the change.' })
  runId!: string | null;
  @Field(() => [FieldChangeType], { description: 'The tracked fields that changed.' })
  changes!: FieldChangeType[];
  @Field(() => String, {
    nullable: true,
    description: 'Who made a correction (the API key name); null for changes from the provider.',
  })
  by!: string | null;
  @Field(() => String, { nullable: true, description: "A correction's note, if given." })
  note!: string | null;

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
  @Field(() => NotificationStatus, { description: 'Where the alert stands.' })
  status!: NotificationStatus;
  @Field(() => NotificationSkipReason, {
    nullable: true,
    description: 'Why a SKIPPED alert was not sent; null otherwise.',
  })
  skipReason!: NotificationSkipReason | null;
  @Field(() => Int, { description: 'Delivery attempts so far.' }) attempts!: number;
  @Field(() => String, { nullable: true, description: 'Why the last attempt failed, if it did.' })
  lastError!: string | null;
  @Field(() => Date, { nullable: true, description: 'When the provider accepted it.' })
  deliveredAt!: Date | null;

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
  @Field(() => String, { description: 'The tenant it belongs to.' }) tenantId!: string;
  @Field(() => TicketSource, { description: 'The channel it came in through.' })
  source!: TicketSource;
  @Field(() => String, { description: "The customer's id at the support platform." })
  customerId!: string;
  @Field(() => String, { description: 'Its subject line.' }) subject!: string;
  @Field(() => String, { description: "The customer's message, as written." }) message!: string;
  @Field(() => TicketStatus, { description: 'Its state at the support platform.' })
  status!: TicketStatus;
  @Field(() => Date, { description: 'When the customer created it.' }) createdAt!: Date;
  @Field(() => Date, { description: 'When it last changed at the provider.' }) updatedAt!: Date;
  @Field(() => Date, {
    nullable: true,
    description:
      'Set when the provider deleted the ticket; such tickets are hidden unless asked for.',
  })
  deletedAt!: Date | null;
  @Field(() => ClassificationType, {
    description: 'Urgency, sentiment and requiresAction, with the signals behind them.',
  })
  classification!: ClassificationType;

  static from(record: TicketRecord): TicketType {
    return Object.assign(new TicketType(), {
      ...record,
      classification: { ...record.classification, correction: record.correction },
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

@InputType('TicketFilter', {
  description: 'Conditions a ticket must all meet; a list matches any of its values.',
})
export class TicketFilterInput {
  @Field(() => [TicketStatus], { nullable: true, description: 'Any of these statuses.' })
  status?: TicketStatus[] | null;
  @Field(() => [Urgency], { nullable: true, description: 'Any of these urgencies.' })
  urgency?: Urgency[] | null;
  @Field(() => [Sentiment], { nullable: true, description: 'Any of these sentiments.' })
  sentiment?: Sentiment[] | null;
  @Field(() => [TicketSource], { nullable: true, description: 'Any of these channels.' })
  source?: TicketSource[] | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Only tickets that do (or do not) require action.',
  })
  requiresAction?: boolean | null;
  @Field(() => String, { nullable: true, description: "Only this customer's tickets." })
  customerId?: string | null;
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
  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'Include tickets the provider no longer lists (deletedAt set).',
  })
  includeDeleted?: boolean | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      "Only tickets that need (or do not need) a person's review (Classification.needsReview). With true and no orderBy, the least certain come first (UNCERTAINTY DESC): a review queue.",
  })
  needsReview?: boolean | null;
}

@InputType('TicketOrder', { description: 'How to sort tickets.' })
export class TicketOrderInput {
  @Field(() => TicketOrderField, { description: 'What to sort by.' }) field!: TicketOrderField;
  @Field(() => OrderDirection, {
    nullable: false,
    defaultValue: OrderDirection.DESC,
    description: 'Which way; newest, highest or least certain first (DESC) when left out.',
  })
  direction!: OrderDirection;
}
