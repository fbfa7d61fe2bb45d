import type { NewAlert, NotificationRecord, OutboxItem } from './alert.types.js';

/** Where alerts wait for delivery; every write after a claim is conditional on its lease. */
export interface AlertOutbox {
  /** Adds the alerts not yet in the outbox; returns how many were new. */
  enqueue(alerts: NewAlert[]): Promise<number>;
  /** Leases one due PENDING alert to `owner`, or null when none is due. */
  claimDue(owner: string, leaseMs: number): Promise<OutboxItem | null>;
  delivered(id: string, owner: string, attempts: number): Promise<void>;
  retryLater(
    id: string,
    owner: string,
    update: { attempts: number; nextAttemptAt: Date; lastError: string },
  ): Promise<void>;
  failed(id: string, owner: string, update: { attempts: number; lastError: string }): Promise<void>;
  /** Gives the lease back without using an attempt (the circuit was open). */
  release(id: string, owner: string, nextAttemptAt: Date): Promise<void>;
  /** FAILED alerts (of one tenant, or all) become PENDING with fresh attempts; returns how many. */
  requeueFailed(tenantId: string | null, at: Date): Promise<number>;
  /** The alert for `reason` of each ticket that has one. */
  findForTickets(
    ticketIds: readonly string[],
    reason: string,
  ): Promise<Map<string, NotificationRecord>>;
}

/** What enqueues alerts: ingestion and reclassification see only this. */
export interface AlertQueue {
  enqueue(alerts: NewAlert[]): Promise<number>;
}

export type SendResult = { ok: true } | { ok: false; dependencyFailed: boolean; error: string };

/** The provider's /notify. */
export interface NotifySender {
  send(item: OutboxItem): Promise<SendResult>;
}
