import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastActivity } from '../../src/domain/alerting/alert-policy.js';
import {
  NotificationSkipReason,
  NotificationStatus,
} from '../../src/domain/alerting/alert.types.js';
import { TicketStatus } from '../../src/domain/tickets/ticket.types.js';
import {
  CreateApiKeyDocument,
  NotificationQueueDocument,
  RequeueNotificationsDocument,
} from '../generated/graphql.js';
import { deliveriesOf, highProviderTicket } from '../support/alerts.js';
import { eventually } from '../support/eventually.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { ingest } from '../support/ingestion.js';

const DAY = 86_400_000;

/** Every alert of the tenant, with the ticket it is for. */
async function alertsWithTickets(t: TestGateway, tenantId: string) {
  const alerts = await t.db.models.notifications.find({ tenantId }).lean();
  const tickets = await t.db.models.tickets.find({ tenantId }).lean();
  const byId = new Map(tickets.map((ticket) => [String(ticket._id), ticket]));
  return alerts.map((alert) => ({ alert, ticket: byId.get(alert.ticketId)! }));
}

const noneDue = (t: TestGateway) => async () =>
  (await t.db.models.notifications.countDocuments({ status: NotificationStatus.PENDING })) === 0;

describe('what is due: open or pending HIGH tickets active within ALERT_MAX_AGE', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({
      label: 'alert_rule',
      // A provider that accepts every alert: this is about which alerts go out.
      mock: { tickets: 600, notifyFailuresPerTicket: 0 },
      env: { NOTIFICATIONS_ENABLED: 'true', NOTIFY_POLL_MS: '20' },
    });
    t.mock.store.append([
      highProviderTicket('tenant_a', 'fresh-open'),
      highProviderTicket('tenant_a', 'fresh-closed', { status: 'closed' }),
      highProviderTicket('tenant_a', 'old-open', { ageMs: 3 * DAY }),
    ]);
    await ingest(t, 'tenant_a');
    await eventually(noneDue(t), (done) => done, 30_000);
  });
  afterAll(async () => {
    await t.stop();
  });

  it('skips closed and stale HIGH tickets with the reason; only due ones reach /notify', async () => {
    const rows = await alertsWithTickets(t, 'tenant_a');
    const high = await t.db.models.tickets.countDocuments({
      tenantId: 'tenant_a',
      // Alerts follow raisesAlert: HIGH, or a combined P(HIGH) above the fitted threshold.
      'classification.raisesAlert': true,
    });
    expect(rows).toHaveLength(high);
    const now = Date.now();
    const expected = rows.map(({ ticket }) =>
      ticket.status === TicketStatus.CLOSED
        ? 'SKIPPED:CLOSED'
        : now - lastActivity(ticket).getTime() > DAY
          ? 'SKIPPED:STALE'
          : 'DELIVERED:null',
    );
    expect(rows.map(({ alert }) => `${alert.status}:${alert.skipReason ?? null}`)).toEqual(
      expected,
    );
    for (const kind of ['SKIPPED:CLOSED', 'SKIPPED:STALE', 'DELIVERED:null'])
      expect(expected, kind).toContain(kind);
    const delivered = rows.filter(({ alert }) => alert.status === NotificationStatus.DELIVERED);
    expect(Object.keys(t.mock.notify.deliveries()).sort()).toEqual(
      delivered.map(({ alert }) => `tenant_a/${alert.externalId}`).sort(),
    );
    expect(deliveriesOf(t, 'tenant_a', 'fresh-open')).toBe(1);
  });

  it('alerts a skipped ticket once when it is reopened upstream', async () => {
    expect(deliveriesOf(t, 'tenant_a', 'fresh-closed')).toBe(0);
    t.mock.store.modify({ tenant_id: 'tenant_a', id: 'fresh-closed' }, { status: 'open' });
    const run = await ingest(t, 'tenant_a');
    expect(run.progress.notificationsQueued).toBe(1);
    await eventually(
      async () => deliveriesOf(t, 'tenant_a', 'fresh-closed'),
      (count) => count === 1,
      30_000,
    );
    await ingest(t, 'tenant_a', { full: true });
    await eventually(noneDue(t), (done) => done, 30_000);
    expect(deliveriesOf(t, 'tenant_a', 'fresh-closed')).toBe(1);
  });

  it('shows the queue at a glance to the tenant, matching the outbox', async () => {
    const key = await t.graphql(CreateApiKeyDocument, {
      input: { name: 'a', tenantId: 'tenant_a' },
    });
    const view = await t.graphql(NotificationQueueDocument, {}, key.body.data!.createApiKey.secret);
    const queue = view.body.data!.notificationQueue;
    expect(queue.tenantId).toBe('tenant_a');
    for (const { status, count } of queue.byStatus)
      expect(count, status).toBe(
        await t.db.models.notifications.countDocuments({
          tenantId: 'tenant_a',
          status: status as NotificationStatus,
        }),
      );
    for (const { skipReason, count } of queue.bySkipReason)
      expect(count, skipReason).toBe(
        await t.db.models.notifications.countDocuments({
          tenantId: 'tenant_a',
          skipReason: skipReason as NotificationSkipReason,
        }),
      );
    expect(queue.oldestDueAgeSeconds).toBeNull();
    expect(queue.circuit.state).toBe('CLOSED');
  });

  it('sends skipped alerts on demand, each exactly once, whatever their age', async () => {
    const stale = await t.db.models.notifications.countDocuments({
      tenantId: 'tenant_a',
      skipReason: NotificationSkipReason.STALE,
    });
    expect(stale).toBeGreaterThan(0);
    const sent = await t.graphql(RequeueNotificationsDocument, {
      input: { tenantId: 'tenant_a', statuses: [NotificationStatus.SKIPPED], skipReason: 'STALE' },
    });
    expect(sent.body.data?.requeueNotifications).toEqual({ queued: stale, userErrors: [] });
    await eventually(noneDue(t), (done) => done, 60_000);
    const again = await t.graphql(RequeueNotificationsDocument, {
      input: { tenantId: 'tenant_a', statuses: [NotificationStatus.SKIPPED], skipReason: 'STALE' },
    });
    expect(again.body.data?.requeueNotifications.queued).toBe(0);
    const deliveries = Object.values(t.mock.notify.deliveries());
    expect(deliveries.every((count) => count === 1)).toBe(true);
    expect(
      await t.db.models.notifications.countDocuments({
        tenantId: 'tenant_a',
        status: NotificationStatus.SKIPPED,
        skipReason: NotificationSkipReason.CLOSED,
      }),
    ).toBeGreaterThan(0);
  });
});
