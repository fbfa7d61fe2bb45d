import type { Model, PipelineStage } from 'mongoose';
import {
  StatsPart,
  type AtRiskCustomer,
  type RawStats,
  type StatsPlan,
  type StatsStore,
} from '../../domain/stats/tenant-stats.js';
import { LABEL_FORMAT } from '../../domain/stats/time-buckets.js';
import { Sentiment, TicketStatus, Urgency } from '../../domain/tickets/ticket.types.js';
import type { TicketDoc } from './models/ticket.model.js';

type Facet = PipelineStage.FacetPipelineStage[];
type Counted = { _id: string; count: number }[];
type AtRiskRow = Omit<AtRiskCustomer, 'customerId'> & { _id: string };

const countBy = (key: unknown): Facet => [{ $group: { _id: key, count: { $sum: 1 } } }];
const countWhen = (condition: unknown) => ({ $sum: { $cond: [condition, 1, 0] } });
const toMap = (rows: Counted | undefined) =>
  new Map((rows ?? []).map((row) => [row._id, row.count]));
const first = (rows: { n: number }[] | undefined) => rows?.[0]?.n ?? 0;

/** Facets of the parts: each counts over the tenant's live tickets. */
const PART_FACETS: Record<Exclude<StatsPart, StatsPart.KEYWORDS | StatsPart.AT_RISK>, Facet> = {
  [StatsPart.TOTAL]: [{ $count: 'n' }],
  [StatsPart.REQUIRES_ACTION]: [
    { $match: { 'classification.requiresAction': true } },
    { $count: 'n' },
  ],
  [StatsPart.BY_STATUS]: countBy('$status'),
  [StatsPart.BY_SOURCE]: countBy('$source'),
  [StatsPart.BY_URGENCY]: countBy('$classification.urgency'),
  [StatsPart.BY_SENTIMENT]: countBy('$classification.sentiment'),
};

function trendFacet(from: Date, asOf: Date, format: string, timezone: string): Facet {
  return [
    { $match: { createdAt: { $gte: from, $lte: asOf } } },
    ...countBy({ $dateToString: { format, date: '$createdAt', timezone } }),
  ];
}

function atRiskFacet(limit: number): Facet {
  return [
    {
      $group: {
        _id: '$customerId',
        negativeTickets: countWhen({ $eq: ['$classification.sentiment', Sentiment.NEGATIVE] }),
        highUrgencyTickets: countWhen({ $eq: ['$classification.urgency', Urgency.HIGH] }),
        openTickets: countWhen({ $in: ['$status', [TicketStatus.OPEN, TicketStatus.PENDING]] }),
        lastTicketAt: { $max: '$createdAt' },
      },
    },
    { $match: { $or: [{ negativeTickets: { $gt: 0 } }, { highUrgencyTickets: { $gt: 0 } }] } },
    {
      $addFields: {
        riskScore: {
          $add: [
            { $multiply: ['$highUrgencyTickets', 3] },
            { $multiply: ['$negativeTickets', 2] },
            '$openTickets',
          ],
        },
      },
    },
    { $sort: { riskScore: -1, lastTicketAt: -1, _id: 1 } },
    { $limit: limit },
  ];
}

/**
 * A tenant's figures by scanning its live tickets: one aggregation round trip, a $facet
 * holding only the facets the plan needs (trends once per time zone, bucketed by
 * $dateToString in that zone). Its cost grows with the tenant; it is the reference the
 * roll-ups are checked against, and serves while a tenant's roll-ups are being built.
 * Risk score: 3 per HIGH-urgency ticket, 2 per NEGATIVE ticket, 1 per ticket still OPEN or
 * PENDING; customers with neither a HIGH nor a NEGATIVE ticket are not at risk.
 */
export class ScanStatsStore implements StatsStore {
  constructor(private readonly tickets: Model<TicketDoc>) {}

  async compute(tenantId: string, plan: StatsPlan): Promise<RawStats> {
    const facets: Record<string, Facet> = {};
    for (const part of plan.parts) {
      if (part === StatsPart.KEYWORDS)
        facets[part] = [
          { $unwind: '$classification.keywords' },
          ...countBy('$classification.keywords'),
          { $sort: { count: -1, _id: 1 } },
          { $limit: plan.keywordLimit },
        ];
      else if (part === StatsPart.AT_RISK) facets[part] = atRiskFacet(plan.atRiskLimit);
      else facets[part] = PART_FACETS[part];
    }
    plan.hourly.forEach(({ timeZone, buckets }, i) => {
      facets[`hourly${i}`] = trendFacet(buckets[0]!.start, plan.asOf, LABEL_FORMAT.hour, timeZone);
    });
    plan.daily.forEach(({ timeZone, buckets }, i) => {
      facets[`daily${i}`] = trendFacet(buckets[0]!.start, plan.asOf, LABEL_FORMAT.day, timeZone);
    });
    const [result = {}] = await this.tickets.aggregate<Record<string, unknown[]>>([
      { $match: { tenantId, deletedAt: null } },
      { $facet: facets },
    ]);
    const rows = <T>(name: string) => result[name] as T | undefined;
    return {
      total: first(rows(StatsPart.TOTAL)),
      requiresAction: first(rows(StatsPart.REQUIRES_ACTION)),
      byStatus: toMap(rows(StatsPart.BY_STATUS)),
      bySource: toMap(rows(StatsPart.BY_SOURCE)),
      byUrgency: toMap(rows(StatsPart.BY_URGENCY)),
      bySentiment: toMap(rows(StatsPart.BY_SENTIMENT)),
      hourly: new Map(plan.hourly.map(({ timeZone }, i) => [timeZone, toMap(rows(`hourly${i}`))])),
      daily: new Map(plan.daily.map(({ timeZone }, i) => [timeZone, toMap(rows(`daily${i}`))])),
      keywords: (rows<Counted>(StatsPart.KEYWORDS) ?? []).map((row) => ({
        keyword: row._id,
        count: row.count,
      })),
      atRisk: (rows<AtRiskRow[]>(StatsPart.AT_RISK) ?? []).map(({ _id, ...row }) => ({
        customerId: _id,
        ...row,
      })),
    };
  }
}
