import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { AtRiskCustomer, TenantStats } from '../../domain/stats/tenant-stats.js';
import {
  Sentiment,
  TicketSource,
  TicketStatus,
  Urgency,
} from '../../domain/tickets/ticket.types.js';

@ObjectType('StatusCount')
export class StatusCountType {
  @Field(() => TicketStatus) status!: TicketStatus;
  @Field(() => Int) count!: number;
}

@ObjectType('SourceCount')
export class SourceCountType {
  @Field(() => TicketSource) source!: TicketSource;
  @Field(() => Int) count!: number;
}

@ObjectType('UrgencyCount')
export class UrgencyCountType {
  @Field(() => Urgency) urgency!: Urgency;
  @Field(() => Int) count!: number;
}

@ObjectType('SentimentCount')
export class SentimentCountType {
  @Field(() => Sentiment) sentiment!: Sentiment;
  @Field(() => Int) count!: number;
}

@ObjectType('KeywordCount', {
  description:
    'A policy keyword the classifier matched (such as "charged twice", "outage", "refund"; see Classification.signals), and in how many tickets.',
})
export class KeywordCountType {
  @Field(() => String) keyword!: string;
  @Field(() => Int) count!: number;
}

@ObjectType('TrendPoint')
export class TrendPointType {
  @Field(() => Date, { description: 'Start of the bucket (UTC hour or day).' }) bucketStart!: Date;
  @Field(() => Int) count!: number;
}

@ObjectType('AtRiskCustomer', {
  description: 'A customer showing signs of churn, from their live tickets.',
})
export class AtRiskCustomerType implements AtRiskCustomer {
  @Field(() => String) customerId!: string;
  @Field(() => Int) negativeTickets!: number;
  @Field(() => Int) highUrgencyTickets!: number;
  @Field(() => Int, { description: 'Tickets still OPEN or PENDING.' }) openTickets!: number;
  @Field(() => Date) lastTicketAt!: Date;
  @Field(() => Float, {
    description:
      'Higher is worse: 3 × highUrgencyTickets + 2 × negativeTickets + openTickets. Only customers with a HIGH or NEGATIVE ticket are listed; ties go to the most recent ticket.',
  })
  riskScore!: number;
}

@ObjectType('TenantStats', {
  description:
    "A tenant's figures over its live (not deleted) tickets, computed in one database round trip.",
})
export class TenantStatsType {
  /** The full lists, cut by the field resolvers to what each selection asks for. */
  stats!: TenantStats;

  @Field(() => String) tenantId!: string;
  @Field(() => Date, { description: 'The instant the figures were computed for; trends end here.' })
  asOf!: Date;
  @Field(() => Int) totalTickets!: number;
  @Field(() => [StatusCountType], { description: 'Every status, zero when absent.' })
  byStatus!: StatusCountType[];
  @Field(() => [SourceCountType]) bySource!: SourceCountType[];
  @Field(() => [UrgencyCountType]) byUrgency!: UrgencyCountType[];
  @Field(() => [SentimentCountType]) bySentiment!: SentimentCountType[];
  @Field(() => Float, { description: 'HIGH-urgency tickets / all tickets; 0 when there are none.' })
  urgencyHighRatio!: number;
  @Field(() => Int) requiresActionCount!: number;
  @Field(() => [TrendPointType], {
    description:
      'Tickets created per hour over the 24 hours before asOf: exactly 24 points, oldest first, zero-filled.',
  })
  hourlyTrend!: TrendPointType[];

  static from(stats: TenantStats): TenantStatsType {
    return Object.assign(new TenantStatsType(), { ...stats, stats });
  }
}
