import type { Principal } from '../auth/principal.js';
import { canSeeTenant, type TenantScope } from '../auth/tenant-scope.js';
import type { TenantService } from '../tenants/tenant.service.js';
import { badUserInput, DomainError } from '../errors.js';
import type { DomainLogger } from '../logger.js';
import { UserErrorCode, type UserError } from '../user-error.js';
import { IngestionStatus, isFinal } from './ingestion.types.js';
import {
  ALL_TENANTS,
  tenantLockKey,
  type IngestionRunner,
  type RunnerSettings,
} from './ingestion-runner.js';
import { toPageRequest, type PageArgs } from '../pagination/page-args.js';
import type { Page } from '../pagination/page.js';
import { emptyProgress, type LockStore, type RunRecord, type RunStore } from './ports.js';
import type { RunFeed } from './run-feed.js';

/** A run that may still report progress. */
const UNFINISHED = [IngestionStatus.QUEUED, IngestionStatus.RUNNING, IngestionStatus.CANCELLING];

export type RunResult =
  { ok: true; run: RunRecord } | { ok: false; error: UserError; run: RunRecord | null };

export interface IngestionLockView {
  tenantId: string;
  locked: boolean;
  runId: string | null;
  holder: string | null;
  expiresAt: Date | null;
}

/** A run not finished whose lock is gone is finalised only after this grace (it may be starting). */
const ABANDONED_GRACE_MS = 30_000;
/** Said of a run whose lock lapsed unfinished: this process cannot tell which of the two. */
const ABANDONED_ERROR =
  'Abandoned: its tenant lock expired before the run was finalised (the gateway process running it stopped, or lost the database until then).';

/** A sweep writes every tenant: admin keys only, and without a tenantId. */
function sweepScope(caller: Principal, tenantId: string | null | undefined): TenantScope {
  const refuse = (code: UserErrorCode, message: string, field: string): TenantScope => ({
    ok: false,
    error: { code, message, field: [field] },
  });
  if (!caller.isAdmin)
    return refuse(
      UserErrorCode.FORBIDDEN,
      'Only an admin API key can ingest all tenants.',
      'allTenants',
    );
  if (tenantId !== null && tenantId !== undefined)
    return refuse(
      UserErrorCode.INVALID_INPUT,
      'allTenants and tenantId exclude each other.',
      'tenantId',
    );
  return { ok: true, tenantId: ALL_TENANTS };
}

/** Starting, cancelling and reading ingestion runs, with authorisation and the one-run-per-tenant rule. */
export class IngestionService {
  constructor(
    private readonly runs: RunStore,
    private readonly locks: LockStore,
    private readonly runner: IngestionRunner,
    private readonly settings: RunnerSettings & { fullRunIntervalMs: number },
    private readonly logger: DomainLogger,
    private readonly feed: RunFeed,
    private readonly tenants: Pick<TenantService, 'scope' | 'scoped'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * The run document exists before the lock is taken, so a caller who loses the race finds
   * the winner's run through the lock. The loser's own document is removed again.
   */
  async start(
    caller: Principal,
    input: { tenantId?: string | null; full?: boolean | null; allTenants?: boolean | null },
  ): Promise<RunResult> {
    // An unknown tenant is refused here, before any provider call.
    const scope =
      input.allTenants === true
        ? sweepScope(caller, input.tenantId)
        : await this.tenants.scope(caller, input.tenantId);
    if (!scope.ok) return { ok: false, error: scope.error, run: null };
    const { tenantId } = scope;
    const tooSoon = input.full === true && !caller.isAdmin && (await this.fullRunTooSoon(tenantId));
    if (tooSoon) return { ok: false, error: tooSoon, run: null };
    const run: RunRecord = {
      id: this.runs.newId(),
      tenantId,
      status: IngestionStatus.QUEUED,
      requestedBy: caller.keyName,
      full: input.full === true,
      queuedAt: this.now(),
      startedAt: null,
      finishedAt: null,
      progress: emptyProgress(),
      error: null,
      executor: null,
    };
    await this.runs.create(run);
    const attempt = await this.locks.tryAcquire(
      tenantLockKey(tenantId),
      this.settings.executorId,
      run.id,
      this.settings.lockTtlMs,
    );
    if (!attempt.acquired) {
      await this.runs.remove(run.id);
      const holder = attempt.holder?.runId ? await this.runs.findById(attempt.holder.runId) : null;
      // A tenant key may be blocked by a sweep run, which it is not shown.
      const active = holder !== null && canSeeTenant(caller, holder.tenantId) ? holder : null;
      return {
        ok: false,
        error: {
          code: UserErrorCode.INGESTION_ALREADY_RUNNING,
          message: `An ingestion run is already active for tenant ${tenantId}.`,
          field: ['tenantId'],
        },
        run: active,
      };
    }
    if (attempt.previousRunId !== null) await this.finishAbandoned(attempt.previousRunId);
    this.runner.launch(run);
    return { ok: true, run };
  }

  /**
   * A full run re-reads and rewrites every ticket of the tenant, spending the provider budget
   * every tenant shares: a tenant key may start one per `fullRunIntervalMs` (admins are not
   * limited; runs without `full` never are).
   */
  private async fullRunTooSoon(tenantId: string): Promise<UserError | null> {
    const interval = this.settings.fullRunIntervalMs;
    if (interval === 0) return null;
    const last = await this.runs.lastFullRunAt(tenantId);
    if (last === null || this.now().getTime() - last.getTime() >= interval) return null;
    const next = new Date(last.getTime() + interval).toISOString();
    return {
      code: UserErrorCode.RATE_LIMITED,
      message: `A full run of tenant ${tenantId} started at ${last.toISOString()}; the next may start from ${next}. Runs without full are not limited.`,
      field: ['full'],
    };
  }

  async cancel(caller: Principal, runId: string | null): Promise<RunResult> {
    const run = runId === null ? null : await this.get(caller, runId);
    if (run === null) {
      return {
        ok: false,
        error: {
          code: UserErrorCode.NOT_FOUND,
          message: 'No ingestion run has this id.',
          field: ['runId'],
        },
        run: null,
      };
    }
    if (isFinal(run.status)) {
      return {
        ok: false,
        error: {
          code: UserErrorCode.NOT_CANCELLABLE,
          message: `The run already ended (${run.status}).`,
          field: ['runId'],
        },
        run,
      };
    }
    return { ok: true, run: (await this.runs.requestCancel(run.id)) ?? run };
  }

  /** Null when the run does not exist or belongs to another tenant: the two look the same. */
  async get(caller: Principal, runId: string): Promise<RunRecord | null> {
    const run = await this.runs.findById(runId);
    return run !== null && canSeeTenant(caller, run.tenantId) ? run : null;
  }

  /**
   * A run's states from now until it ends, wherever it executes: the run named by its id
   * (null: an id that names no run; a run that does not exist and one of another tenant give
   * the same NOT_FOUND), or without an id the tenant's current run (for an admin, a sweep
   * counts), or its next one when none is running.
   */
  async watch(
    caller: Principal,
    target: { runId?: string | null; tenantId?: string | null },
  ): Promise<AsyncIterableIterator<RunRecord>> {
    if (target.runId !== undefined) {
      if (target.tenantId !== undefined && target.tenantId !== null)
        throw badUserInput('Pass runId or tenantId, not both.');
      const run = target.runId === null ? null : await this.get(caller, target.runId);
      if (run === null) throw new DomainError('NOT_FOUND', 'No ingestion run has this id.');
      return this.feed.subscribe(run);
    }
    const tenantId = await this.tenants.scoped(caller, target.tenantId);
    // An admin also sees sweeps, which ingest this tenant among the others (a tenant key
    // is not shown a walk over other tenants).
    const covering = caller.isAdmin ? [tenantId, ALL_TENANTS] : [tenantId];
    return this.feed.subscribeTenant(async () => {
      for (const runsOf of covering) {
        const page = await this.runs.list(runsOf, UNFINISHED, toPageRequest({ first: 1 }));
        if (page.items[0] !== undefined) return page.items[0].node;
      }
      return null;
    });
  }

  /** A tenant's runs, newest first; admin keys must name the tenant ('*' lists sweeps). */
  async list(
    caller: Principal,
    input: { tenantId?: string | null; status?: IngestionStatus[] | null } & PageArgs,
  ): Promise<Page<RunRecord>> {
    const tenantId = await this.tenants.scoped(caller, input.tenantId, [ALL_TENANTS]);
    return this.runs.list(tenantId, input.status ?? [], toPageRequest(input));
  }

  /** A tenant's most recent run, or null before its first. */
  async latest(caller: Principal, tenantId: string): Promise<RunRecord | null> {
    const page = await this.list(caller, { tenantId, first: 1 });
    return page.items[0]?.node ?? null;
  }

  async lock(
    caller: Principal,
    requestedTenant: string | null | undefined,
  ): Promise<IngestionLockView> {
    const tenantId = await this.tenants.scoped(caller, requestedTenant, [ALL_TENANTS]);
    const lock = await this.locks.find(tenantLockKey(tenantId));
    return {
      tenantId,
      locked: lock !== null,
      runId: lock?.runId ?? null,
      holder: lock?.owner ?? null,
      expiresAt: lock?.expiresAt ?? null,
    };
  }

  /**
   * Finalises runs left unfinished by a dead process: their lock has expired (or another run
   * holds it). Called at start-up; a new start that takes over an expired lock does the same.
   */
  async recoverAbandoned(): Promise<number> {
    let recovered = 0;
    for (const run of await this.runs.findUnfinished()) {
      const lock = await this.locks.find(tenantLockKey(run.tenantId));
      const orphaned =
        lock === null
          ? this.now().getTime() - run.queuedAt.getTime() > ABANDONED_GRACE_MS
          : lock.runId !== run.id;
      if (orphaned && (await this.finishAbandoned(run.id))) recovered += 1;
    }
    return recovered;
  }

  private async finishAbandoned(runId: string): Promise<boolean> {
    const run = await this.runs.findById(runId);
    if (run === null || isFinal(run.status)) return false;
    await this.runs.finish(runId, IngestionStatus.FAILED, ABANDONED_ERROR, this.now());
    this.logger.warn({ runId, tenantId: run.tenantId }, 'finalised an abandoned ingestion run');
    return true;
  }
}
