import type { DomainLogger } from '../logger.js';
import { IngestionStatus } from './ingestion.types.js';
import type {
  ActiveTicket,
  ClassifyTicket,
  LockStore,
  RunCounters,
  RunRecord,
  RunStore,
  TicketProvider,
  TicketSyncStore,
} from './ports.js';
import { parseProviderTicket, type IncomingTicket } from './provider-ticket.js';
import { planPage } from './ticket-sync.js';

export interface RunnerSettings {
  /** Who runs the jobs of this process (lock owner, run executor). */
  executorId: string;
  lockTtlMs: number;
  heartbeatMs: number;
  pageSize: number;
}

export interface RunnerDependencies {
  runs: RunStore;
  locks: LockStore;
  provider: TicketProvider;
  tickets: TicketSyncStore;
  classify: ClassifyTicket;
  logger: DomainLogger;
  settings: RunnerSettings;
  now?: () => Date;
}

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

type Outcome = { status: IngestionStatus; error: string | null };

const SOFT_DELETE_BATCH = 500;

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
    const lockKey = tenantLockKey(run.tenantId);
    let lockLost = false;
    const heartbeat = setInterval(() => {
      locks
        .renew(lockKey, settings.executorId, run.id, settings.lockTtlMs)
        .then((held) => {
          if (!held && !lockLost) {
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
      outcome = await this.walk(run, controller.signal, () => lockLost);
    } catch (error) {
      outcome = {
        status: IngestionStatus.FAILED,
        error: describeFailure(error, lockLost, controller.signal.aborted),
      };
      logger.error({ err: error, runId: run.id, tenantId: run.tenantId }, 'ingestion run failed');
    } finally {
      clearInterval(heartbeat);
      await runs
        .finish(run.id, outcome.status, outcome.error, this.now())
        .catch((error: unknown) =>
          logger.error({ err: error, runId: run.id }, 'could not finalise the run'),
        );
      if (!lockLost) {
        await locks
          .release(lockKey, settings.executorId, run.id)
          .catch((error: unknown) =>
            logger.error({ err: error, runId: run.id }, 'could not release the lock'),
          );
      }
      logger.info(
        { runId: run.id, tenantId: run.tenantId, status: outcome.status },
        'ingestion run finished',
      );
    }
  }

  private async walk(
    run: RunRecord,
    signal: AbortSignal,
    lockLost: () => boolean,
  ): Promise<Outcome> {
    const { provider, tickets, runs, settings } = this.deps;
    const seen = new Set<string>();
    let pendingWaits = 0;
    let failed = 0;
    const hooks = { onRateLimitWait: () => (pendingWaits += 1), signal };

    for (let page: number | null = 1; page !== null;) {
      const fetched = await provider.fetchPage(page, settings.pageSize, hooks);
      const { valid, malformed } = this.ticketsOfTenant(run, fetched.tickets);
      for (const ticket of valid) seen.add(ticket.externalId);
      const plan = planPage({
        incoming: valid,
        stored: await tickets.loadStates(
          run.tenantId,
          valid.map((t) => t.externalId),
        ),
        full: run.full,
        classify: this.deps.classify,
      });
      if (lockLost()) throw new LockLostError();
      const { notificationsQueued } = await tickets.applyPlan(
        run.tenantId,
        run.id,
        plan,
        this.now(),
      );
      failed += malformed;
      const delta: Partial<RunCounters> = {
        processedPages: 1,
        fetched: valid.length + malformed,
        ...plan.counts,
        failed: malformed,
        notificationsQueued,
        rateLimitWaits: pendingWaits,
      };
      pendingWaits = 0;
      const progressed = await runs.addProgress(
        run.id,
        delta,
        Math.ceil(fetched.totalCount / settings.pageSize),
      );
      if (progressed?.status === IngestionStatus.CANCELLING)
        return { status: IngestionStatus.CANCELLED, error: null };
      page = fetched.nextPage;
    }

    // The walk is complete: what the provider no longer lists is soft-deleted.
    const deletedUpstream = await provider.fetchDeletedIds(hooks);
    const deleted = await this.softDeleteMissing(run, seen, deletedUpstream, lockLost);
    await runs.addProgress(run.id, { deleted, rateLimitWaits: pendingWaits });
    return failed > 0
      ? {
          status: IngestionStatus.PARTIALLY_SUCCEEDED,
          error: `${failed} malformed ticket(s) were skipped.`,
        }
      : { status: IngestionStatus.SUCCEEDED, error: null };
  }

  /** Keeps the run's tenant; malformed tickets of the tenant (or of no readable tenant) are counted. */
  private ticketsOfTenant(
    run: RunRecord,
    raw: unknown[],
  ): { valid: IncomingTicket[]; malformed: number } {
    const valid: IncomingTicket[] = [];
    let malformed = 0;
    for (const item of raw) {
      const parsed = parseProviderTicket(item);
      if (parsed.ok) {
        if (parsed.ticket.tenantId === run.tenantId) valid.push(parsed.ticket);
      } else if (parsed.tenantId === null || parsed.tenantId === run.tenantId) {
        malformed += 1;
        this.deps.logger.warn(
          {
            runId: run.id,
            tenantId: run.tenantId,
            ticketId: parsed.externalId,
            reason: parsed.reason,
          },
          'skipped a malformed provider ticket',
        );
      }
    }
    return { valid, malformed };
  }

  /**
   * Stored tickets the complete walk did not see are gone upstream (listed as deleted, or
   * simply missing): they get deletedAt and a DELETED history entry.
   */
  private async softDeleteMissing(
    run: RunRecord,
    seen: Set<string>,
    deletedUpstream: Set<string>,
    lockLost: () => boolean,
  ): Promise<number> {
    // Collected before writing, so the writes never disturb the cursor that finds them.
    const missing: ActiveTicket[] = [];
    for await (const ticket of this.deps.tickets.activeTickets(run.tenantId)) {
      if (seen.has(ticket.externalId)) continue;
      if (!deletedUpstream.has(ticket.externalId)) {
        this.deps.logger.info(
          { runId: run.id, ticketId: ticket.externalId },
          'ticket missing upstream; soft-deleting',
        );
      }
      missing.push(ticket);
    }
    let deleted = 0;
    for (let start = 0; start < missing.length; start += SOFT_DELETE_BATCH) {
      if (lockLost()) throw new LockLostError();
      const batch = missing.slice(start, start + SOFT_DELETE_BATCH);
      deleted += await this.deps.tickets.softDelete(run.tenantId, run.id, batch, this.now());
    }
    return deleted;
  }
}

function describeFailure(error: unknown, lockLost: boolean, aborted: boolean): string {
  if (lockLost || error instanceof LockLostError) return new LockLostError().message;
  if (aborted) return 'Interrupted: the gateway process shut down during the run.';
  return error instanceof Error ? error.message : String(error);
}
