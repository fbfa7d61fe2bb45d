import { startEmbeddedMongo, type EmbeddedMongo } from '../src/dev/embedded-mongo.js';
import type { MockConfig } from '../mock-external-api/src/config.js';
import type { EnvSource } from '../src/infra/config/env.js';
import { startStack, type Stack } from '../test/support/stack.js';

/** A gateway, its own database on one embedded engine, and a mock: what every benchmark drives. */
export type BenchStack = Stack;

let engine: EmbeddedMongo | undefined;
let stacks = 0;

/**
 * The engine keeps everything in its heap: the million-ticket tenant of the stats benchmark
 * needs more than the JVM's default quarter of memory (BENCH_ENGINE_HEAP, 14g by default).
 */
export async function benchEngineUri(): Promise<string> {
  engine ??= await startEmbeddedMongo({ maxHeap: process.env.BENCH_ENGINE_HEAP ?? '14g' });
  return engine.uri;
}

export async function stopBenchEngine(): Promise<void> {
  await engine?.stop();
  engine = undefined;
}

/** Measured as production runs: no introspection, production error shapes. */
export async function startBenchStack(options: {
  mock: Partial<MockConfig>;
  env?: EnvSource;
}): Promise<BenchStack> {
  return startStack({
    mongoUri: await benchEngineUri(),
    dbName: `bench_${process.pid}_${stacks++}`,
    env: { NODE_ENV: 'production', ...options.env },
    mock: options.mock,
    dropDatabaseOnStop: true,
  });
}

export function seconds(startedNs: bigint): number {
  return Number(process.hrtime.bigint() - startedNs) / 1e9;
}

export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** The p-th percentile (nearest rank) of the values. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
