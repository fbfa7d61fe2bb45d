import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { AtRiskCustomer, TenantStats } from '../../domain/stats/tenant-stats.js';
import {
  Sentiment,
  TicketSource,
  TicketStatus,
  Urgency,
} from '../../domain/tickets/ticket.types.js';

@ObjectType('StatusCount', { description: 'Tickets with one status.' })
export class StatusCountType {
  @Field(() => TicketStatus, { description: 'The status.' }) status!: TicketStatus;
  @Field(() => Int, { description: 'Live tickets with it (zero when none).' }) count!: number;
}

@ObjectType('SourceCount', { description: 'Tickets from one channel.' })
export class SourceCountType {
  @Field(() => TicketSource, { description: 'The channel.' }) source!: TicketSource;
  @Field(() => Int, { description: 'Live tickets from it (zero when none).' }) count!: number;
}

@ObjectType('UrgencyCount', { description: 'Tickets of one urgency.' })
export class UrgencyCountType {
  @Field(() => Urgency, { description: 'The urgency.' }) urgency!: Urgency;
  @Field(() => Int, { description: 'Live tickets of it (zero when none).' }) count!: number;
}

@ObjectType('SentimentCount', { description: 'Tickets of one sentiment.' })
export class SentimentCountType {
  @Field(() => Sentiment, { description: 'The sentiment.' }) sentiment!: Sentiment;
  @Field(() => Int, { description: 'Live tickets of it (zero when none).' }) count!: number;
}

@ObjectType('KeywordCount', {
  description:
    'A policy keyword the classifier matched (such as "charged twice", "outage", "refund"; see Classification.signals), and in how many tickets.',
})
export class KeywordCountType {
  @Field(() => String, { description: 'The term.' }) keyword!: string;
  @Field(() => Int, { description: 'Live tickets it was matched in.' }) count!: number;
}

@ObjectType('TrendPoint', { description: 'Tickets created in one hour, day or week.' })
export class TrendPointType {
  @Field(() => Date, {
    description: "When the bucket starts: the hour's, local midnight's or Monday's instant.",
  })
  bucketStart!: Date;
  @Field(() => String, {
    description:
      "The bucket as the asked zone names it, ready to print: a day's or a week's (its Monday's) local date, `2026-12-03`, or an hour with the zone's offset then, `2026-12-03T14:00+09:00`.",
  })
  label!: string;
  @Field(() => Int, { description: 'Tickets created in the bucket (zero when none).' })
  count!: number;
}

@ObjectType('AtRiskCustomer', {
  description: 'A customer showing signs of churn, from their live tickets.',
})
export class AtRiskCustomerType implements AtRiskCustomer {
  @Field(() => String, { description: "The customer's id at the support platform." })
  customerId!: string;
  @Field(() => Int, { description: 'Their live tickets with NEGATIVE sentiment.' })
  negativeTickets!: number;
  @Field(() => Int, { description: 'Their live tickets with HIGH urgency.' })
  highUrgencyTickets!: number;
  @Field(() => Int, { description: 'Tickets still OPEN or PENDING.' }) openTickets!: number;
  @Field(() => Date, { description: 'When their latest ticket was created.' }) lastTicketAt!: Date;
  @Field(() => Float, {
    description:
      'Higher is worse: 3 × highUrgencyTickets + 2 × negativeTickets + openTickets. Only customers with a HIGH or NEGATIVE ticket are listed; ties go to the most recent ticket.',
  })
  riskScore!: number;
}

@ObjectType('TenantStats', {
  description:
    "A tenant's figures over its live (not deleted) tickets, computed in one database round trip holding only what the selection asks for.",
})
export class TenantStatsType {
  /** The full lists, cut by the field resolvers to what each selection asks for. */
  stats!: TenantStats;

  @Field(() => String, { description: 'The tenant.' }) tenantId!: string;
  @Field(() => Date, { description: 'The instant the figures were computed for; trends end here.' })
  asOf!: Date;
  @Field(() => Int, { description: 'Live tickets (deleted ones excluded).' }) totalTickets!: number;
  @Field(() => [StatusCountType], { description: 'Every status, zero when absent.' })
  byStatus!: StatusCountType[];
  @Field(() => [SourceCountType], { description: 'Every channel, zero when absent.' })
  bySource!: SourceCountType[];
  @Field(() => [UrgencyCountType], { description: 'Every urgency, zero when absent.' })
  byUrgency!: UrgencyCountType[];
  @Field(() => [SentimentCountType], { description: 'Every sentiment, zero when absent.' })
  bySentiment!: SentimentCountType[];
  @Field(() => Float, { description: 'HIGH-urgency tickets / all tickets; 0 when there are none.' })
  urgencyHighRatio!: number;
  @Field(() => Int, { description: 'Live tickets that require action from the team.' })
  requiresActionCount!: number;
  @Field(() => Int, {
    description:
      "Live tickets whose classification needs a person's review (Classification.needsReview); list them with tickets(filter: { needsReview: true }).",
  })
  needsReviewCount!: number;
  static from(stats: TenantStats): TenantStatsType {
    return Object.assign(new TenantStatsType(), { ...stats, stats });
  }
}
