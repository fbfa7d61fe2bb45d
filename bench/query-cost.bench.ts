import type { BenchmarkFigures } from './figures.js';
import { percentile, round, startBenchStack, type BenchStack } from './harness.js';
import { runToEnd } from './runs.js';

/**
 * The calibration of query costs (issue 22): for each shape, through the API on the
 * embedded engine, the wall time, the gateway's CPU time (process.cpuUsage: the event loop
 * work a cost must cover, which database time does not show) and the database time
 * (command monitoring) per request, next to the cost charged. Each request is computed
 * afresh (its own asOf), after warm-up, sequentially.
 */
const RUNS = 20;
const WARM_UP = 5;
const ZONES = ['UTC', 'Europe/Paris', 'Asia/Kolkata', 'America/Los_Angeles'];
const weekly = (zone: string, alias: string) =>
  `${alias}: weeklyTrend(weeks: 104, timeZone: "${zone}") { count }`;

const SHAPES: [string, string][] = [
  ['page20', 'tickets(tenantId: "tenant_a", first: 20) { nodes { id subject status } }'],
  ['statsTotals', 'tenantStats(tenantId: "tenant_a", asOf: $asOf) { totalTickets }'],
  [
    'statsDashboard',
    `tenantStats(tenantId: "tenant_a", asOf: $asOf) { totalTickets urgencyHighRatio requiresActionCount
      byStatus { count } bySource { count } byUrgency { count } bySentiment { count }
      hourlyTrend { count } dailyTrend(days: 30) { count } topKeywords(limit: 10) { count }
      atRiskCustomers(limit: 10) { riskScore } }`,
  ],
  [
    'daily366',
    'tenantStats(tenantId: "tenant_a", asOf: $asOf) { dailyTrend(days: 366) { count } }',
  ],
  ['weekly104', `tenantStats(tenantId: "tenant_a", asOf: $asOf) { ${weekly('UTC', 'w')} }`],
  [
    'weekly104x4zones',
    `tenantStats(tenantId: "tenant_a", asOf: $asOf) { ${ZONES.map((z, i) => weekly(z, `w${i}`)).join(' ')} }`,
  ],
  [
    'weekly104x30aliases',
    `tenantStats(tenantId: "tenant_a", asOf: $asOf) { ${Array.from({ length: 30 }, (_, i) => weekly(ZONES[i % 4]!, `w${i}`)).join(' ')} }`,
  ],
];

async function measure(stack: BenchStack, query: string) {
  const document = query.includes('$asOf') ? `query($asOf: DateTime) { ${query} }` : `{ ${query} }`;
  const client = stack.db.connection.getClient();
  let dbMs = 0;
  const onDone = (event: { duration: number }) => (dbMs += event.duration);
  const call = async (i: number) => {
    const { body } = await stack.graphql<unknown, { asOf: string }>(document, {
      asOf: new Date(Date.now() - i).toISOString(),
    });
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return (body.extensions as { cost: { requestedQueryCost: number } }).cost.requestedQueryCost;
  };
  for (let i = 0; i < WARM_UP; i++) await call(i);
  const walls: number[] = [];
  let cost = 0;
  client.on('commandSucceeded', onDone);
  const cpu = process.cpuUsage();
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    cost = await call(WARM_UP + i);
    walls.push(performance.now() - started);
  }
  const used = process.cpuUsage(cpu);
  client.off('commandSucceeded', onDone);
  return {
    cost,
    wallP50: percentile(walls, 50),
    cpuMs: (used.user + used.system) / 1000 / RUNS,
    dbMs: dbMs / RUNS,
  };
}

export async function runQueryCostBenchmark(): Promise<BenchmarkFigures> {
  const stack = await startBenchStack({
    mock: { tickets: 8000 },
    env: { KEY_BUDGET_POINTS: '10000', ADMIN_BUDGET_FACTOR: '1000' },
  });
  try {
    await runToEnd(stack, { tenantId: 'tenant_a' });
    const figures: BenchmarkFigures = {};
    for (const [name, query] of SHAPES) {
      const m = await measure(stack, query);
      const label = `queryCost.${name}`;
      figures[`${label}.cost`] = m.cost;
      figures[`${label}.wallMsP50`] = round(m.wallP50, 1);
      figures[`${label}.cpuMs`] = round(m.cpuMs, 2);
      figures[`${label}.dbMs`] = round(m.dbMs, 2);
      figures[`${label}.wallMsPerPoint`] = round(m.wallP50 / m.cost, 3);
      process.stdout.write(`  ${name}: ${JSON.stringify(m)}\n`);
    }
    return figures;
  } finally {
    await stack.stop();
  }
}
