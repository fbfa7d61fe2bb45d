import { dueFrom } from './alert-policy.js';
import {
  NotificationStatus,
  type AlertDecision,
  type NotificationSkipReason,
} from './alert.types.js';

/** A stored alert's key: one alert per tenant, ticket and reason. */
export interface AlertKey {
  tenantId: string;
  externalId: string;
  reason: string;
}

/** The fields a move sets on a stored alert. */
export type AlertFields = Partial<
  Omit<ReturnType<typeof dueFrom>, 'status' | 'skipReason'> & {
    status: NotificationStatus;
    skipReason: NotificationSkipReason | null;
    ticketActivityAt: Date;
  }
>;

/**
 * One conditional change of a stored alert: it applies only while the alert is in one of the
 * `from` states (and, with `keepOnDemand`, was not sent on an admin's demand), so the store
 * applies it atomically and a change decided on an older state never lands on a newer one.
 */
export interface AlertMove {
  alert: AlertKey;
  from: NotificationStatus[];
  keepOnDemand: boolean;
  set: AlertFields;
  /** It makes the alert due: counted among the alerts that became due. */
  makesDue: boolean;
}

/** The states the rule may still move an alert out of; DELIVERED and FAILED stay. */
const OPEN = [NotificationStatus.PENDING, NotificationStatus.SKIPPED];

export const keyOf = (decision: AlertDecision): AlertKey => ({
  tenantId: decision.tenantId,
  externalId: decision.externalId,
  reason: decision.reason,
});

/**
 * What a decision does to the alert its ticket already has. Due: a skipped alert becomes due
 * (now, with fresh attempts), a due one keeps its place by the ticket's latest activity. Not
 * due: an open alert is skipped with the reason, unless an admin sent it on demand.
 */
export function movesFor(decision: AlertDecision): AlertMove[] {
  const alert = keyOf(decision);
  const { ticketActivityAt } = decision;
  if (decision.status === NotificationStatus.PENDING)
    return [
      {
        alert,
        from: [NotificationStatus.SKIPPED],
        keepOnDemand: false,
        set: { ...dueFrom(decision.at), ticketActivityAt },
        makesDue: true,
      },
      {
        alert,
        from: [NotificationStatus.PENDING],
        keepOnDemand: false,
        set: { ticketActivityAt },
        makesDue: false,
      },
    ];
  return [skipping(alert, decision.skipReason!, { ticketActivityAt })];
}

/** An alert not yet sent is skipped with the reason (its ticket no longer qualifies). */
export function skipping(
  alert: AlertKey,
  skipReason: NotificationSkipReason,
  also: AlertFields = {},
): AlertMove {
  return {
    alert,
    from: OPEN,
    keepOnDemand: true,
    set: { status: NotificationStatus.SKIPPED, skipReason, ...also },
    makesDue: false,
  };
}

/** Whether a move applies to an alert in this state (the store's condition, in words). */
export function applies(move: AlertMove, alert: { status: NotificationStatus; onDemand: boolean }) {
  return move.from.includes(alert.status) && !(move.keepOnDemand && alert.onDemand);
}
