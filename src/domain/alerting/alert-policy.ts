import { TicketStatus, type Classification } from '../tickets/ticket.types.js';
import {
  NotificationSkipReason,
  NotificationStatus,
  type AlertDecision,
  type HighTicket,
} from './alert.types.js';

/** The one reason a ticket is alerted for today; the outbox keeps one alert per reason. */
export const HIGH_URGENCY_REASON = 'HIGH_URGENCY';

/**
 * A ticket that is new, or that now raises an alert and did not before, gets an alert (due
 * or skipped). `previous`: whether its stored classification raised one (null: new).
 */
export function needsAlert(previous: boolean | null, current: Classification): boolean {
  return current.raisesAlert && previous !== true;
}

/** A stored ticket that is HIGH, as the rule sees it. */
export function highTicket(
  ticket: Pick<
    HighTicket,
    'tenantId' | 'externalId' | 'id' | 'status' | 'createdAt' | 'updatedAt' | 'deleted'
  >,
  classification: Classification,
): HighTicket {
  const { tenantId, externalId, id, status, createdAt, updatedAt, deleted } = ticket;
  return {
    tenantId,
    externalId,
    id,
    status,
    createdAt,
    updatedAt,
    deleted,
    ...pickLabels(classification),
  };
}

function pickLabels({ urgency, signals }: Classification) {
  return { urgency, signals };
}

/** The state of an alert that is due from `at`, with fresh attempts. */
export function dueFrom(at: Date) {
  return {
    status: NotificationStatus.PENDING,
    skipReason: null,
    attempts: 0,
    nextAttemptAt: at,
    queuedAt: at,
    lastError: null,
  };
}

/** The provider's latest of created_at and updated_at. */
export function lastActivity(ticket: { createdAt: Date; updatedAt: Date }): Date {
  return ticket.updatedAt > ticket.createdAt ? ticket.updatedAt : ticket.createdAt;
}

/** Older than `maxAgeMs` (0: nothing is). */
export function isStale(activityAt: Date, now: Date, maxAgeMs: number): boolean {
  return maxAgeMs > 0 && now.getTime() - activityAt.getTime() > maxAgeMs;
}

/**
 * What is due (docs/shared/SPEC.md, item 5): a HIGH ticket that still needs someone (live,
 * open or pending) and is fresh (its last provider activity within ALERT_MAX_AGE). Otherwise its alert is
 * SKIPPED, with the reason; it becomes due again when an update makes it qualify.
 */
export function decideAlert(ticket: HighTicket, now: Date, maxAgeMs: number): AlertDecision {
  const activity = lastActivity(ticket);
  const skipReason = ticket.deleted
    ? NotificationSkipReason.DELETED
    : ticket.status === TicketStatus.CLOSED
      ? NotificationSkipReason.CLOSED
      : isStale(activity, now, maxAgeMs)
        ? NotificationSkipReason.STALE
        : null;
  return {
    tenantId: ticket.tenantId,
    externalId: ticket.externalId,
    ticketId: ticket.id,
    reason: HIGH_URGENCY_REASON,
    urgency: ticket.urgency,
    signals: ticket.signals,
    ticketActivityAt: activity,
    status: skipReason === null ? NotificationStatus.PENDING : NotificationStatus.SKIPPED,
    skipReason,
    at: now,
  };
}
