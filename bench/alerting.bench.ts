import type { MockConfig } from '../mock-external-api/src/config.js';
import { NotificationStatus } from '../src/domain/alerting/alert.types.js';
import { deliveriesOf, highProviderTicket, queueBacklog } from '../test/support/alerts.js';
import type { BenchmarkFigures } from './figures.js';
import { percentile, round, seconds, startBenchStack, type BenchStack } from './harness.js';
import { runToEnd } from './runs.js';

/**
 * Everything at real timings: the breaker opens at 5 failures of the last 10 calls for 30 s,
 * the mock answers /notify in 0.1 to 0.5 s and storms for 30 s after ten straight failures.
 */
const REAL_NOTIFY: Partial<MockConfig> = { notifyLatencyMinMs: 100, notifyLatencyMaxMs: 500 };
const DELIVERY_ON = { NOTIFICATIONS_ENABLED: 'true' };
const BACKLOG = 3000;
const FRESH_SAMPLES = 6;
const SAMPLE_EVERY_MS = 15_000;

async function waitFor(check: () => Promise<boolean> | boolean, limitS: number, what: string) {
  const started = process.hrtime.bigint();
  while (!(await check())) {
    if (seconds(started) > limitS) throw new Error(`${what}: not within ${limitS} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Fresh HIGH tickets ingested one by one amid a backlog: seconds from each run to delivery. */
async function freshLatencies(stack: BenchStack): Promise<number[]> {
  await queueBacklog(stack.db, BACKLOG);
  await new Promise((resolve) => setTimeout(resolve, 5000));
  const latencies: number[] = [];
  for (let i = 0; i < FRESH_SAMPLES; i++) {
    const id = `fresh-${i}`;
    stack.mock.store.append([highProviderTicket('tenant_a', id)]);
    const run = await runToEnd(stack, { tenantId: 'tenant_a' });
    const ingestedAt = Date.parse(run.finishedAt!);
    await waitFor(() => deliveriesOf(stack, 'tenant_a', id) === 1, 300, `fresh alert ${id}`);
    latencies.push((Date.now() - ingestedAt) / 1000);
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_EVERY_MS * Math.random()));
  }
  return latencies;
}

async function freshAmidBacklog(
  mode: string,
  notify: Partial<MockConfig>,
): Promise<BenchmarkFigures> {
  const stack = await startBenchStack({
    mock: { tickets: 40, ...REAL_NOTIFY, ...notify },
    env: DELIVERY_ON,
  });
  try {
    const latencies = await freshLatencies(stack);
    return {
      [`alerting.freshLatencySeconds.${mode}.p50`]: round(percentile(latencies, 50), 1),
      [`alerting.freshLatencySeconds.${mode}.p95`]: round(percentile(latencies, 95), 1),
      [`alerting.freshLatencySeconds.${mode}.max`]: round(Math.max(...latencies), 1),
    };
  } finally {
    await stack.stop();
  }
}

/** The 10,000-ticket seed: which of its HIGH alerts are due, and how long the due ones take. */
async function seedDrain(): Promise<BenchmarkFigures> {
  const stack = await startBenchStack({
    mock: { tickets: 10_000, ...REAL_NOTIFY },
    env: DELIVERY_ON,
  });
  try {
    const started = process.hrtime.bigint();
    await runToEnd(stack, { allTenants: true });
    const outbox = stack.db.models.notifications;
    const count = (filter: object) => outbox.countDocuments(filter);
    const due = await count({ status: { $ne: NotificationStatus.SKIPPED } });
    const stale = await count({ skipReason: 'STALE' });
    // Tickets close to the 24 h edge may go stale while they wait: those end SKIPPED.
    await waitFor(
      async () => (await count({ status: NotificationStatus.PENDING })) === 0,
      3600,
      'the seed drained',
    );
    const delivered = await count({ status: NotificationStatus.DELIVERED });
    const calls = stack.mock.calls.filter((call) => call.path === '/notify').length;
    return {
      'alerting.seed.highAlerts': await count({}),
      'alerting.seed.due': due,
      'alerting.seed.skippedStale': stale,
      'alerting.seed.skippedClosed': await count({ skipReason: 'CLOSED' }),
      'alerting.seed.delivered': delivered,
      'alerting.seed.wentStaleWaiting': (await count({ skipReason: 'STALE' })) - stale,
      'alerting.seed.drainSeconds': round(seconds(started), 1),
      'alerting.seed.callsPerDelivered': round(calls / delivered, 2),
    };
  } finally {
    await stack.stop();
  }
}

/** Prints each part's figures as soon as it has them: the whole takes most of an hour. */
async function part(run: () => Promise<BenchmarkFigures>): Promise<BenchmarkFigures> {
  const figures = await run();
  process.stdout.write(`${JSON.stringify(figures)}\n`);
  return figures;
}

export async function runAlertingBenchmark(): Promise<BenchmarkFigures> {
  return {
    ...(await part(() => freshAmidBacklog('failFirstTwo', {}))),
    ...(await part(() =>
      freshAmidBacklog('random20', { notifyFailuresPerTicket: 0, notifyFailureRate: 0.2 }),
    )),
    ...(await part(seedDrain)),
  };
}
