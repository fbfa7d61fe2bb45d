import { isDeepStrictEqual } from 'node:util';
import {
  computeStats,
  StatsPart,
  type StatsSelection,
  type StatsStore,
} from '../src/domain/stats/tenant-stats.js';
import { UTC } from '../src/domain/stats/time-buckets.js';
import { RollupStatsStore } from '../src/infra/mongo/rollup-stats.repository.js';
import { ScanStatsStore } from '../src/infra/mongo/scan-stats.repository.js';
import { RebuildTenantStatsDocument } from '../test/generated/graphql.js';
import type { BenchmarkFigures } from './figures.js';
import { percentile, round, startBenchStack, type BenchStack } from './harness.js';
import { insertSyntheticTickets } from './synthetic-tickets.js';

/**
 * Stats at any scale (issue 21): one tenant grown to 10k, 100k and 1M tickets (written
 * through the driver, then its roll-ups rebuilt), and at each size tenantStats with every
 * part, from the roll-ups and from today's scan, in one run. STATS_SIZES overrides the sizes.
 */
const SIZES = (process.env.STATS_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const TENANT = 'tenant_scale';
const ROLLUP_RUNS = 40;
/** The scan takes seconds at 100k and minutes at 1M: fewer runs. */
const scanRuns = (size: number) => (size >= 1_000_000 ? 3 : 5);

/** Every part, as the measurement asked: what /dashboard shows and more. */
const EVERY_PART: StatsSelection = {
  parts: Object.values(StatsPart),
  hourly: [UTC],
  daily: [{ timeZone: UTC, days: 30 }],
  weekly: [{ timeZone: UTC, weeks: 12 }],
  keywordLimit: 10,
  atRiskLimit: 10,
};

const EVERY_PART_QUERY = `query($asOf: DateTime) { tenantStats(tenantId: "${TENANT}", asOf: $asOf) {
  totalTickets requiresActionCount urgencyHighRatio byStatus { count } bySource { count }
  byUrgency { count } bySentiment { count } hourlyTrend { count } dailyTrend(days: 30) { count }
  weeklyTrend(weeks: 12) { count } topKeywords(limit: 10) { keyword count }
  atRiskCustomers(limit: 10) { customerId riskScore } } }`;

/**
 * Milliseconds of each of `runs` calls, after `warmUp` unmeasured ones (the engine's JIT
 * and the gateway's warm up), each computed afresh (its own asOf).
 */
async function timed(
  runs: number,
  warmUp: number,
  call: () => Promise<unknown>,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs + warmUp; i++) {
    const started = performance.now();
    await call();
    if (i >= warmUp) times.push(performance.now() - started);
  }
  return times;
}

const quantiles = (prefix: string, times: number[]): BenchmarkFigures => ({
  [`${prefix}.p50Ms`]: round(percentile(times, 50), 1),
  [`${prefix}.p95Ms`]: round(percentile(times, 95), 1),
});

async function rebuild(stack: BenchStack): Promise<number> {
  const started = performance.now();
  const { rebuildTenantStats } = await stack.data(RebuildTenantStatsDocument, {
    tenantId: TENANT,
  });
  if (rebuildTenantStats.userErrors.length > 0)
    throw new Error(JSON.stringify(rebuildTenantStats.userErrors));
  return (performance.now() - started) / 1000;
}

async function atSize(stack: BenchStack, size: number): Promise<BenchmarkFigures> {
  const { models } = stack.db;
  const scan = new ScanStatsStore(models.tickets);
  const rollups: StatsStore = new RollupStatsStore(
    { rollups: models.statsRollups, customers: models.statsCustomers },
    scan,
  );
  const compute = (store: StatsStore) => () => computeStats(store, TENANT, new Date(), EVERY_PART);
  const fromRollups = await timed(ROLLUP_RUNS, 20, compute(rollups));
  const overHttp = await timed(ROLLUP_RUNS, 20, async () => {
    const { body } = await stack.graphql(EVERY_PART_QUERY, { asOf: new Date().toISOString() });
    if (body.errors) throw new Error(JSON.stringify(body.errors));
  });
  const fromScan = await timed(scanRuns(size), 1, compute(scan));
  // The same figures both ways, at one instant.
  const asOf = new Date();
  const [byRollups, byScan] = [
    await computeStats(rollups, TENANT, asOf, EVERY_PART),
    await computeStats(scan, TENANT, asOf, EVERY_PART),
  ];
  const label = `stats.scale.${size}`;
  return {
    [`${label}.equalToScan`]: String(isDeepStrictEqual(byRollups, byScan)),
    ...quantiles(`${label}.rollups`, fromRollups),
    ...quantiles(`${label}.rollupsOverHttp`, overHttp),
    ...quantiles(`${label}.scan`, fromScan),
    [`${label}.scanOverRollups.p50`]: round(
      percentile(fromScan, 50) / percentile(fromRollups, 50),
      0,
    ),
  };
}

export async function runStatsScaleBenchmark(): Promise<BenchmarkFigures> {
  const stack = await startBenchStack({ mock: { tickets: 0 } });
  const figures: BenchmarkFigures = { 'stats.scale.sizes': SIZES.join(',') };
  try {
    await stack.runtime.services.tenants.declare([TENANT]);
    let stored = 0;
    for (const size of SIZES) {
      const started = performance.now();
      await insertSyntheticTickets(stack.db, TENANT, { count: size - stored, offset: stored });
      stored = size;
      figures[`stats.scale.${size}.insertSeconds`] = round((performance.now() - started) / 1000, 1);
      figures[`stats.scale.${size}.rebuildSeconds`] = round(await rebuild(stack), 1);
      Object.assign(figures, await atSize(stack, size));
      process.stdout.write(`  ${size}: ${JSON.stringify(figures)}\n`);
    }
    const [smallest, largest] = [SIZES[0]!, SIZES.at(-1)!];
    figures['stats.scale.largestOverSmallest.rollups.p95'] = round(
      (figures[`stats.scale.${largest}.rollups.p95Ms`] as number) /
        (figures[`stats.scale.${smallest}.rollups.p95Ms`] as number),
      2,
    );
    return figures;
  } finally {
    await stack.stop();
  }
}
