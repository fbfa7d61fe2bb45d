import type { ComplexityEstimatorArgs } from 'graphql-query-complexity';

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

/** tickets: 1 as any object, plus the search's scan when it searches. */
export function ticketsCost({ args }: ComplexityEstimatorArgs): number {
  const filter = args.filter as { search?: string | null } | undefined;
  return 1 + (filter?.search ? QUERY_COST.search : 0);
}
