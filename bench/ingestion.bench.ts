import type { BenchmarkFigures } from './figures.js';
import { round, seconds, startBenchStack } from './harness.js';
import { runToEnd } from './runs.js';

const TENANTS = ['tenant_a', 'tenant_b', 'tenant_c', 'tenant_d'];

/** The 10,000-ticket seed at the real 60 calls/min: time against the floor the limit sets. */
async function atTheRateLimit(): Promise<BenchmarkFigures> {
  const stack = await startBenchStack({
    mock: { tickets: 10_000, rateLimit: 60 },
    env: { PROVIDER_RATE_LIMIT: '60' },
  });
  try {
    const started = process.hrtime.bigint();
    const run = await runToEnd(stack, { allTenants: true });
    const elapsed = seconds(started);
    const calls = stack.mock.calls.length;
    // With 60 calls per rolling minute, call n can go no earlier than floor((n-1)/60) minutes in.
    const floor = Math.floor((calls - 1) / 60) * 60;
    return {
      'ingestion.rateLimited.seconds': round(elapsed, 1),
      'ingestion.rateLimited.floorSeconds': floor,
      'ingestion.rateLimited.ratioToFloor': round(elapsed / floor, 3),
      'ingestion.rateLimited.providerCalls': calls,
      'ingestion.rateLimited.tickets': run.progress.created,
      'ingestion.rateLimited.http429': stack.mock.calls.filter((c) => c.status === 429).length,
      'ingestion.rateLimited.rateLimitWaits': run.progress.rateLimitWaits,
    };
  } finally {
    await stack.stop();
  }
}

/** Provider calls per ingested ticket: four tenant runs against one sweep, mock unlimited. */
async function callsPerTicket(): Promise<BenchmarkFigures> {
  const perTenant = await startBenchStack({
    mock: { tickets: 10_000, rateLimit: 0 },
  });
  const sweep = await startBenchStack({
    mock: { tickets: 10_000, rateLimit: 0 },
  });
  try {
    let tickets = 0;
    for (const tenantId of TENANTS)
      tickets += (await runToEnd(perTenant, { tenantId })).progress.created;
    const started = process.hrtime.bigint();
    const swept = await runToEnd(sweep, { allTenants: true });
    const sweepSeconds = seconds(started);
    const perTenantRatio = perTenant.mock.calls.length / tickets;
    const sweepRatio = sweep.mock.calls.length / swept.progress.created;
    return {
      'ingestion.callsPerTicket.perTenant': round(perTenantRatio, 4),
      'ingestion.callsPerTicket.sweep': round(sweepRatio, 4),
      'ingestion.callsPerTicket.perTenantOverSweep': round(perTenantRatio / sweepRatio, 2),
      'ingestion.unlimited.ticketsPerSecond': Math.round(swept.progress.created / sweepSeconds),
      'ingestion.unlimited.seconds': round(sweepSeconds, 2),
    };
  } finally {
    await perTenant.stop();
    await sweep.stop();
  }
}

function heapMb(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/** 100 consecutive runs of one tenant: the heap after them against the heap after the first 10. */
async function heapOverRuns(): Promise<BenchmarkFigures> {
  const stack = await startBenchStack({
    mock: { tickets: 2000, rateLimit: 0 },
  });
  try {
    let afterTen = 0;
    for (let i = 1; i <= 100; i++) {
      await runToEnd(stack, { tenantId: 'tenant_a' });
      if (i === 10) afterTen = heapMb();
    }
    const afterHundred = heapMb();
    return {
      'ingestion.heap.mbAfter10Runs': round(afterTen, 1),
      'ingestion.heap.mbAfter100Runs': round(afterHundred, 1),
      'ingestion.heap.growthMbOver90Runs': round(afterHundred - afterTen, 1),
      'ingestion.heap.gcExposed': globalThis.gc === undefined ? 'no' : 'yes',
    };
  } finally {
    await stack.stop();
  }
}

export async function runIngestionBenchmark(): Promise<BenchmarkFigures> {
  return { ...(await callsPerTicket()), ...(await heapOverRuns()), ...(await atTheRateLimit()) };
}
