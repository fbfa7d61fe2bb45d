import { highTicket } from '../alerting/alert-policy.js';
import { NotificationSkipReason } from '../alerting/alert.types.js';
import type { AlertQueue } from '../alerting/ports.js';
import { classifyInTurns } from '../classification/index.js';
import type { DomainLogger } from '../logger.js';
import { retrying } from '../resilience/backoff.js';
import { IngestionStatus } from './ingestion.types.js';
import type {
  ActiveTicket,
  ClassifyTicket,
  LockStore,
  RunCounters,
  RunRecord,
  RunStore,
  ParsedTicket,
  TicketProvider,
  TicketSyncStore,
} from './ports.js';
import { zeroCounters } from './ports.js';
import type { StatsWriter } from '../stats/rollup-ports.js';
import type { TenantService } from '../tenants/tenant.service.js';
import type { IncomingTicket } from '../tickets/ticket.types.js';
import { planPage } from './ticket-sync.js';

export interface RunnerSettings {
  /** Who runs the jobs of this process (lock owner, run executor). */
  executorId: string;
  lockTtlMs: number;
  heartbeatMs: number;
  pageSize: number;
}

/** Where finished runs and written tickets are counted (metrics). */
export interface RunObserver {
  runFinished(status: IngestionStatus): void;
  ticketsWritten(counts: {
    created: number;
    updated: number;
    unchanged: number;
    deleted: number;
    failed: number;
  }): void;
}

export interface RunnerDependencies {
  runs: RunStore;
  locks: LockStore;
  provider: TicketProvider;
  tickets: TicketSyncStore;
  alerts: AlertQueue;
  tenants: TenantSightings;
  /** Every ticket write runs through it, so the roll-ups (and live stats) follow each page. */
  rollups: StatsWriter;
  classify: ClassifyTicket;
  logger: DomainLogger;
  settings: RunnerSettings;
  observer?: RunObserver;
  /** Names the cause of an error the domain cannot recognise (a lost database), if known. */
  explainFailure?: (error: unknown) => string | null;
  now?: () => Date;
}

/** Where a sweep reports the tenants it meets. */
type TenantSightings = Pick<TenantService, 'recordSeen'>;

/** The tenantId of a sweep run: one walk of the provider's pages that writes every tenant. */
export const ALL_TENANTS = '*';

export function tenantLockKey(tenantId: string): string {
  return `ingestion:${tenantId}`;
}

class LockLostError extends Error {
  constructor() {
    super(
      'The run lost its tenant lock (it was not renewed in time and another run took it); it stopped writing.',
    );
  }
}

/**
 * The tenants a run writes and the locks it holds for them. A tenant run holds its tenant's
 * lock from the start; a sweep holds the sweep lock and takes each tenant's lock when the
 * tenant first appears, skipping tenants another run is busy with.
 */
class RunTenants {
  private readonly seenByTenant = new Map<string, Set<string>>();
  readonly skipped = new Set<string>();
  readonly lockKeys: string[];
  readonly sweep: boolean;

  constructor(
    private readonly run: RunRecord,
    private readonly locks: LockStore,
    private readonly tenants: TenantSightings,
    private readonly settings: RunnerSettings,
  ) {
    this.sweep = run.tenantId === ALL_TENANTS;
    this.lockKeys = [tenantLockKey(run.tenantId)];
    if (!this.sweep) this.seenByTenant.set(run.tenantId, new Set());
  }

  async admit(tenantId: string): Promise<boolean> {
    if (this.seenByTenant.has(tenantId)) return true;
    if (!this.sweep || this.skipped.has(tenantId)) return false;
    // A sweep is how tenants become known: even one skipped here (busy) exists.
    await this.tenants.recordSeen(tenantId);
    const key = tenantLockKey(tenantId);
    const attempt = await this.locks.tryAcquire(
      key,
      this.settings.executorId,
      this.run.id,
      this.settings.lockTtlMs,
    );
    if (!attempt.acquired) {
      this.skipped.add(tenantId);
      return false;
    }
    this.lockKeys.push(key);
    this.seenByTenant.set(tenantId, new Set());
    return true;
  }

  /** A malformed ticket counts when it may be one of ours (its tenant is unreadable or ours). */
  claims(tenantId: string | null): boolean {
    return this.sweep || tenantId === null || tenantId === this.run.tenantId;
  }

  seen(tenantId: string): Set<string> {
    return this.seenByTenant.get(tenantId)!;
  }

  written(): string[] {
    return [...this.seenByTenant.keys()];
  }
}

type Outcome = { status: IngestionStatus; error: string | null };

const SOFT_DELETE_BATCH = 500;
/** About a minute of tries; after that, the periodic recovery of abandoned runs finalises it. */
const FINALISE_RETRIES = { attempts: 8, policy: { baseMs: 1000, capMs: 15_000 } };

/**
 * Executes runs in the background of this process: walks the provider's pages with the
 * project's own loop, writes each page, persists progress per page, honours cancellation
 * between pages, keeps the tenant lock alive, and always finalises the run.
 */
export class IngestionRunner {
  private readonly active = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private readonly now: () => Date;

  constructor(private readonly deps: RunnerDependencies) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Starts the run without waiting for it. */
  launch(run: RunRecord): void {
    const controller = new AbortController();
    const done = this.execute(run, controller).finally(() => this.active.delete(run.id));
    this.active.set(run.id, { controller, done });
  }

  get activeRuns(): number {
    return this.active.size;
  }

  /** Interrupts every run of this process; each is finalised FAILED and its lock released. */
  async shutdown(): Promise<void> {
    for (const { controller } of this.active.values()) controller.abort();
    await Promise.all([...this.active.values()].map(({ done }) => done));
  }

  private async execute(run: RunRecord, controller: AbortController): Promise<void> {
    const { runs, locks, logger, settings } = this.deps;
    const tenants = new RunTenants(run, locks, this.deps.tenants, settings);
    let lockLost = false;
    const heartbeat = setInterval(() => {
      Promise.all(
        tenants.lockKeys.map((key) =>
          locks.renew(key, settings.executorId, run.id, settings.lockTtlMs),
        ),
      )
        .then((held) => {
          if (held.includes(false) && !lockLost) {
            lockLost = true;
            controller.abort();
          }
        })
        .catch((error: unknown) =>
          logger.warn({ err: error, runId: run.id }, 'lock heartbeat failed'),
        );
    }, settings.heartbeatMs);
    heartbeat.unref();

    let outcome: Outcome = { status: IngestionStatus.FAILED, error: 'The run ended unexpectedly.' };
    try {
      await runs.markRunning(run.id, settings.executorId, this.now());
      outcome = await this.walk(run, tenants, controller.signal, () => lockLost);
    } catch (error) {
      outcome = {
        status: IngestionStatus.FAILED,
        error: describeFailure(
          error,
          lockLost,
          controller.signal.aborted,
          this.deps.explainFailure,
        ),
      };
      logger.error({ err: error, runId: run.id, tenantId: run.tenantId }, 'ingestion run failed');
    } finally {
      clearInterval(heartbeat);
      // The final status must land even through a short database outage.
      await retrying(
        () => runs.finish(run.id, outcome.status, outcome.error, this.now()),
        FINALISE_RETRIES,
      ).catch((error: unknown) =>
        logger.error({ err: error, runId: run.id }, 'could not finalise the run'),
      );
      for (const key of tenants.lockKeys) {
        await locks
          .release(key, settings.executorId, run.id)
          .catch((error: unknown) =>
            logger.error({ err: error, runId: run.id }, 'could not release the lock'),
          );
      }
      this.deps.observer?.runFinished(outcome.status);
      logger.info(
        { runId: run.id, tenantId: run.tenantId, status: outcome.status },
        'ingestion run finished',
      );
    }
  }

  private async walk(
    run: RunRecord,
    tenants: RunTenants,
    signal: AbortSignal,
    lockLost: () => boolean,
  ): Promise<Outcome> {
    const { provider, runs, settings } = this.deps;
    let pendingWaits = 0;
    let failed = 0;
    const hooks = {
      claimant: run.tenantId,
      onRateLimitWait: () => (pendingWaits += 1),
      // Subscribers see the wait (and until when) instead of silence; a lost write only
      // leaves the wait unsaid.
      onWaitingUntil: (until: Date) =>
        void runs
          .waitingForProvider(run.id, until)
          .catch((error: unknown) =>
            this.deps.logger.warn(
              { err: error, runId: run.id },
              'recording a provider wait failed',
            ),
          ),
      signal,
    };

    for (let page: number | null = 1; page !== null;) {
      const fetched = await provider.fetchPage(page, settings.pageSize, hooks);
      const { byTenant, malformed } = await this.partition(run, tenants, fetched.tickets);
      const delta: RunCounters = {
        ...zeroCounters(),
        processedPages: 1,
        fetched: malformed,
        failed: malformed,
      };
      for (const [tenantId, incoming] of byTenant) {
        for (const ticket of incoming) tenants.seen(tenantId).add(ticket.externalId);
        const written = await this.writePage(run, tenantId, incoming, signal, lockLost);
        delta.fetched += incoming.length;
        delta.created += written.created;
        delta.updated += written.updated;
        delta.unchanged += written.unchanged;
        delta.notificationsQueued += written.notificationsQueued;
      }
      failed += malformed;
      this.deps.observer?.ticketsWritten({ ...delta, deleted: 0 });
      delta.rateLimitWaits = pendingWaits;
      pendingWaits = 0;
      const progressed = await runs.addProgress(
        run.id,
        delta,
        Math.ceil(fetched.totalCount / settings.pageSize),
      );
      if (progressed?.status === IngestionStatus.CANCELLING) {
        return { status: IngestionStatus.CANCELLED, error: null };
      }
      page = fetched.nextPage;
    }

    // The walk is complete: what the provider no longer lists is soft-deleted.
    const deletedUpstream = await provider.fetchDeletedIds(hooks);
    let deleted = 0;
    for (const tenantId of tenants.written()) {
      deleted += await this.softDeleteMissing(
        run,
        tenantId,
        tenants.seen(tenantId),
        deletedUpstream,
        signal,
        lockLost,
      );
    }
    this.deps.observer?.ticketsWritten({
      created: 0,
      updated: 0,
      unchanged: 0,
      deleted,
      failed: 0,
    });
    await runs.addProgress(run.id, { deleted, rateLimitWaits: pendingWaits });
    const notes = [
      ...(failed > 0 ? [`${failed} malformed ticket(s) were skipped.`] : []),
      ...(tenants.skipped.size > 0
        ? [`Tenants busy with another run were skipped: ${[...tenants.skipped].sort().join(', ')}.`]
        : []),
    ];
    return notes.length > 0
      ? { status: IngestionStatus.PARTIALLY_SUCCEEDED, error: notes.join(' ') }
      : { status: IngestionStatus.SUCCEEDED, error: null };
  }

  private async writePage(
    run: RunRecord,
    tenantId: string,
    incoming: IncomingTicket[],
    signal: AbortSignal,
    lockLost: () => boolean,
  ) {
    const { tickets } = this.deps;
    // Classified before the write, in turns: the page's CPU work neither holds the tenant's
    // roll-up op nor stalls other requests.
    const classify = await classifyInTurns(incoming, this.deps.classify);
    const { plan, ids } = await this.deps.rollups.write(
      tenantId,
      async (seq) => {
        const plan = planPage({
          incoming,
          stored: await tickets.loadStates(
            tenantId,
            incoming.map((t) => t.externalId),
          ),
          full: run.full,
          classify,
        });
        if (lockLost()) throw new LockLostError();
        const ids = await tickets.applyPlan(tenantId, run.id, plan, this.now(), seq);
        return { changes: plan.changes, result: { plan, ids } };
      },
      signal,
    );
    const notificationsQueued = await this.deps.alerts.recordHighTickets(
      plan.alerts.map(({ ticket, classification }) =>
        highTicket({ ...ticket, id: ids.get(ticket.externalId)!, deleted: false }, classification),
      ),
    );
    return { ...plan.counts, notificationsQueued };
  }

  /** Valid tickets of the tenants this run writes, grouped by tenant; malformed ones are counted. */
  private async partition(
    run: RunRecord,
    tenants: RunTenants,
    page: ParsedTicket[],
  ): Promise<{ byTenant: Map<string, IncomingTicket[]>; malformed: number }> {
    const byTenant = new Map<string, IncomingTicket[]>();
    let malformed = 0;
    for (const parsed of page) {
      if (parsed.ok) {
        const tenantId = parsed.ticket.tenantId;
        if (!(await tenants.admit(tenantId))) continue;
        byTenant.set(tenantId, [...(byTenant.get(tenantId) ?? []), parsed.ticket]);
      } else if (tenants.claims(parsed.tenantId)) {
        malformed += 1;
        this.deps.logger.warn(
          {
            runId: run.id,
            tenantId: parsed.tenantId,
            ticketId: parsed.externalId,
            reason: parsed.reason,
          },
          'skipped a malformed provider ticket',
        );
      }
    }
    return { byTenant, malformed };
  }

  /**
   * Stored tickets the complete walk did not see are gone upstream (listed as deleted, or
   * simply missing): they get deletedAt and a DELETED history entry, and their alerts not
   * yet sent are skipped (DELETED; a restore decides them again).
   */
  private async softDeleteMissing(
    run: RunRecord,
    tenantId: string,
    seen: Set<string>,
    deletedUpstream: Set<string>,
    signal: AbortSignal,
    lockLost: () => boolean,
  ): Promise<number> {
    // Collected before writing, so the writes never disturb the cursor that finds them.
    const missing: ActiveTicket[] = [];
    for await (const ticket of this.deps.tickets.activeTickets(tenantId)) {
      if (seen.has(ticket.externalId)) continue;
      if (!deletedUpstream.has(ticket.externalId)) {
        this.deps.logger.info(
          { runId: run.id, tenantId, ticketId: ticket.externalId },
          'ticket missing upstream; soft-deleting',
        );
      }
      missing.push(ticket);
    }
    let deleted = 0;
    for (let start = 0; start < missing.length; start += SOFT_DELETE_BATCH) {
      if (lockLost()) throw new LockLostError();
      const batch = missing.slice(start, start + SOFT_DELETE_BATCH);
      deleted += await this.deps.rollups.write(
        tenantId,
        async (seq) => {
          // Read again under the roll-up lease: what the figures count of them now.
          const states = await this.deps.tickets.loadStates(
            tenantId,
            batch.map((ticket) => ticket.externalId),
          );
          const live = batch.flatMap((ticket) => {
            const facts = states.get(ticket.externalId)?.facts ?? null;
            return facts === null ? [] : [{ ...ticket, facts }];
          });
          return {
            result: await this.deps.tickets.softDelete(tenantId, run.id, live, this.now(), seq),
            changes: live.map((ticket) => ({ from: ticket.facts, to: null })),
          };
        },
        signal,
      );
      await this.deps.alerts.withdraw(
        batch.map(({ externalId }) => ({ tenantId, externalId })),
        NotificationSkipReason.DELETED,
      );
    }
    return deleted;
  }
}

function describeFailure(
  error: unknown,
  lockLost: boolean,
  aborted: boolean,
  explain: RunnerDependencies['explainFailure'],
): string {
  if (lockLost || error instanceof LockLostError) return new LockLostError().message;
  if (aborted) return 'Interrupted: the gateway process shut down during the run.';
  const message = error instanceof Error ? error.message : String(error);
  const cause = explain?.(error) ?? null;
  return cause === null ? message : `${cause}: ${message}`;
}
