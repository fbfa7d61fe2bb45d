import type { Model, PipelineStage } from 'mongoose';
import {
  QuarterCounts,
  trendCounts,
  trendReads,
  type TrendReads,
} from '../../domain/stats/quarter-counts.js';
import { QUARTER_MS } from '../../domain/stats/rollup-delta.js';
import {
  StatsPart,
  type AtRiskCustomer,
  type RawStats,
  type StatsPlan,
  type StatsStore,
} from '../../domain/stats/tenant-stats.js';
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
  [StatsPart.NEEDS_REVIEW]: [{ $match: { 'classification.needsReview': true } }, { $count: 'n' }],
  [StatsPart.BY_STATUS]: countBy('$status'),
  [StatsPart.BY_SOURCE]: countBy('$source'),
  [StatsPart.BY_URGENCY]: countBy('$classification.urgency'),
  [StatsPart.BY_SENTIMENT]: countBy('$classification.sentiment'),
};

const minute = { $minute: '$createdAt' };
/** The quarter of its UTC hour a ticket was created in: 0 to 3. */
const quarterOfHour = {
  $cond: [
    { $lt: [minute, 30] },
    { $cond: [{ $lt: [minute, 15] }, 0, 1] },
    { $cond: [{ $lt: [minute, 45] }, 2, 3] },
  ],
};

/**
 * The trends' raw counts, in UTC only: tickets per quarter-hour over the span, and per
 * instant in the edge quarters. The zones' buckets are summed from them in Node, so the
 * database never meets a zone name (the engine's zone database is older than Node's).
 */
function trendFacets(reads: TrendReads, asOf: Date): Record<string, Facet> {
  const quarterStart = (quarter: number) => new Date(quarter * QUARTER_MS);
  return {
    quarters: [
      { $match: { createdAt: { $gte: quarterStart(reads.firstQuarter), $lte: asOf } } },
      ...countBy({
        hour: { $dateToString: { format: '%Y-%m-%dT%H', date: '$createdAt' } },
        quarter: quarterOfHour,
      }),
    ],
    edges: [
      {
        $match: {
          $or: reads.edgeQuarters.map((quarter) => ({
            createdAt: { $gte: quarterStart(quarter), $lt: quarterStart(quarter + 1) },
          })),
        },
      },
      ...countBy('$createdAt'),
    ],
  };
}

type QuarterRow = { _id: { hour: string; quarter: number }; count: number };
type InstantRow = { _id: Date; count: number };

function quarterCounts(reads: TrendReads, quarters: QuarterRow[], instants: InstantRow[]) {
  const edges = new Map<number, Map<number, number>>();
  for (const { _id: at, count } of instants) {
    const quarter = Math.floor(at.getTime() / QUARTER_MS);
    const offsets = edges.get(quarter) ?? new Map<number, number>();
    offsets.set(at.getTime() - quarter * QUARTER_MS, count);
    edges.set(quarter, offsets);
  }
  return new QuarterCounts(
    reads,
    quarters.map(({ _id, count }) => [
      Date.parse(`${_id.hour}:00:00Z`) / QUARTER_MS + _id.quarter,
      count,
    ]),
    edges,
  );
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
 * holding only the facets the plan needs (the trends of every zone from one count of
 * tickets per UTC quarter-hour). Its cost grows with the tenant; it is the reference the
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
    const reads = trendReads(plan);
    if (reads !== null) Object.assign(facets, trendFacets(reads, plan.asOf));
    const [result = {}] = await this.tickets.aggregate<Record<string, unknown[]>>([
      { $match: { tenantId, deletedAt: null } },
      { $facet: facets },
    ]);
    const rows = <T>(name: string) => result[name] as T | undefined;
    return {
      total: first(rows(StatsPart.TOTAL)),
      requiresAction: first(rows(StatsPart.REQUIRES_ACTION)),
      needsReview: first(rows(StatsPart.NEEDS_REVIEW)),
      byStatus: toMap(rows(StatsPart.BY_STATUS)),
      bySource: toMap(rows(StatsPart.BY_SOURCE)),
      byUrgency: toMap(rows(StatsPart.BY_URGENCY)),
      bySentiment: toMap(rows(StatsPart.BY_SENTIMENT)),
      ...(reads === null
        ? { hourly: new Map(), daily: new Map() }
        : trendCounts(
            plan,
            quarterCounts(reads, rows<QuarterRow[]>('quarters')!, rows<InstantRow[]>('edges')!),
          )),
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
