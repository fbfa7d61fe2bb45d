import type { PageRequest } from '../pagination/page-args.js';
import type { StatsFacts } from '../stats/ticket-facts.js';
import type { Page } from '../pagination/page.js';
import type { Classification, IncomingTicket } from '../tickets/ticket.types.js';
import type { IngestionStatus } from './ingestion.types.js';
import type { PagePlan, StoredTicketState } from './ticket-sync.js';

export interface RunCounters {
  processedPages: number;
  fetched: number;
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  failed: number;
  notificationsQueued: number;
  rateLimitWaits: number;
}

export interface RunProgress extends RunCounters {
  totalPages: number | null;
  /** The run waits for the provider's rate window until then; null while it is not waiting. */
  waitingForProviderUntil: Date | null;
}

/** Counters of a run (or of one step of it) that has done nothing yet. */
export function zeroCounters(): RunCounters {
  return {
    processedPages: 0,
    fetched: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    deleted: 0,
    failed: 0,
    notificationsQueued: 0,
    rateLimitWaits: 0,
  };
}

export function emptyProgress(): RunProgress {
  return { totalPages: null, waitingForProviderUntil: null, ...zeroCounters() };
}

export interface RunRecord {
  id: string;
  tenantId: string;
  status: IngestionStatus;
  requestedBy: string;
  full: boolean;
  queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  progress: RunProgress;
  error: string | null;
  executor: string | null;
}

/** The runs collection: the job state and, once finished, the audit record. */
export interface RunStore {
  newId(): string;
  create(run: RunRecord): Promise<void>;
  remove(id: string): Promise<void>;
  findById(id: string): Promise<RunRecord | null>;
  findMany(ids: string[]): Promise<RunRecord[]>;
  markRunning(id: string, executor: string, at: Date): Promise<RunRecord | null>;
  /** Says until when the run waits for the provider's budget (every progress write ends it). */
  waitingForProvider(id: string, until: Date): Promise<void>;
  /**
   * Adds to the counters (and sets totalPages when given), and ends any wait for the
   * provider; returns the run as stored after.
   */
  addProgress(
    id: string,
    delta: Partial<RunCounters>,
    totalPages?: number,
  ): Promise<RunRecord | null>;
  /** QUEUED/RUNNING -> CANCELLING; returns the run as stored after (unchanged when finished). */
  requestCancel(id: string): Promise<RunRecord | null>;
  /** Sets a final status unless one is already set. */
  finish(
    id: string,
    status: IngestionStatus,
    error: string | null,
    at: Date,
  ): Promise<RunRecord | null>;
  findUnfinished(): Promise<RunRecord[]>;
  /** When the tenant's latest full run was queued; null when it never had one. */
  lastFullRunAt(tenantId: string): Promise<Date | null>;
  /** Newest first; `statuses` empty means all. */
  list(tenantId: string, statuses: IngestionStatus[], page: PageRequest): Promise<Page<RunRecord>>;
}

export interface LockRecord {
  key: string;
  owner: string;
  runId: string | null;
  acquiredAt: Date;
  expiresAt: Date;
}

export type LockAttempt =
  { acquired: true; previousRunId: string | null } | { acquired: false; holder: LockRecord | null };

/** Named leases with expiry, shared by every replica (own code on MongoDB atomics). */
export interface LockStore {
  tryAcquire(key: string, owner: string, runId: string, ttlMs: number): Promise<LockAttempt>;
  /** Extends the lease; false when the caller no longer holds it. */
  renew(key: string, owner: string, runId: string, ttlMs: number): Promise<boolean>;
  release(key: string, owner: string, runId: string): Promise<void>;
  find(key: string): Promise<LockRecord | null>;
}

export interface ActiveTicket {
  id: string;
  externalId: string;
}

/**
 * Where ingested tickets and their history are written. Every ticket write carries the
 * roll-up op (`seq`) it belongs to and what the figures counted of the ticket before
 * (see RollupWriter).
 */
export interface TicketSyncStore {
  loadStates(tenantId: string, externalIds: string[]): Promise<Map<string, StoredTicketState>>;
  /** Writes one page's plan; returns the stored id of every ticket it wrote, by external id. */
  applyPlan(
    tenantId: string,
    runId: string,
    plan: PagePlan,
    at: Date,
    seq: number,
  ): Promise<Map<string, string>>;
  activeTickets(tenantId: string): AsyncIterable<ActiveTicket>;
  /** Soft-deletes live tickets; each carries what the figures count of it now. */
  softDelete(
    tenantId: string,
    runId: string,
    tickets: (ActiveTicket & { facts: StatsFacts })[],
    at: Date,
    seq: number,
  ): Promise<number>;
}

/** A provider ticket as read off the wire: valid, or malformed with what could be read. */
export type ParsedTicket =
  | { ok: true; ticket: IncomingTicket }
  | { ok: false; externalId: string | null; tenantId: string | null; reason: string };

export interface ProviderPage {
  tickets: ParsedTicket[];
  nextPage: number | null;
  totalCount: number;
}

export interface ProviderCallHooks {
  /** Whom the call is for (the run's tenant, or '*' for a sweep): the budget is shared fairly between them. */
  claimant: string;
  /** Called each time a call had to wait for the shared budget or after a 429. */
  onRateLimitWait(): void;
  /** Called when a call starts waiting for the shared budget, with when it expects to go. */
  onWaitingUntil?(until: Date): void;
  signal?: AbortSignal;
}

/** The ticket provider, behind retries and the shared rate budget. */
export interface TicketProvider {
  fetchPage(page: number, pageSize: number, hooks: ProviderCallHooks): Promise<ProviderPage>;
  fetchDeletedIds(hooks: ProviderCallHooks): Promise<Set<string>>;
}

export type ClassifyTicket = (text: { subject: string; message: string }) => Classification;
