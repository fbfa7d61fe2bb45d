import { Urgency, type Classification } from '../tickets/ticket.types.js';
import { NotificationStatus, type NewAlert } from './alert.types.js';

/** The one reason a ticket is alerted for today; the outbox keeps one alert per reason. */
export const HIGH_URGENCY_REASON = 'HIGH_URGENCY';

/** A HIGH ticket that is new, or that became HIGH, is alerted once. */
export function needsAlert(previous: Urgency | null, current: Classification): boolean {
  return current.urgency === Urgency.HIGH && previous !== Urgency.HIGH;
}

/** The alert of a ticket that became HIGH, due at once. */
export function highUrgencyAlert(
  ticket: { tenantId: string; externalId: string; id: string },
  classification: Classification,
  at: Date,
): NewAlert {
  return {
    tenantId: ticket.tenantId,
    externalId: ticket.externalId,
    ticketId: ticket.id,
    reason: HIGH_URGENCY_REASON,
    urgency: classification.urgency,
    signals: classification.signals,
    status: NotificationStatus.PENDING,
    createdAt: at,
    nextAttemptAt: at,
  };
}
