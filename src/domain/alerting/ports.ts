import type { AlertMove } from './alert-moves.js';
import type {
  AlertDecision,
  HighTicket,
  NotificationRecord,
  NotificationSkipReason,
  OutboxItem,
  QueueSummary,
  RequeueFilter,
} from './alert.types.js';

/**
 * Which due alert a dispatcher takes: the freshest ticket's, or the one with the most failed
 * attempts (the likeliest to get through when a provider fails each alert's first calls);
 * only among alerts with at least `minAttempts` failed attempts.
 */
export interface ClaimSpec {
  order: 'freshest' | 'likeliest';
  minAttempts: number;
}

/** Where alerts wait for delivery; every write after a claim is conditional on its lease. */
export interface AlertOutbox {
  /**
   * Stores each decision's alert as decided, unless its ticket already has one for the
   * reason (one alert per tenant, ticket and reason); says, per decision, whether it stored.
   */
  insertNew(decisions: AlertDecision[]): Promise<boolean[]>;
  /**
   * Applies each move to its alert if the alert is in a state the move is from, atomically
   * and in order (alert-moves.ts decides them), those that make an alert due first; counts
   * the moves whose condition held, and those that made an alert due.
   */
  applyMoves(moves: AlertMove[]): Promise<{ applied: number; madeDue: number }>;
  /** Leases one due PENDING alert to `owner` as `spec` says, or null when none is due. */
  claimDue(owner: string, leaseMs: number, spec: ClaimSpec): Promise<OutboxItem | null>;
  delivered(id: string, owner: string, attempts: number): Promise<void>;
  retryLater(
    id: string,
    owner: string,
    update: { attempts: number; nextAttemptAt: Date; lastError: string },
  ): Promise<void>;
  failed(id: string, owner: string, update: { attempts: number; lastError: string }): Promise<void>;
  /** A claimed alert that is no longer due (it went stale waiting) is SKIPPED, not sent. */
  skip(id: string, owner: string, skipReason: NotificationSkipReason): Promise<void>;
  /** Gives the lease back without using an attempt (the circuit was open). */
  release(id: string, owner: string, nextAttemptAt: Date): Promise<void>;
  /** Alerts matching the filter become PENDING on demand, with fresh attempts; returns how many. */
  requeue(filter: RequeueFilter, at: Date): Promise<number>;
  /** The alert for `reason` of each ticket that has one. */
  findForTickets(
    ticketIds: readonly string[],
    reason: string,
  ): Promise<Map<string, NotificationRecord>>;
  summary(tenantId: string): Promise<QueueSummary>;
}

/** A ticket by the keys its alerts are stored under. */
export interface TicketKey {
  tenantId: string;
  externalId: string;
}

/** What records alerts: ingestion, reclassification and corrections see only this. */
export interface AlertQueue {
  /** Decides the alert of each HIGH ticket and records it; returns how many became due. */
  recordHighTickets(tickets: HighTicket[]): Promise<number>;
  /** The tickets are no longer HIGH: their alerts not yet sent are skipped with the reason. */
  withdraw(tickets: TicketKey[], skipReason: NotificationSkipReason): Promise<number>;
}

export type SendResult = { ok: true } | { ok: false; dependencyFailed: boolean; error: string };

/** The provider's /notify. */
export interface NotifySender {
  send(item: OutboxItem): Promise<SendResult>;
}
