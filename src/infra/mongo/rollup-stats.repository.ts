import type { Model } from 'mongoose';
import { QuarterCounts, trendCounts, trendReads } from '../../domain/stats/quarter-counts.js';
import { QUARTERS_PER_DAY } from '../../domain/stats/rollup-delta.js';
import {
  emptyRaw,
  StatsPart,
  type AtRiskCustomer,
  type RawStats,
  type StatsPlan,
  type StatsStore,
} from '../../domain/stats/tenant-stats.js';
import type { StatsCustomerDoc } from './models/stats-customer.model.js';
import type { StatsRollupDoc } from './models/stats-rollup.model.js';
import { rollupCollection, type RollupRecord } from './rollup.repository.js';
import { dayOfId, fromFieldName, quarterOfId, rollupId } from './rollup-keys.js';

type Counts = Record<string, number> | undefined;

/** Tenants whose last at-risk floor is remembered (a number each). */
const MAX_RISK_FLOORS = 10_000;

const countsOf = (counts: Counts) =>
  new Map(Object.entries(counts ?? {}).map(([name, n]) => [fromFieldName(name), n]));

function topKeywords(counts: Counts, limit: number) {
  return [...countsOf(counts)]
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit)
    .map(([keyword, count]) => ({ keyword, count }));
}

/**
 * A tenant's figures from its roll-ups, in two indexed reads at once: the documents by id
 * (the totals, one per UTC day a trend covers, one per edge quarter-hour) and, when asked,
 * the top customers at risk as a range of their partial index. The cost follows the
 * buckets asked for, not the tickets. A tenant whose roll-ups are not complete (never built,
 * or being rebuilt) is scanned instead.
 */
export class RollupStatsStore implements StatsStore {
  /** Per tenant, the score the last top-customers answer ended at (least recently used first). */
  private readonly riskFloors = new Map<string, number>();

  constructor(
    private readonly models: {
      rollups: Model<StatsRollupDoc>;
      customers: Model<StatsCustomerDoc>;
    },
    private readonly scan: StatsStore,
  ) {}

  async compute(tenantId: string, plan: StatsPlan): Promise<RawStats> {
    const reads = trendReads(plan);
    const ids = [
      rollupId.totals(tenantId),
      ...(reads?.days.map((day) => rollupId.day(tenantId, day)) ?? []),
      ...(reads?.edgeQuarters.map((quarter) => rollupId.quarter(tenantId, quarter)) ?? []),
    ];
    const [docs, atRisk] = await Promise.all([
      rollupCollection(this.models.rollups)
        .find({ _id: { $in: ids } })
        .toArray(),
      plan.atRiskLimit > 0 ? this.atRisk(tenantId, plan.atRiskLimit) : [],
    ]);
    const totals = docs.find((doc) => doc.kind === 'totals');
    if (totals?.built !== true) return this.scan.compute(tenantId, plan);
    const asked = (part: StatsPart) => plan.parts.includes(part);
    const raw = emptyRaw();
    if (asked(StatsPart.TOTAL)) raw.total = (totals.total as number | undefined) ?? 0;
    if (asked(StatsPart.REQUIRES_ACTION))
      raw.requiresAction = (totals.requiresAction as number | undefined) ?? 0;
    if (asked(StatsPart.NEEDS_REVIEW))
      raw.needsReview = (totals.needsReview as number | undefined) ?? 0;
    const breakdowns = [
      [StatsPart.BY_STATUS, 'byStatus'],
      [StatsPart.BY_SOURCE, 'bySource'],
      [StatsPart.BY_URGENCY, 'byUrgency'],
      [StatsPart.BY_SENTIMENT, 'bySentiment'],
    ] as const;
    for (const [part, field] of breakdowns)
      if (asked(part)) raw[field] = countsOf(totals[field] as Counts);
    if (asked(StatsPart.KEYWORDS))
      raw.keywords = topKeywords(totals.keywords as Counts, plan.keywordLimit);
    raw.atRisk = atRisk;
    if (reads !== null) {
      const counts = new QuarterCounts(reads, quartersOf(docs), edgesOf(docs));
      Object.assign(raw, trendCounts(plan, counts));
    }
    return raw;
  }

  /**
   * The top customers at risk. The read starts at the score the tenant's last answer ended
   * at: when that range holds `limit` customers they are the top ones (scores only rank
   * down from there); otherwise the whole range is read. Exact either way; the narrower
   * range spares sorting every customer of the tenant (which the embedded engine does
   * without its index).
   */
  private async atRisk(tenantId: string, limit: number): Promise<AtRiskCustomer[]> {
    const floor = this.riskFloors.get(tenantId) ?? 0;
    const top = (minimum: number) =>
      this.models.customers
        .find({
          tenantId,
          concern: { $gt: 0 },
          ...(minimum > 0 ? { risk: { $gte: minimum } } : {}),
        })
        .sort({ risk: -1, last: -1, customerId: 1 })
        .limit(limit)
        .lean<StatsCustomerDoc[]>();
    let rows = await top(floor);
    if (rows.length < limit && floor > 0) rows = await top(0);
    this.riskFloors.delete(tenantId);
    this.riskFloors.set(tenantId, rows.length === limit ? rows[limit - 1]!.risk : 0);
    while (this.riskFloors.size > MAX_RISK_FLOORS)
      this.riskFloors.delete(this.riskFloors.keys().next().value!);
    return rows.map((row) => ({
      customerId: row.customerId,
      negativeTickets: row.negative,
      highUrgencyTickets: row.high,
      openTickets: row.open,
      lastTicketAt: row.last!,
      riskScore: row.risk,
    }));
  }
}

function* quartersOf(docs: RollupRecord[]): Iterable<[number, number]> {
  for (const doc of docs) {
    if (doc.kind !== 'day') continue;
    const first = dayOfId(doc._id) * QUARTERS_PER_DAY;
    for (const [i, n] of Object.entries((doc.q as Counts) ?? {})) yield [first + Number(i), n];
  }
}

function edgesOf(docs: RollupRecord[]): Map<number, Map<number, number>> {
  return new Map(
    docs
      .filter((doc) => doc.kind === 'quarter')
      .map((doc) => [
        quarterOfId(doc._id),
        new Map(Object.entries((doc.m as Counts) ?? {}).map(([at, n]) => [Number(at), n])),
      ]),
  );
}
