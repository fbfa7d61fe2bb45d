import { Types } from 'mongoose';
import { HIGH_URGENCY_REASON } from '../../src/domain/alerting/alert-policy.js';
import { NotificationStatus } from '../../src/domain/alerting/alert.types.js';
import { Urgency } from '../../src/domain/tickets/ticket.types.js';
import type { Database } from '../../src/infra/mongo/database.js';
import type { MockProvider } from '../../mock-external-api/src/server.js';

/** A ticket in the provider's wire format that the classifier rates HIGH (a legal threat). */
export function highProviderTicket(
  tenantId: string,
  id: string,
  options: { status?: 'open' | 'pending' | 'closed'; ageMs?: number } = {},
) {
  const at = new Date(Date.now() - (options.ageMs ?? 0)).toISOString();
  return {
    id,
    tenant_id: tenantId,
    source: 'email',
    customer_id: `cust-${id}`,
    subject: 'Legal action',
    message: 'My lawyer will call you tomorrow about the data you leaked.',
    created_at: at,
    updated_at: at,
    status: options.status ?? 'open',
  };
}

/** Successful deliveries the mock counted for one ticket. */
export function deliveriesOf(t: { mock: MockProvider }, tenantId: string, id: string): number {
  return t.mock.notify.deliveries()[`${tenantId}/${id}`] ?? 0;
}

const HOUR = 3_600_000;

/**
 * `count` due alerts of older tickets (1 to 21 hours: fresh enough to be due) of tenant_b,
 * queued ten minutes ago, as a first ingestion of a busy tenant leaves them.
 */
export async function queueBacklog(db: Database, count: number): Promise<void> {
  const now = Date.now();
  const queuedAt = new Date(now - 600_000);
  await db.models.notifications.insertMany(
    Array.from({ length: count }, (_, i) => ({
      tenantId: 'tenant_b',
      externalId: `backlog-${i}`,
      ticketId: new Types.ObjectId().toHexString(),
      reason: HIGH_URGENCY_REASON,
      urgency: Urgency.HIGH,
      signals: ['legal:lawyer'],
      status: NotificationStatus.PENDING,
      attempts: 0,
      ticketActivityAt: new Date(now - HOUR - ((i * 7919) % (20 * HOUR))),
      queuedAt,
      nextAttemptAt: queuedAt,
      createdAt: queuedAt,
    })),
  );
}
