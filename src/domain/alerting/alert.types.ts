import type { Urgency } from '../tickets/ticket.types.js';

export enum NotificationStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}

/** An alert to put in the outbox; one per tenant+ticket+reason, so enqueueing is idempotent. */
export interface NewAlert {
  tenantId: string;
  externalId: string;
  ticketId: string;
  reason: string;
  urgency: Urgency;
  signals: string[];
  status: NotificationStatus;
  createdAt: Date;
  nextAttemptAt: Date;
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
}

/** The delivery state of a ticket's alert, as the API shows it. */
export interface NotificationRecord {
  ticketId: string;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  deliveredAt: Date | null;
}
