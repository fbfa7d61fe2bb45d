/**
 * In-memory fakes of the domain's ports, for unit tests of the use cases: they keep the
 * contracts of the MongoDB adapters (compare-and-swap, conditional writes, idempotent
 * enqueueing, leases) without a database.
 */
import type { BudgetLedger, Spend } from '../../src/domain/budgets/ports.js';
import type { ApiKeyRecord, ApiKeyStore } from '../../src/domain/auth/api-key.service.js';
import {
  NotificationSkipReason,
  NotificationStatus,
  type AlertDecision,
  type HighTicket,
  type NotificationRecord,
  type OutboxItem,
  type QueueSummary,
  type RequeueFilter,
} from '../../src/domain/alerting/alert.types.js';
import {
  CLOSED,
  type BreakerState,
  type BreakerStore,
} from '../../src/domain/alerting/circuit-breaker.js';
import { dueFrom } from '../../src/domain/alerting/alert-policy.js';
import {
  applies,
  keyOf,
  type AlertKey,
  type AlertMove,
} from '../../src/domain/alerting/alert-moves.js';
import type {
  AlertOutbox,
  ClaimSpec,
  NotifySender,
  SendResult,
} from '../../src/domain/alerting/ports.js';
import {
  ACTIVE_STATUSES,
  IngestionStatus,
  isFinal,
} from '../../src/domain/ingestion/ingestion.types.js';
import type {
  ActiveTicket,
  LockAttempt,
  LockRecord,
  LockStore,
  ParsedTicket,
  ProviderCallHooks,
  ProviderPage,
  RunCounters,
  RunRecord,
  RunStore,
  TicketProvider,
  TicketSyncStore,
} from '../../src/domain/ingestion/ports.js';
import type { PagePlan, StoredTicketState } from '../../src/domain/ingestion/ticket-sync.js';
import type {
  BudgetLog,
  BudgetLogStore,
  BudgetWaiter,
} from '../../src/domain/budgets/provider-budget.js';
import type { DomainLogger } from '../../src/domain/logger.js';
import type { PageRequest } from '../../src/domain/pagination/page-args.js';
import type { Page } from '../../src/domain/pagination/page.js';
import {
  TenantOrigin,
  type TenantRecord,
  type TenantStore,
} from '../../src/domain/tenants/ports.js';
import { TenantService } from '../../src/domain/tenants/tenant.service.js';
import type { StatsPart, StatsSelection } from '../../src/domain/stats/tenant-stats.js';
import { RollupDelta } from '../../src/domain/stats/rollup-delta.js';
import type { RollupWork, StatsWriter } from '../../src/domain/stats/rollup-ports.js';
import { factsOf, type StatsFacts } from '../../src/domain/stats/ticket-facts.js';
import {
  ChangeAction,
  Sentiment,
  TicketSource,
  TicketStatus,
  Urgency,
  type Classification,
  type FieldChange,
  type IncomingTicket,
} from '../../src/domain/tickets/ticket.types.js';

export const silentLogger: DomainLogger = { info() {}, warn() {}, error() {} };

let ids = 0;
const nextId = () => `id-${(ids += 1).toString().padStart(6, '0')}`;
const clone = <T>(value: T): T => structuredClone(value);

export class InMemoryRunStore implements RunStore {
  readonly runs = new Map<string, RunRecord>();

  newId(): string {
    return nextId();
  }
  async create(run: RunRecord) {
    this.runs.set(run.id, clone(run));
  }
  async remove(id: string) {
    this.runs.delete(id);
  }
  async findById(id: string) {
    const run = this.runs.get(id);
    return run === undefined ? null : clone(run);
  }
  async findMany(ids: string[]) {
    return ids.flatMap((id) => (this.runs.has(id) ? [clone(this.runs.get(id)!)] : []));
  }
  async markRunning(id: string, executor: string, at: Date) {
    return this.update(id, (run) =>
      run.status === IngestionStatus.QUEUED
        ? { ...run, status: IngestionStatus.RUNNING, startedAt: at, executor }
        : run,
    );
  }
  async addProgress(id: string, delta: Partial<RunCounters>, totalPages?: number) {
    return this.update(id, (run) => {
      const progress = { ...run.progress };
      for (const [key, value] of Object.entries(delta) as [keyof RunCounters, number][])
        progress[key] += value;
      if (totalPages !== undefined) progress.totalPages = totalPages;
      return { ...run, progress: { ...progress, waitingForProviderUntil: null } };
    });
  }
  async waitingForProvider(id: string, until: Date) {
    await this.update(id, (run) => ({
      ...run,
      progress: { ...run.progress, waitingForProviderUntil: until },
    }));
  }
  async requestCancel(id: string) {
    return this.update(id, (run) =>
      run.status === IngestionStatus.QUEUED || run.status === IngestionStatus.RUNNING
        ? { ...run, status: IngestionStatus.CANCELLING }
        : run,
    );
  }
  async finish(id: string, status: IngestionStatus, error: string | null, at: Date) {
    return this.update(id, (run) =>
      isFinal(run.status)
        ? run
        : {
            ...run,
            status,
            error,
            finishedAt: at,
            progress: { ...run.progress, waitingForProviderUntil: null },
          },
    );
  }
  async lastFullRunAt(tenantId: string) {
    const full = [...this.runs.values()].filter((run) => run.tenantId === tenantId && run.full);
    return full.length === 0 ? null : new Date(Math.max(...full.map((r) => r.queuedAt.getTime())));
  }
  async findUnfinished() {
    return [...this.runs.values()].filter((run) => ACTIVE_STATUSES.includes(run.status)).map(clone);
  }
  /** Newest first, the first page only: enough for the use cases' tests. */
  async list(
    tenantId: string,
    statuses: IngestionStatus[],
    page: PageRequest,
  ): Promise<Page<RunRecord>> {
    const matching = [...this.runs.values()]
      .filter((run) => run.tenantId === tenantId)
      .filter((run) => statuses.length === 0 || statuses.includes(run.status))
      .reverse();
    const items = matching.slice(0, page.size).map((run) => ({ node: clone(run), cursor: run.id }));
    return {
      items,
      pageInfo: {
        hasNextPage: matching.length > items.length,
        hasPreviousPage: false,
        startCursor: items[0]?.cursor ?? null,
        endCursor: items.at(-1)?.cursor ?? null,
      },
      totalCount: async () => matching.length,
    };
  }

  private async update(id: string, change: (run: RunRecord) => RunRecord) {
    const run = this.runs.get(id);
    if (run === undefined) return null;
    const next = change(run);
    this.runs.set(id, next);
    return clone(next);
  }
}

/** Leases with expiry on an injected clock: one holder at a time until its lease lapses. */
export class InMemoryLockStore implements LockStore {
  readonly locks = new Map<string, LockRecord>();

  constructor(private readonly now: () => number = Date.now) {}

  async tryAcquire(key: string, owner: string, runId: string, ttlMs: number): Promise<LockAttempt> {
    const held = this.locks.get(key);
    if (held !== undefined && held.expiresAt.getTime() > this.now())
      return { acquired: false, holder: { ...held } };
    const at = new Date(this.now());
    this.locks.set(key, {
      key,
      owner,
      runId,
      acquiredAt: at,
      expiresAt: new Date(this.now() + ttlMs),
    });
    return { acquired: true, previousRunId: held?.runId ?? null };
  }
  async renew(key: string, owner: string, runId: string, ttlMs: number) {
    const held = this.locks.get(key);
    if (held === undefined || held.owner !== owner || held.runId !== runId) return false;
    held.expiresAt = new Date(this.now() + ttlMs);
    return true;
  }
  async release(key: string, owner: string, runId: string) {
    const held = this.locks.get(key);
    if (held?.owner === owner && held.runId === runId) this.locks.delete(key);
  }
  async find(key: string) {
    const held = this.locks.get(key);
    return held === undefined || held.expiresAt.getTime() <= this.now() ? null : { ...held };
  }
}

/**
 * The provider's tickets, served `pageSize` at a time as the real one pages them (checked by
 * the TicketProvider contract); `fail` makes the next fetches throw, `gate` holds a page back.
 */
export class FakeProvider implements TicketProvider {
  calls = 0;
  deleted = new Set<string>();
  fail: Error | null = null;
  gate: Promise<void> | null = null;

  constructor(readonly tickets: ParsedTicket[]) {}

  async fetchPage(page: number, pageSize: number, hooks: ProviderCallHooks): Promise<ProviderPage> {
    await this.call(hooks);
    const start = (page - 1) * pageSize;
    return {
      tickets: this.tickets.slice(start, start + pageSize),
      nextPage: start + pageSize < this.tickets.length ? page + 1 : null,
      totalCount: this.tickets.length,
    };
  }

  async fetchDeletedIds(hooks: ProviderCallHooks): Promise<Set<string>> {
    await this.call(hooks);
    return new Set(this.deleted);
  }

  /** Held back while gated, but an abort (shutdown) ends the wait, as in the real client. */
  private async call(hooks: ProviderCallHooks) {
    this.calls += 1;
    hooks.signal?.throwIfAborted();
    await new Promise<void>((resolve, reject) => {
      void (this.gate ?? Promise.resolve()).then(resolve);
      hooks.signal?.addEventListener('abort', () => reject(hooks.signal!.reason), { once: true });
    });
    if (this.fail) throw this.fail;
  }
}

/** A ticket as the in-memory stores keep it: its sync state, tenant and classification. */
export type MemoryTicket = StoredTicketState & { tenantId: string; classification: Classification };

/** A history entry as the in-memory stores keep it. */
export interface MemoryChange {
  id: string;
  ticketId: string;
  tenantId: string;
  externalId: string;
  at: Date;
  action: ChangeAction;
  runId: string;
  changes: FieldChange[];
}

/** Stored tickets by tenant and external id; rewrites are conditional on updatedAt, as in MongoDB. */
export class InMemoryTicketSyncStore implements TicketSyncStore {
  readonly tickets = new Map<string, MemoryTicket>();
  readonly history: MemoryChange[] = [];

  async loadStates(tenantId: string, externalIds: string[]) {
    return new Map(
      externalIds.flatMap((externalId) => {
        const stored = this.tickets.get(`${tenantId}/${externalId}`);
        if (stored === undefined) return [];
        const { tenantId: _tenant, classification: _labels, ...state } = clone(stored);
        return [[externalId, state] as const];
      }),
    );
  }
  async applyPlan(tenantId: string, runId: string, plan: PagePlan, at: Date) {
    const ids = new Map<string, string>();
    for (const { ticket, classification } of plan.creates) {
      const id = nextId();
      ids.set(ticket.externalId, id);
      // Insert-only, as the adapter's upsert: a ticket already there stays as it is.
      const key = `${tenantId}/${ticket.externalId}`;
      if (!this.tickets.has(key)) this.tickets.set(key, this.state(id, ticket, classification));
    }
    for (const rewrite of plan.rewrites) {
      ids.set(rewrite.ticket.externalId, rewrite.id);
      const key = `${tenantId}/${rewrite.ticket.externalId}`;
      const stored = this.tickets.get(key);
      if (stored?.updatedAt.getTime() !== rewrite.expectedUpdatedAt.getTime()) continue;
      // A person's correction stays: only the provider's fields and the labels are rewritten.
      this.tickets.set(key, {
        ...this.state(rewrite.id, rewrite.ticket, rewrite.classification),
        correction: stored.correction,
      });
    }
    for (const entry of plan.history)
      this.history.push({
        ...entry,
        id: nextId(),
        ticketId: ids.get(entry.externalId)!,
        tenantId,
        at,
        runId,
      });
    return ids;
  }
  async *activeTickets(tenantId: string): AsyncIterable<ActiveTicket> {
    for (const ticket of this.tickets.values())
      if (ticket.tenantId === tenantId && ticket.deletedAt === null)
        yield { id: ticket.id, externalId: ticket.externalId };
  }
  /** Deletes live tickets only; returns how many it deleted (history records every one asked). */
  async softDelete(tenantId: string, runId: string, tickets: ActiveTicket[], at: Date) {
    let deleted = 0;
    for (const { id, externalId } of tickets) {
      const ticket = this.tickets.get(`${tenantId}/${externalId}`);
      this.history.push({
        id: nextId(),
        ticketId: id,
        tenantId,
        externalId,
        at,
        action: ChangeAction.DELETED,
        runId,
        changes: [{ field: 'deletedAt', from: null, to: at.toISOString() }],
      });
      if (ticket === undefined || ticket.deletedAt !== null) continue;
      ticket.deletedAt = at;
      ticket.facts = null;
      deleted += 1;
    }
    return deleted;
  }

  private state(id: string, ticket: IncomingTicket, classification: Classification) {
    return {
      ...ticket,
      id,
      classification,
      deletedAt: null,
      facts: factsOf(ticket, classification),
      correction: null,
    };
  }
}

/**
 * The roll-up writer without roll-ups: runs each tenant's writes one at a time as numbered
 * ops (checked by the StatsWriter contract), and records the tenants whose figures it moved
 * (the data version bumps of the real writer).
 */
export class RecordingStatsWriter implements StatsWriter {
  readonly moved: string[] = [];
  private seq = 0;
  private readonly queues = new Map<string, Promise<unknown>>();

  write<T>(tenantId: string, work: RollupWork<T>): Promise<T> {
    const op = async () => {
      const { changes, result } = await work(++this.seq);
      if (!RollupDelta.of(changes).isEmpty) this.moved.push(tenantId);
      return result;
    };
    const written = (this.queues.get(tenantId) ?? Promise.resolve()).then(op, op);
    this.queues.set(
      tenantId,
      written.catch(() => undefined),
    );
    return written;
  }
}

/** The facts of a live test ticket, as stored. */
export function liveFacts(overrides: Partial<StatsFacts> = {}): StatsFacts {
  return {
    createdAt: new Date('2026-11-01T10:00:00Z'),
    status: TicketStatus.OPEN,
    source: TicketSource.WEB,
    customerId: 'cust-1',
    urgency: Urgency.LOW,
    sentiment: Sentiment.NEUTRAL,
    requiresAction: false,
    needsReview: false,
    keywords: [],
    ...overrides,
  };
}

type StoredAlert = Omit<AlertDecision, 'at' | 'status'> & {
  id: string;
  status: NotificationStatus;
  attempts: number;
  nextAttemptAt: Date;
  queuedAt: Date;
  lastError: string | null;
  leaseOwner: string | null;
  leaseExpiresAt: number;
  deliveredAt: Date | null;
  onDemand: boolean;
};

/** The outbox, with the MongoDB adapter's transitions, claim orders and leases. */
export class InMemoryAlertOutbox implements AlertOutbox {
  readonly alerts: StoredAlert[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  async insertNew(decisions: AlertDecision[]) {
    return decisions.map(({ at, ...decision }) => {
      if (this.find(keyOf({ at, ...decision })) !== undefined) return false;
      this.alerts.push({
        ...decision,
        ...dueFrom(at),
        status: decision.status,
        skipReason: decision.skipReason,
        id: nextId(),
        leaseOwner: null,
        leaseExpiresAt: 0,
        deliveredAt: null,
        onDemand: false,
      });
      return true;
    });
  }
  async applyMoves(moves: AlertMove[]) {
    // As the MongoDB adapter: those that make alerts due first.
    const ordered = [...moves.filter((m) => m.makesDue), ...moves.filter((m) => !m.makesDue)];
    let applied = 0;
    let madeDue = 0;
    for (const move of ordered) {
      const alert = this.find(move.alert);
      if (alert === undefined || !applies(move, alert)) continue;
      Object.assign(alert, move.set);
      applied += 1;
      if (move.makesDue) madeDue += 1;
    }
    return { applied, madeDue };
  }
  private find(key: AlertKey): StoredAlert | undefined {
    return this.alerts.find(
      (a) =>
        a.tenantId === key.tenantId && a.externalId === key.externalId && a.reason === key.reason,
    );
  }
  async claimDue(owner: string, leaseMs: number, spec: ClaimSpec): Promise<OutboxItem | null> {
    const now = this.now();
    const fresher = (a: StoredAlert, b: StoredAlert) =>
      b.ticketActivityAt.getTime() - a.ticketActivityAt.getTime();
    const due = this.alerts
      .filter(
        (a) =>
          a.status === NotificationStatus.PENDING &&
          a.attempts >= spec.minAttempts &&
          a.nextAttemptAt.getTime() <= now &&
          a.leaseExpiresAt <= now,
      )
      .sort((a, b) =>
        spec.order === 'likeliest' ? b.attempts - a.attempts || fresher(a, b) : fresher(a, b),
      )[0];
    if (due === undefined) return null;
    due.leaseOwner = owner;
    due.leaseExpiresAt = now + leaseMs;
    const { id, tenantId, externalId, reason, urgency, signals, attempts } = due;
    const { ticketActivityAt, queuedAt, onDemand } = due;
    return {
      ...{ id, tenantId, externalId, reason, urgency, signals, attempts },
      ...{ ticketActivityAt, queuedAt, onDemand },
    };
  }
  async delivered(id: string, owner: string, attempts: number) {
    this.settle(id, owner, {
      status: NotificationStatus.DELIVERED,
      attempts,
      deliveredAt: new Date(this.now()),
      lastError: null,
    });
  }
  async retryLater(
    id: string,
    owner: string,
    update: { attempts: number; nextAttemptAt: Date; lastError: string },
  ) {
    this.settle(id, owner, update);
  }
  async failed(id: string, owner: string, update: { attempts: number; lastError: string }) {
    this.settle(id, owner, { ...update, status: NotificationStatus.FAILED });
  }
  async skip(id: string, owner: string, skipReason: NotificationSkipReason) {
    this.settle(id, owner, { status: NotificationStatus.SKIPPED, skipReason });
  }
  async release(id: string, owner: string, nextAttemptAt: Date) {
    this.settle(id, owner, { nextAttemptAt });
  }
  async requeue(filter: RequeueFilter, at: Date) {
    const matching = this.alerts.filter(
      (a) =>
        (filter.tenantId === null || a.tenantId === filter.tenantId) &&
        filter.statuses.some(
          (status) =>
            a.status === status &&
            (status !== NotificationStatus.SKIPPED ||
              filter.skipReason === null ||
              a.skipReason === filter.skipReason),
        ),
    );
    for (const alert of matching) Object.assign(alert, dueFrom(at), { onDemand: true });
    return matching.length;
  }
  async findForTickets(ticketIds: readonly string[], reason: string) {
    return new Map<string, NotificationRecord>(
      this.alerts
        .filter((a) => ticketIds.includes(a.ticketId) && a.reason === reason)
        .map((a) => [
          a.ticketId,
          {
            ticketId: a.ticketId,
            status: a.status,
            skipReason: a.skipReason,
            attempts: a.attempts,
            lastError: a.lastError,
            deliveredAt: a.deliveredAt,
          },
        ]),
    );
  }
  async summary(tenantId: string): Promise<QueueSummary> {
    const mine = this.alerts.filter((a) => a.tenantId === tenantId);
    const pending = mine.filter((a) => a.status === NotificationStatus.PENDING);
    return {
      byStatus: Object.values(NotificationStatus).map((status) => ({
        status,
        count: mine.filter((a) => a.status === status).length,
      })),
      bySkipReason: Object.values(NotificationSkipReason).map((skipReason) => ({
        skipReason,
        count: mine.filter(
          (a) => a.status === NotificationStatus.SKIPPED && a.skipReason === skipReason,
        ).length,
      })),
      oldestDueSince:
        pending.length === 0
          ? null
          : new Date(Math.min(...pending.map((a) => a.queuedAt.getTime()))),
    };
  }

  private settle(id: string, owner: string, update: object) {
    const alert = this.alerts.find((a) => a.id === id && a.leaseOwner === owner);
    if (alert !== undefined) Object.assign(alert, update, { leaseOwner: null, leaseExpiresAt: 0 });
  }
}

/** What /notify does with an alert, as the NotifySender contract names the situations. */
export type NotifyAnswer = 'accepts' | 'fails' | 'refuses' | 'unreachable';

/** The send result of each situation, as the contract pins it for the real client too. */
export const NOTIFY_ANSWERS: Record<NotifyAnswer, SendResult> = {
  accepts: { ok: true },
  fails: { ok: false, dependencyFailed: true, error: 'HTTP 500' },
  refuses: { ok: false, dependencyFailed: false, error: 'HTTP 400' },
  unreachable: { ok: false, dependencyFailed: true, error: 'fetch failed' },
};

/** /notify answering from a script (then `otherwise`), recording every call. */
export class ScriptedSender implements NotifySender {
  readonly sent: OutboxItem[] = [];

  constructor(
    private readonly script: SendResult[] = [],
    private readonly otherwise: SendResult = { ok: true },
  ) {}

  async send(item: OutboxItem): Promise<SendResult> {
    this.sent.push(item);
    return this.script.shift() ?? this.otherwise;
  }
}

/** Compare-and-swap in memory, with a yield between load and save so callers interleave. */
export function memoryBreakerStore(): BreakerStore & { writes: number } {
  let current = { state: CLOSED as BreakerState, version: 0 };
  const store = {
    writes: 0,
    async load() {
      await Promise.resolve();
      return { ...current };
    },
    async save(state: BreakerState, expectedVersion: number) {
      await Promise.resolve();
      if (current.version !== expectedVersion) return false;
      current = { state, version: expectedVersion + 1 };
      store.writes += 1;
      return true;
    },
  };
  return store;
}

/** A valid provider ticket of `tenantId`, as the wire parser would hand it over. */
export function parsedTicket(
  tenantId: string,
  externalId: string,
  overrides: Partial<IncomingTicket> = {},
): ParsedTicket {
  return {
    ok: true,
    ticket: {
      tenantId,
      externalId,
      source: TicketSource.EMAIL,
      customerId: `cust-${externalId}`,
      subject: `Ticket ${externalId}`,
      message: 'Hello, a question about my account.',
      status: TicketStatus.OPEN,
      createdAt: new Date('2026-11-01T10:00:00Z'),
      updatedAt: new Date('2026-11-01T10:00:00Z'),
      ...overrides,
    },
  };
}

/** A classification as the classifier would give it, for tests of what uses one. */
export function testClassification(urgency: Urgency = Urgency.LOW): Classification {
  const high = urgency === Urgency.HIGH;
  return {
    urgency,
    sentiment: high ? Sentiment.NEGATIVE : Sentiment.NEUTRAL,
    requiresAction: high,
    signals: high ? ['outage'] : [],
    keywords: [],
    rulesVersion: 'test',
    confidence: null,
    needsReview: false,
    raisesAlert: high,
  };
}

/** An open HIGH ticket whose last provider activity was `ageMs` ago. */
export function highTicketAged(externalId: string, ageMs: number, tenantId = 'a'): HighTicket {
  const at = new Date(Date.now() - ageMs);
  return {
    tenantId,
    externalId,
    id: `ticket-${externalId}`,
    status: TicketStatus.OPEN,
    createdAt: at,
    updatedAt: at,
    deleted: false,
    urgency: Urgency.HIGH,
    signals: ['outage'],
  };
}

/** The key-budget ledger's contract (a conditional move of each key's tat), in memory. */
/** A provider budget's log and waiters, in memory (the contract: budget-log-store.contract.ts). */
export class InMemoryBudgetLogStore implements BudgetLogStore {
  private log: BudgetLog = { grants: [], pausedUntil: 0, lastClaimant: '', version: 0 };
  private readonly known = new Map<string, BudgetWaiter>();

  async load(): Promise<BudgetLog> {
    return { ...this.log, grants: [...this.log.grants] };
  }

  async swapGrants(version: number, grants: number[], lastClaimant: string): Promise<boolean> {
    if (version !== this.log.version) return false;
    this.log = { ...this.log, grants: [...grants], lastClaimant, version: version + 1 };
    return true;
  }

  async pauseUntil(untilMs: number): Promise<void> {
    if (this.log.pausedUntil < untilMs)
      this.log = { ...this.log, pausedUntil: untilMs, version: this.log.version + 1 };
  }

  async waiters(claimant: string, seenSince: number): Promise<BudgetWaiter[]> {
    return [...this.known.values()]
      .filter((waiter) => waiter.claimant === claimant || waiter.seenAt > seenSince)
      .map((waiter) => ({ ...waiter }));
  }

  async markWaiter(
    claimant: string,
    fields: Partial<Pick<BudgetWaiter, 'seenAt' | 'lastGrantAt'>>,
  ): Promise<void> {
    const known = this.known.get(claimant) ?? { claimant, seenAt: 0, lastGrantAt: 0 };
    this.known.set(claimant, { ...known, ...fields });
  }
}

export class InMemoryBudgetLedger implements BudgetLedger {
  readonly tats = new Map<string, number>();
  calls = 0;

  async spend(
    keyId: string,
    { now, spendMs, toleranceMs }: Spend,
  ): Promise<{ granted: boolean; tat: number }> {
    this.calls += 1;
    const from = Math.max(this.tats.get(keyId) ?? now, now);
    if (from + spendMs - now > toleranceMs) return { granted: false, tat: from };
    this.tats.set(keyId, from + spendMs);
    return { granted: true, tat: from + spendMs };
  }

  async refund(keyId: string, spendMs: number): Promise<void> {
    const tat = this.tats.get(keyId);
    if (tat !== undefined) this.tats.set(keyId, tat - spendMs);
  }
}

/** Tenants in memory, oldest first; a page is the first `size` (no cursors needed here). */
export class InMemoryTenantStore implements TenantStore {
  readonly tenants = new Map<string, TenantRecord>();
  lookups = 0;

  async find(id: string): Promise<TenantRecord | null> {
    this.lookups += 1;
    return clone(this.tenants.get(id) ?? null);
  }

  async list(page: PageRequest, only: string | null): Promise<Page<TenantRecord>> {
    const all = [...this.tenants.values()].filter((t) => only === null || t.id === only);
    const items = all.slice(0, page.size).map((node) => ({ node: clone(node), cursor: node.id }));
    return {
      items,
      pageInfo: {
        hasNextPage: all.length > items.length,
        hasPreviousPage: false,
        startCursor: items[0]?.cursor ?? null,
        endCursor: items.at(-1)?.cursor ?? null,
      },
      totalCount: async () => all.length,
    };
  }

  async register(id: string, name: string | null, at: Date): Promise<TenantRecord> {
    const existing = this.tenants.get(id);
    const tenant = existing
      ? { ...existing, name: name ?? existing.name }
      : { id, name, origin: TenantOrigin.REGISTERED, knownSince: at };
    this.tenants.set(id, tenant);
    return clone(tenant);
  }

  async ids(): Promise<string[]> {
    return [...this.tenants.keys()];
  }

  async recordSeen(id: string, at: Date): Promise<void> {
    if (!this.tenants.has(id))
      this.tenants.set(id, { id, name: null, origin: TenantOrigin.SEEN_BY_SWEEP, knownSince: at });
  }

  async adoptExisting(): Promise<number> {
    return 0;
  }
}

/** A tenant service that knows these tenants (as if registered). */
export function knownTenants(...ids: string[]): TenantService {
  const store = new InMemoryTenantStore();
  for (const id of ids) void store.register(id, null, new Date(0));
  return new TenantService(store);
}

/** A stats selection of these parts only (no trends, no lists). */
export const statsSelection = (parts: StatsPart[]): StatsSelection => ({
  parts,
  hourly: [],
  daily: [],
  weekly: [],
  keywordLimit: 0,
  atRiskLimit: 0,
});

/** API keys in memory, with ids shaped as the database's (24 hex digits), newest first. */
export class InMemoryApiKeyStore implements ApiKeyStore {
  private readonly keys: (ApiKeyRecord & { secretHash: string })[] = [];
  private made = 0;

  async findByHash(secretHash: string): Promise<ApiKeyRecord | null> {
    return this.record(this.keys.find((key) => key.secretHash === secretHash));
  }

  async findById(id: string): Promise<ApiKeyRecord | null> {
    return this.record(this.keys.find((key) => key.id === id));
  }

  async findActiveIds(ids: string[]): Promise<Set<string>> {
    return new Set(
      this.keys.filter((key) => key.revokedAt === null && ids.includes(key.id)).map((k) => k.id),
    );
  }

  async insert(
    key: Omit<ApiKeyRecord, 'id' | 'revokedAt'> & { secretHash: string },
  ): Promise<ApiKeyRecord> {
    this.made += 1;
    const stored = { ...key, id: this.made.toString(16).padStart(24, '0'), revokedAt: null };
    this.keys.push(stored);
    return this.record(stored)!;
  }

  async revoke(id: string, at: Date): Promise<ApiKeyRecord | null> {
    const key = this.keys.find((k) => k.id === id);
    if (key !== undefined && key.revokedAt === null) key.revokedAt = at;
    return this.record(key);
  }

  async upsertAdmin(name: string, secretHash: string, at: Date): Promise<ApiKeyRecord> {
    const key = this.keys.find((k) => k.name === name && k.isAdmin && k.tenantId === null);
    if (key === undefined)
      return this.insert({
        name,
        secretHash,
        tenantId: null,
        isAdmin: true,
        trustedDocumentsOnly: false,
        createdAt: at,
      });
    Object.assign(key, { secretHash, revokedAt: null });
    return this.record(key)!;
  }

  /** Newest first; a page is the first or last `size` (cursors are not needed here). */
  async list(page: PageRequest, includeRevoked: boolean): Promise<Page<ApiKeyRecord>> {
    const all = this.keys
      .filter((key) => includeRevoked || key.revokedAt === null)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
    const chosen = page.direction === 'forward' ? all.slice(0, page.size) : all.slice(-page.size);
    const items = chosen.map((key) => ({ node: this.record(key)!, cursor: key.id }));
    return {
      items,
      pageInfo: {
        hasNextPage: page.direction === 'forward' && all.length > items.length,
        hasPreviousPage: page.direction === 'backward' && all.length > items.length,
        startCursor: items[0]?.cursor ?? null,
        endCursor: items.at(-1)?.cursor ?? null,
      },
      totalCount: async () => all.length,
    };
  }

  private record(key: (ApiKeyRecord & { secretHash: string }) | undefined): ApiKeyRecord | null {
    if (key === undefined) return null;
    const { secretHash: _hidden, ...record } = key;
    return clone(record);
  }
}
