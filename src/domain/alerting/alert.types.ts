import type { TicketStatus, Urgency } from '../tickets/ticket.types.js';

export enum NotificationStatus {
  /** Due (or waiting for its next attempt). */
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  /** Given up on after its last attempt, or rejected by the provider. */
  FAILED = 'FAILED',
  /** Not sent, by the rule of what is due (see skipReason). */
  SKIPPED = 'SKIPPED',
}

export enum NotificationSkipReason {
  /** The ticket is closed: nobody needs to act on it. */
  CLOSED = 'CLOSED',
  /** The ticket's last activity is older than ALERT_MAX_AGE. */
  STALE = 'STALE',
  /** A person corrected the ticket away from HIGH before the alert was sent. */
  CORRECTED = 'CORRECTED',
  /** The ticket is gone upstream (soft-deleted) before the alert was sent. */
  DELETED = 'DELETED',
}

/** What the alert of a ticket should be now, decided by the rule (alert-policy.ts). */
export interface AlertDecision {
  tenantId: string;
  externalId: string;
  ticketId: string;
  reason: string;
  urgency: Urgency;
  signals: string[];
  /** The provider's latest of created_at and updated_at: freshness, and the queue's order. */
  ticketActivityAt: Date;
  status: NotificationStatus.PENDING | NotificationStatus.SKIPPED;
  skipReason: NotificationSkipReason | null;
  /** When this was decided: the alert is due from then on. */
  at: Date;
}

/** A ticket that is HIGH now, as ingestion or reclassification sees it. */
export interface HighTicket {
  tenantId: string;
  externalId: string;
  id: string;
  status: TicketStatus;
  createdAt: Date;
  updatedAt: Date;
  /** Gone upstream (soft-deleted): its alert is not sent. */
  deleted: boolean;
  urgency: Urgency;
  signals: string[];
}

/** An alert claimed for delivery. */
export interface OutboxItem {
  id: string;
  tenantId: string;
  externalId: string;
  reason: string;
  urgency: Urgency;
  signals: string[];
  attempts: number;
  ticketActivityAt: Date;
  /** When it last became due (for the delivery latency). */
  queuedAt: Date;
  /** Sent on an admin's demand: the freshness rule no longer holds it back. */
  onDemand: boolean;
}

/** The delivery state of a ticket's alert, as the API shows it. */
export interface NotificationRecord {
  ticketId: string;
  status: NotificationStatus;
  skipReason: NotificationSkipReason | null;
  attempts: number;
  lastError: string | null;
  deliveredAt: Date | null;
}

/** The alert queue of a tenant at a glance. */
export interface QueueSummary {
  byStatus: { status: NotificationStatus; count: number }[];
  bySkipReason: { skipReason: NotificationSkipReason; count: number }[];
  /** When the longest-waiting due alert became due; null when none is due. */
  oldestDueSince: Date | null;
}

/** Which alerts an admin sends on demand. */
export interface RequeueFilter {
  tenantId: string | null;
  statuses: (NotificationStatus.FAILED | NotificationStatus.SKIPPED)[];
  skipReason: NotificationSkipReason | null;
}
