import { describe, expect, it } from 'vitest';
import { highTicketAged, InMemoryAlertOutbox, knownTenants } from '../../../test/support/fakes.js';
import type { Principal } from '../auth/principal.js';
import { TicketStatus } from '../tickets/ticket.types.js';
import { UserErrorCode } from '../user-error.js';
import { decideAlert } from './alert-policy.js';
import { NotificationSkipReason, NotificationStatus } from './alert.types.js';
import { AlertingService } from './alerting.service.js';
import { CircuitState } from './circuit.types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const admin: Principal = { keyId: 'k', keyName: 'admin', tenantId: null, isAdmin: true };
const tenantKey: Principal = { keyId: 't', keyName: 'a', tenantId: 'a', isAdmin: false };

describe('the rule of what is due', () => {
  const now = new Date();
  const decide = (ticket: ReturnType<typeof highTicketAged>, maxAgeMs = DAY) =>
    [decideAlert(ticket, now, maxAgeMs)].map((d) => [d.status, d.skipReason])[0];

  it('alerts an open or pending ticket active within ALERT_MAX_AGE', () => {
    expect(decide(highTicketAged('1', HOUR))).toEqual([NotificationStatus.PENDING, null]);
    expect(decide({ ...highTicketAged('1', HOUR), status: TicketStatus.PENDING })).toEqual([
      NotificationStatus.PENDING,
      null,
    ]);
  });

  it('skips a closed ticket, and one whose last activity is too old', () => {
    const closed = { ...highTicketAged('1', HOUR), status: TicketStatus.CLOSED };
    expect(decide(closed)).toEqual([NotificationStatus.SKIPPED, NotificationSkipReason.CLOSED]);
    expect(decide(highTicketAged('1', 2 * DAY))).toEqual([
      NotificationStatus.SKIPPED,
      NotificationSkipReason.STALE,
    ]);
  });

  it('skips a deleted ticket, whatever its state', () => {
    expect(decide({ ...highTicketAged('1', HOUR), deleted: true })).toEqual([
      NotificationStatus.SKIPPED,
      NotificationSkipReason.DELETED,
    ]);
  });

  it('counts an update as activity, and 0 as no age limit', () => {
    const updated = { ...highTicketAged('1', 30 * DAY), updatedAt: new Date(now.getTime() - HOUR) };
    expect(decide(updated)).toEqual([NotificationStatus.PENDING, null]);
    expect(decide(highTicketAged('1', 300 * DAY), 0)).toEqual([NotificationStatus.PENDING, null]);
  });
});

function service(outbox = new InMemoryAlertOutbox()) {
  const circuit = {
    name: 'provider-notify',
    state: CircuitState.CLOSED,
    failureCount: 0,
    windowSize: 10,
    openedAt: null,
    nextAttemptAt: null,
  };
  const breaker = { status: async () => circuit, reset: async () => circuit };
  const tenants = knownTenants('a', 'b', 'tenant_a', 'tenant_b');
  return { outbox, alerting: new AlertingService(outbox, breaker, { maxAgeMs: DAY }, tenants) };
}

describe('AlertingService', () => {
  it('keeps one alert per ticket: skipped when stale, due once reopened, skipped again when closed', async () => {
    const { outbox, alerting } = service();
    const stale = { ...highTicketAged('1', 3 * DAY), status: TicketStatus.CLOSED };
    expect(await alerting.recordHighTickets([stale])).toBe(0);
    expect(outbox.alerts[0]).toMatchObject({ status: 'SKIPPED', skipReason: 'CLOSED' });
    const reopened = { ...stale, status: TicketStatus.OPEN, updatedAt: new Date() };
    expect(await alerting.recordHighTickets([reopened])).toBe(1);
    expect(await alerting.recordHighTickets([reopened])).toBe(0);
    expect(outbox.alerts).toHaveLength(1);
    expect(outbox.alerts[0]).toMatchObject({ status: 'PENDING', skipReason: null });
    await alerting.recordHighTickets([{ ...reopened, status: TicketStatus.CLOSED }]);
    expect(outbox.alerts[0]).toMatchObject({ status: 'SKIPPED', skipReason: 'CLOSED' });
  });

  it('never changes a delivered alert', async () => {
    const { outbox, alerting } = service();
    await alerting.recordHighTickets([highTicketAged('1', HOUR)]);
    outbox.alerts[0]!.status = NotificationStatus.DELIVERED;
    await alerting.recordHighTickets([
      { ...highTicketAged('1', HOUR), status: TicketStatus.CLOSED },
    ]);
    expect(outbox.alerts[0]!.status).toBe(NotificationStatus.DELIVERED);
  });

  it('sends skipped alerts on demand by reason, and refuses what cannot be sent again', async () => {
    const { outbox, alerting } = service();
    await alerting.recordHighTickets([
      highTicketAged('stale', 3 * DAY),
      { ...highTicketAged('closed', HOUR), status: TicketStatus.CLOSED },
    ]);
    expect(await alerting.requeue(admin, { skipReason: NotificationSkipReason.STALE })).toEqual({
      ok: true,
      queued: 1,
    });
    expect(outbox.alerts.map((a) => [a.externalId, a.status, a.onDemand])).toEqual([
      ['stale', 'PENDING', true],
      ['closed', 'SKIPPED', false],
    ]);
    const refusals = await Promise.all([
      alerting.requeue(admin, { statuses: [NotificationStatus.DELIVERED] }),
      alerting.requeue(admin, {
        statuses: [NotificationStatus.FAILED],
        skipReason: NotificationSkipReason.CLOSED,
      }),
    ]);
    expect(refusals.map((r) => (r.ok ? r : r.error.code))).toEqual([
      UserErrorCode.INVALID_INPUT,
      UserErrorCode.INVALID_INPUT,
    ]);
    await expect(alerting.requeue(tenantKey, {})).rejects.toThrow(/admin/);
  });

  it("shows a tenant's queue at a glance, to its own key only", async () => {
    const { alerting } = service();
    await alerting.recordHighTickets([
      highTicketAged('1', HOUR),
      highTicketAged('2', 3 * DAY),
      highTicketAged('3', HOUR, 'b'),
    ]);
    const view = await alerting.queue(tenantKey, null);
    expect(view.tenantId).toBe('a');
    expect(view.summary.byStatus.filter((s) => s.count > 0)).toEqual([
      { status: 'PENDING', count: 1 },
      { status: 'SKIPPED', count: 1 },
    ]);
    expect(view.summary.bySkipReason).toEqual([
      { skipReason: 'CLOSED', count: 0 },
      { skipReason: 'STALE', count: 1 },
      { skipReason: 'CORRECTED', count: 0 },
      { skipReason: 'DELETED', count: 0 },
    ]);
    expect(view.summary.oldestDueSince).toBeInstanceOf(Date);
    await expect(alerting.queue(tenantKey, 'b')).rejects.toThrow(/another tenant/);
  });
});
