import autocannon from 'autocannon';
import type { BenchmarkFigures } from './figures.js';
import { round, startBenchStack, type BenchStack } from './harness.js';

/** Bounded in time (loopback only); BENCH_LOAD_SECONDS overrides the default three minutes. */
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 180);
const CONNECTIONS_PER_QUERY = 8;

const STATS_QUERY = `query { tenantStats(tenantId: "tenant_a") { totalTickets byStatus { status count } hourlyTrend { count } dailyTrend(days: 30) { count } topKeywords { keyword count } atRiskCustomers { customerId riskScore } } }`;
const TICKETS_QUERY = `query { tickets(tenantId: "tenant_b", first: 50, filter: { urgency: [HIGH, MEDIUM] }) { totalCount nodes { id subject classification { urgency } notification { status } } } }`;

function heapMb(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

async function poolInUse(stack: BenchStack): Promise<number> {
  const text = await (await fetch(`${stack.gateway.url}/metrics`)).text();
  return Number(
    /ticket_gateway_mongodb_pool_connections_in_use\{[^}]*\} (\d+)/.exec(text)?.[1] ?? Number.NaN,
  );
}

function load(stack: BenchStack, query: string): Promise<autocannon.Result> {
  return autocannon({
    url: stack.gateway.graphqlUrl,
    method: 'POST',
    connections: CONNECTIONS_PER_QUERY,
    duration: SECONDS,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.adminKey}` },
    body: JSON.stringify({ query }),
  });
}

/**
 * tenantStats and tickets queries hammered concurrently while a sweep ingests (the mock
 * answers pages slowly so it lasts), against one gateway on the embedded engine.
 */
export async function runLoadBenchmark(): Promise<BenchmarkFigures> {
  const stack = await startBenchStack({
    mock: { tickets: 10_000, rateLimit: 0 },
  });
  try {
    const startSweep = () =>
      fetch(stack.gateway.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.adminKey}` },
        body: JSON.stringify({
          query:
            'mutation { startIngestion(input: { allTenants: true, full: true }) { run { id } } }',
        }),
      });
    await startSweep();
    while (
      (await stack.db.models.ingestionRuns.countDocuments({ finishedAt: { $ne: null } })) === 0
    ) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    stack.mock.config.pageLatencyMs = 400; // the next sweep keeps running through the load
    await startSweep();

    const heapStart = heapMb();
    const poolStart = await poolInUse(stack);
    const [stats, tickets] = await Promise.all([
      load(stack, STATS_QUERY),
      load(stack, TICKETS_QUERY),
    ]);
    const heapEnd = heapMb();
    const poolEnd = await poolInUse(stack);
    const errors = (r: autocannon.Result) => r.errors + r.timeouts + r.non2xx;
    const figures = (name: string, r: autocannon.Result): BenchmarkFigures => ({
      [`load.${name}.requestsPerSecond`]: round(r.requests.average, 1),
      [`load.${name}.latencyMs.p50`]: r.latency.p50,
      [`load.${name}.latencyMs.p97_5`]: r.latency.p97_5,
      [`load.${name}.latencyMs.p99`]: r.latency.p99,
      [`load.${name}.errors`]: errors(r),
      [`load.${name}.requests`]: r.requests.total,
    });
    return {
      'load.seconds': SECONDS,
      'load.connectionsPerQuery': CONNECTIONS_PER_QUERY,
      ...figures('tenantStats', stats),
      ...figures('tickets', tickets),
      'load.heapMb.start': round(heapStart, 1),
      'load.heapMb.end': round(heapEnd, 1),
      'load.mongoPoolInUse.start': poolStart,
      'load.mongoPoolInUse.end': poolEnd,
      'load.ingestionPagesDuringLoad':
        (await stack.db.models.ingestionRuns.findOne().sort({ queuedAt: -1 }).lean())?.progress
          .processedPages ?? 0,
    };
  } finally {
    await stack.stop();
  }
}
