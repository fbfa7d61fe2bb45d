import type { ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { MAX_TREND_DAYS, MAX_TREND_WEEKS } from '../domain/stats/tenant-stats.js';

/**
 * Extra cost points of the fields whose database work a count of returned objects misses
 * (see the estimator in request-rules.ts). Calibrated on the embedded engine with 2,400
 * tickets per tenant (BENCHMARKS.md, "Query cost"): a 20-ticket page, costed 41, took about
 * 21 ms; tenantStats' five aggregations about 50 ms; totalCount, a count over every match,
 * 7 ms and growing with the tenant; a text search scans every ticket of the tenant.
 */
export const QUERY_COST = {
  tenantStats: 100,
  /** Two full reads of every figure at its longest, one of them a scan of the tenant. */
  statsCheck: 1000,
  /** Of a tickets list; other connections' counts (history, runs) cost 1. */
  totalCount: 20,
  search: 20,
} as const;

/**
 * A trend's own work, per day it covers: the day's roll-up read and its buckets summed in
 * Node for the zone (BENCHMARKS.md, "Query cost": CPU and database time per day).
 */
export const TREND_DAYS_PER_POINT = 10;

const trendCost = (days: number) => 1 + Math.ceil(days / TREND_DAYS_PER_POINT);
/** An argument out of range is refused by its resolver; it is priced at the maximum. */
const clamp = (value: unknown, max: number, fallback: number) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max
    ? value
    : typeof value === 'number'
      ? max
      : fallback;

export const TREND_COST = {
  hourly: (): number => trendCost(2),
  daily: ({ args }: ComplexityEstimatorArgs): number =>
    trendCost(clamp(args.days, MAX_TREND_DAYS, 30)),
  weekly: ({ args }: ComplexityEstimatorArgs): number =>
    trendCost(7 * clamp(args.weeks, MAX_TREND_WEEKS, 12)),
};

/** tickets: 1 as any object, plus the search's scan when it searches. */
export function ticketsCost({ args }: ComplexityEstimatorArgs): number {
  const filter = args.filter as { search?: string | null } | undefined;
  return 1 + (filter?.search ? QUERY_COST.search : 0);
}
