import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockConfig } from '../../mock-external-api/src/config.js';
import { NotificationStatus } from '../../src/domain/alerting/alert.types.js';
import { TicketStatus } from '../../src/domain/tickets/ticket.types.js';
import type { EnvSource } from '../../src/infra/config/env.js';
import {
  NotificationCircuitDocument,
  RequeueNotificationsDocument,
  ResetNotificationCircuitDocument,
  TicketsWithNestedDocument,
} from '../generated/graphql.js';
import { eventually } from '../support/eventually.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { ingest } from '../support/ingestion.js';

/** The mock's default failure pattern (two 500s per ticket, storms after ten failures), shortened. */
const FLAKY_NOTIFY: Partial<MockConfig> = {
  tickets: 800,
  notifyLatencyMinMs: 5,
  notifyLatencyMaxMs: 20,
  notifyStormMs: 400,
};
/** The seed's tickets are up to 30 days old: without an age limit every HIGH one is due. */
const FAST_RETRIES: EnvSource = {
  NOTIFICATIONS_ENABLED: 'true',
  ALERT_MAX_AGE: '0',
  NOTIFY_MAX_ATTEMPTS: '30',
  NOTIFY_CIRCUIT_OPEN_MS: '200',
  NOTIFY_BACKOFF_BASE_MS: '50',
  NOTIFY_BACKOFF_CAP_MS: '500',
  NOTIFY_POLL_MS: '50',
};

describe('alert delivery', () => {
  let quiet: TestGateway;
  let t: TestGateway;
  beforeAll(async () => {
    quiet = await startTestGateway({
      label: 'alerts_off',
      mock: FLAKY_NOTIFY,
      env: { ...FAST_RETRIES, NOTIFICATIONS_ENABLED: 'false' },
    });
    t = await startTestGateway({
      label: 'alerts_on',
      mock: FLAKY_NOTIFY,
      env: FAST_RETRIES,
    });
  });
  afterAll(async () => {
    await quiet.stop();
    await t.stop();
  });

  it('delivers every due HIGH ticket exactly once without slowing ingestion', async () => {
    const started = { off: performance.now(), on: 0 };
    await ingest(quiet, 'tenant_a');
    const offMs = performance.now() - started.off;
    started.on = performance.now();
    const run = await ingest(t, 'tenant_a');
    const onMs = performance.now() - started.on;
    const ratio = onMs / offMs;
    console.log(
      `ingestion with delivery running / without: ${ratio.toFixed(2)} (${onMs.toFixed(0)} ms / ${offMs.toFixed(0)} ms)`,
    );
    expect(ratio).toBeLessThan(2);

    const high = await t.db.models.tickets.countDocuments({
      tenantId: 'tenant_a',
      status: { $ne: TicketStatus.CLOSED },
      // Alerts follow raisesAlert: HIGH, or a combined P(HIGH) above the fitted threshold.
      'classification.raisesAlert': true,
    });
    expect(run.progress.notificationsQueued).toBe(high);
    await eventually(
      async () =>
        (await t.db.models.notifications.countDocuments({
          status: NotificationStatus.DELIVERED,
        })) === high,
      (done) => done,
      90_000,
    );
    const deliveries = t.mock.notify.deliveries();
    expect(Object.keys(deliveries)).toHaveLength(high);
    expect(Object.values(deliveries).every((count) => count === 1)).toBe(true);
    expect(
      await t.db.models.notifications.countDocuments({
        status: NotificationStatus.DELIVERED,
        attempts: { $lt: 3 },
      }),
    ).toBe(0);
  }, 120_000);

  it('shows the delivery state on tickets and counts deliveries in /metrics', async () => {
    const page = await t.graphql(TicketsWithNestedDocument, { tenantId: 'tenant_a', first: 100 });
    const alerted = page.body.data!.tickets.nodes.filter(
      (n) => n.notification !== null && n.notification.status !== 'SKIPPED',
    );
    expect(alerted.length).toBeGreaterThan(0);
    for (const node of alerted) {
      expect(node.notification).toMatchObject({
        status: 'DELIVERED',
        skipReason: null,
        lastError: null,
      });
      expect(node.notification!.attempts).toBeGreaterThanOrEqual(3);
      expect(node.notification!.deliveredAt).not.toBeNull();
    }
    const metrics = await (await fetch(`${t.gateway.url}/metrics`)).text();
    const delivered = Number(
      /ticket_gateway_notifications_delivered_total\{[^}]*\} (\d+)/.exec(metrics)?.[1],
    );
    expect(delivered).toBe(
      await t.db.models.notifications.countDocuments({ status: NotificationStatus.DELIVERED }),
    );
    expect(metrics).toMatch(
      /ticket_gateway_notification_attempt_failures_total\{[^}]*kind="dependency"[^}]*\} [1-9]/,
    );
    const latencies = Number(
      /ticket_gateway_notification_delivery_latency_seconds_count\{[^}]*\} (\d+)/.exec(
        metrics,
      )?.[1],
    );
    expect(latencies).toBe(delivered);
  });

  it('reports and resets the shared circuit, and sends FAILED alerts again on demand', async () => {
    const status = await t.graphql(NotificationCircuitDocument);
    expect(status.body.data?.notificationCircuit).toMatchObject({
      name: 'provider-notify',
      windowSize: 10,
    });
    const reset = await t.graphql(ResetNotificationCircuitDocument);
    expect(reset.body.data?.resetNotificationCircuit).toEqual({ state: 'CLOSED', failureCount: 0 });

    await t.db.models.notifications.updateOne(
      { status: NotificationStatus.DELIVERED },
      { $set: { status: NotificationStatus.FAILED, lastError: 'HTTP 400' } },
    );
    const requeued = await t.graphql(RequeueNotificationsDocument, {
      input: { tenantId: 'tenant_a', statuses: [NotificationStatus.FAILED] },
    });
    expect(requeued.body.data?.requeueNotifications).toEqual({ queued: 1, userErrors: [] });
    await eventually(
      async () =>
        (await t.db.models.notifications.countDocuments({
          status: { $in: [NotificationStatus.PENDING, NotificationStatus.FAILED] },
        })) === 0,
      (done) => done,
      30_000,
    );
    // The provider saw the retry under the same idempotency key: still one delivery each.
    expect(Object.values(t.mock.notify.deliveries()).every((count) => count === 1)).toBe(true);
  });
});
