import { NotificationStatus } from '../src/domain/alerting/alert.types.js';
import type { BenchmarkFigures } from './figures.js';
import { round, seconds, startBenchStack } from './harness.js';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

/**
 * Real timings would take hours: the mock fails every alert's first two calls, so two calls
 * in three fail, and the circuit (5 failures of the last 10 open it) must open again and again
 * for its 30 s. The benchmark keeps the default pattern and shrinks both 30 s periods (the
 * open circuit and the provider's 503 storm) by SCALE, then also projects the drain time at
 * full scale from the number of openings.
 */
const SCALE = 100;
const OPEN_MS = 30_000 / SCALE;
const CONCURRENCY = 16;

const START: TypedDocumentNode<
  { startIngestion: { run: { id: string } } },
  { input: { allTenants: boolean } }
> = parse(
  'mutation($input: StartIngestionInput!) { startIngestion(input: $input) { run { id } } }',
);

export async function runAlertingBenchmark(): Promise<BenchmarkFigures> {
  const stack = await startBenchStack({
    mock: { tickets: 10_000, rateLimit: 0, notifyStormMs: OPEN_MS },
    env: {
      NOTIFICATIONS_ENABLED: 'true',
      NOTIFY_CONCURRENCY: String(CONCURRENCY),
      NOTIFY_CIRCUIT_OPEN_MS: String(OPEN_MS),
      NOTIFY_MAX_ATTEMPTS: '1000',
      NOTIFY_POLL_MS: '20',
      NOTIFY_BACKOFF_BASE_MS: '50',
      NOTIFY_BACKOFF_CAP_MS: '2000',
    },
  });
  try {
    const started = process.hrtime.bigint();
    await stack.data(START, { input: { allTenants: true } });
    const outbox = stack.db.models.notifications;
    let queued = 0;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      queued = await outbox.countDocuments({});
      const delivered = await outbox.countDocuments({ status: NotificationStatus.DELIVERED });
      const runs = await stack.db.models.ingestionRuns.countDocuments({
        finishedAt: { $ne: null },
      });
      if (runs > 0 && queued > 0 && delivered === queued) break;
      if (seconds(started) > 1200)
        throw new Error(`not drained after 20 min: ${delivered}/${queued}`);
    }
    const drain = seconds(started);
    const calls = stack.mock.calls.filter((c) => c.path === '/notify').length;
    const metrics = await (await fetch(`${stack.gateway.url}/metrics`)).text();
    const opens =
      Number(
        /ticket_gateway_circuit_transitions_total\{[^}]*from="CLOSED"[^}]*to="OPEN"[^}]*\} (\d+)/.exec(
          metrics,
        )?.[1] ?? 0,
      ) +
      Number(
        /ticket_gateway_circuit_transitions_total\{[^}]*from="HALF_OPEN"[^}]*to="OPEN"[^}]*\} (\d+)/.exec(
          metrics,
        )?.[1] ?? 0,
      );
    return {
      'alerting.notifications': queued,
      'alerting.timeScale': SCALE,
      'alerting.drainSeconds.scaled': round(drain, 1),
      'alerting.circuitOpenings': opens,
      'alerting.drainSeconds.projectedAtFullScale': Math.round(
        drain + (opens * (30_000 - OPEN_MS)) / 1000,
      ),
      'alerting.callsPerDelivered': round(calls / queued, 2),
    };
  } finally {
    await stack.stop();
  }
}
