import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HIGH_URGENCY_REASON } from '../../src/domain/alerting/alert-policy.js';
import { NotificationStatus } from '../../src/domain/alerting/alert.types.js';
import { Urgency } from '../../src/domain/tickets/ticket.types.js';
import type { MockConfig } from '../../mock-external-api/src/config.js';
import { deliveriesOf, highProviderTicket } from '../support/alerts.js';
import { eventually } from '../support/eventually.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { ingest } from '../support/ingestion.js';

const BACKLOG = 3000;
const HOUR = 3_600_000;

/** Due alerts of older (but fresh enough) tickets of another tenant, waiting for delivery. */
async function queueBacklog(t: TestGateway): Promise<void> {
  const now = Date.now();
  await t.db.models.notifications.insertMany(
    Array.from({ length: BACKLOG }, (_, i) => {
      const at = new Date(now - HOUR - ((i * 7919) % (20 * HOUR)));
      return {
        tenantId: 'tenant_b',
        externalId: `backlog-${i}`,
        ticketId: new Types.ObjectId().toHexString(),
        reason: HIGH_URGENCY_REASON,
        urgency: Urgency.HIGH,
        signals: ['legal:lawyer'],
        status: NotificationStatus.PENDING,
        attempts: 0,
        ticketActivityAt: at,
        queuedAt: new Date(now - 600_000),
        nextAttemptAt: new Date(now - 600_000),
        createdAt: new Date(now - 600_000),
      };
    }),
  );
}

// The breaker keeps SPEC's thresholds (5 failures of the last 10 calls open it for 30 s, then
// one trial) and the mock answers /notify in 0.1 to 0.5 s: real timings.
describe.each<[string, Partial<MockConfig>]>([
  ["each alert's first two calls failing (the mock's default)", {}],
  ['20% of calls failing at random', { notifyFailuresPerTicket: 0, notifyFailureRate: 0.2 }],
])('a fresh HIGH ticket amid 3,000 older due alerts, %s', (label, notify) => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({
      label: `alert_latency_${label.length}`,
      mock: { tickets: 40, notifyLatencyMinMs: 100, notifyLatencyMaxMs: 500, ...notify },
      env: { NOTIFICATIONS_ENABLED: 'true' },
    });
    await queueBacklog(t);
    // Let the dispatchers work the backlog (and the circuit open) before the ticket arrives.
    await new Promise((resolve) => setTimeout(resolve, 5000));
  });
  afterAll(async () => {
    await t.stop();
  });

  it('is delivered within 60 s of the run that ingested it', async () => {
    t.mock.store.append([highProviderTicket('tenant_a', 'fresh-outage')]);
    const run = await ingest(t, 'tenant_a');
    expect(run.progress.notificationsQueued).toBeGreaterThanOrEqual(1);
    const ingestedAt = Date.parse(run.finishedAt!);
    await eventually(
      async () => deliveriesOf(t, 'tenant_a', 'fresh-outage'),
      (count) => count === 1,
      90_000,
    );
    const latencyMs = Date.now() - ingestedAt;
    console.log(`${label}: fresh alert delivered ${(latencyMs / 1000).toFixed(1)} s after its run`);
    expect(latencyMs).toBeLessThan(60_000);
    expect(
      await t.db.models.notifications.countDocuments({ status: NotificationStatus.PENDING }),
    ).toBeGreaterThan(BACKLOG / 2);
  }, 120_000);
});
