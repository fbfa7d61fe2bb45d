import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEntry, type EntryProcess } from '../test/support/entry-process.js';
import type { BenchmarkFigures } from './figures.js';
import { round, seconds } from './harness.js';

const KEY = /Admin key: (tgw_\S+)/;

/** Polls tenant_a's figures until it has tickets; the seconds that took. */
async function secondsToFirstFigures(main: EntryProcess, key: string, from: bigint) {
  for (;;) {
    const response = await fetch(`${main.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: '{ tenantStats(tenantId: "tenant_a") { totalTickets } }' }),
    });
    const body = (await response.json()) as { data?: { tenantStats: { totalTickets: number } } };
    if ((body.data?.tenantStats.totalTickets ?? 0) > 0) return seconds(from);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * `npm start` (the compiled demo, as `npm start` runs it after its build) on a machine
 * whose dependencies, build, classifier model and engine jars are ready: a first start
 * with no data (to serving, and to tenant_a's first figures, filled by itself), then a
 * restart with the data kept (to serving). What `npm ci`, the build and the model's first
 * preparation add on a fresh machine is measured by hand (BENCHMARKS.md, "Start").
 */
export async function runStartupBenchmark(): Promise<BenchmarkFigures> {
  const env = { LOG_LEVEL: 'info', DEMO_DATA_DIR: mkdtempSync(join(tmpdir(), 'tgw-start-')) };
  const coldFrom = process.hrtime.bigint();
  const first = await startEntry(env, { entry: 'demo', timeoutMs: 120_000 });
  const firstServing = seconds(coldFrom);
  const key = KEY.exec(first.output.join('\n'))![1]!;
  const firstFigures = await secondsToFirstFigures(first, key, coldFrom);
  await first.stop();
  const warmFrom = process.hrtime.bigint();
  const second = await startEntry(env, { entry: 'demo', timeoutMs: 120_000 });
  const warmServing = seconds(warmFrom);
  const warmFigures = await secondsToFirstFigures(second, key, warmFrom);
  await second.stop();
  return {
    'startup.firstStart.servingSeconds': round(firstServing, 1),
    'startup.firstStart.firstFiguresSeconds': round(firstFigures, 1),
    'startup.restart.servingSeconds': round(warmServing, 1),
    'startup.restart.figuresSeconds': round(warmFigures, 1),
  };
}
