import type { DomainLogger } from '../logger.js';
import { RollupDelta } from './rollup-delta.js';
import {
  RepairKind,
  type CountedTickets,
  type RollupLease,
  type RollupObserver,
  type RollupStore,
  type RollupWork,
  type StatsWriter,
} from './rollup-ports.js';
import type { FactsChange } from './ticket-facts.js';

export interface RollupWriterSettings {
  /** Who writes (this process). */
  owner: string;
  /** A lease not renewed for this long lapses; it is renewed every third of it. */
  leaseTtlMs: number;
  /** How often a writer waiting for a busy tenant tries again. */
  pollMs: number;
}

/** Tickets read into memory at a time while a tenant's roll-ups are rebuilt. */
const REBUILD_CHUNK = 20_000;

type OpBody<T> = (seq: number, stillHeld: () => void) => Promise<{ changed: boolean; result: T }>;

class LeaseLostError extends Error {
  constructor(tenantId: string) {
    super(
      `The roll-up lease of tenant ${tenantId} lapsed mid-write (not renewed in time); the write stopped and will be redone.`,
    );
  }
}

const pause = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    }
    signal?.addEventListener('abort', abort, { once: true });
  });

/**
 * Keeps each tenant's roll-ups equal to its tickets without transactions.
 *
 * Every write of tickets that can move the figures runs as an op of its tenant, under the
 * tenant's roll-up lease (so ops of one tenant never overlap, on any replica):
 * 1. the op gets the next op number;
 * 2. the work writes its tickets, each stamped in the same document write with the op number
 *    and the facts the roll-ups counted for it before;
 * 3. the difference is added to the roll-ups, and each roll-up document records the op;
 * 4. the op is marked done, and the data version moves if the figures did.
 *
 * A writer that dies between 2 and 4 leaves its op open. The next op of the tenant (or the
 * periodic repair, once the lease lapses) redoes it from the stamps: each roll-up document
 * the op already changed is skipped, so nothing is counted twice or lost.
 */
export class RollupWriter implements StatsWriter {
  constructor(
    private readonly store: RollupStore,
    private readonly tickets: CountedTickets,
    private readonly settings: RollupWriterSettings,
    private readonly logger: DomainLogger,
    private readonly observer?: RollupObserver,
  ) {}

  write<T>(tenantId: string, work: RollupWork<T>, signal?: AbortSignal): Promise<T> {
    return this.underLease(tenantId, signal, async (seq, stillHeld) => {
      const { changes, result } = await work(seq);
      stillHeld();
      const changed = await this.count(tenantId, seq, RollupDelta.of(changes), false);
      return { changed, result };
    });
  }

  /** Counts the tenant's tickets afresh (an operator's repair); returns how many are live. */
  rebuild(tenantId: string, signal?: AbortSignal): Promise<number> {
    return this.underLease(
      tenantId,
      signal,
      async (seq) => {
        const counted = await this.rebuildAs(tenantId, seq, signal);
        this.observer?.repaired(RepairKind.REBUILD);
        return { changed: true, result: counted };
      },
      true,
    );
  }

  /** Rebuilds the roll-ups of the tenants among these that have none complete; returns how many. */
  async ensureBuilt(tenantIds: string[], signal?: AbortSignal): Promise<number> {
    const built = await this.store.built(tenantIds);
    const missing = tenantIds.filter((tenantId) => !built.has(tenantId));
    for (const tenantId of missing) await this.rebuild(tenantId, signal);
    return missing.length;
  }

  /** Redoes the ops of writers that died mid-op (their lease lapsed); returns how many tenants. */
  async repairAbandoned(): Promise<number> {
    let repaired = 0;
    for (const tenantId of await this.store.abandoned()) {
      // Taking the lease redoes what was left; a live writer that took it first does the same.
      const lease = await this.store.acquire(
        tenantId,
        this.settings.owner,
        this.settings.leaseTtlMs,
      );
      if (lease === null) continue;
      await this.hold(tenantId, lease, async () => ({ changed: false, result: undefined }));
      repaired += 1;
    }
    return repaired;
  }

  private async underLease<T>(
    tenantId: string,
    signal: AbortSignal | undefined,
    body: OpBody<T>,
    bodyRebuilds = false,
  ): Promise<T> {
    for (;;) {
      signal?.throwIfAborted();
      const lease = await this.store.acquire(
        tenantId,
        this.settings.owner,
        this.settings.leaseTtlMs,
      );
      if (lease !== null) return this.hold(tenantId, lease, body, bodyRebuilds);
      await pause(this.settings.pollMs * (0.5 + Math.random()), signal);
    }
  }

  /**
   * Runs an op under a lease just taken: first what a dead writer left (its ops redone, and
   * roll-ups never built or half rebuilt are rebuilt), then the body; the lease is released
   * whatever happens, the op marked done only when the body finished.
   */
  private async hold<T>(
    tenantId: string,
    lease: RollupLease,
    body: OpBody<T>,
    bodyRebuilds = false,
  ): Promise<T> {
    const { owner, leaseTtlMs } = this.settings;
    let seq = lease.seq;
    let lost = false;
    const heartbeat = setInterval(() => {
      this.store
        .renew(tenantId, owner, seq, leaseTtlMs)
        .then((held) => {
          if (!held) lost = true;
        })
        .catch((error: unknown) =>
          this.logger.warn({ err: error, tenantId }, 'renewing the roll-up lease failed'),
        );
    }, leaseTtlMs / 3);
    heartbeat.unref();
    const stillHeld = () => {
      if (lost) throw new LeaseLostError(tenantId);
    };
    let changed = false;
    let done = false;
    try {
      if (lease.unfinished !== null) {
        changed = await this.redo(tenantId, lease.unfinished);
        this.observer?.repaired(RepairKind.REDO);
        this.logger.warn(
          { tenantId, ops: lease.unfinished },
          'redid roll-up ops a writer left unfinished',
        );
        seq = await this.store.next(tenantId, owner, seq);
      }
      if (
        !bodyRebuilds &&
        (lease.fresh || lease.unfinished !== null) &&
        !(await this.store.built([tenantId])).has(tenantId)
      ) {
        await this.rebuildAs(tenantId, seq);
        if (!lease.fresh) this.observer?.repaired(RepairKind.REBUILD);
        changed = true;
        seq = await this.store.next(tenantId, owner, seq);
      }
      const outcome = await body(seq, stillHeld);
      changed ||= outcome.changed;
      done = true;
      return outcome.result;
    } finally {
      clearInterval(heartbeat);
      await this.store
        .release(tenantId, owner, seq, { done, changed })
        .catch((error: unknown) =>
          this.logger.warn(
            { err: error, tenantId },
            'releasing the roll-up lease failed; it lapses by itself',
          ),
        );
    }
  }

  /** Adds a delta as op `seq`; false when it moves nothing. */
  private async count(
    tenantId: string,
    seq: number,
    delta: RollupDelta,
    redo: boolean,
  ): Promise<boolean> {
    if (delta.isEmpty) return false;
    await this.store.apply(tenantId, seq, delta, redo);
    const losing = delta.customersLosingTickets();
    if (losing.length > 0) await this.store.refreshLatest(tenantId, losing);
    return true;
  }

  /** Counts the stamped tickets of unfinished ops again, op by op, oldest first. */
  private async redo(tenantId: string, ops: { after: number; upTo: number }): Promise<boolean> {
    const bySeq = new Map<number, FactsChange[]>();
    for await (const { seq, ...change } of this.tickets.stamped(tenantId, ops.after, ops.upTo))
      bySeq.set(seq, [...(bySeq.get(seq) ?? []), change]);
    let changed = false;
    for (const seq of [...bySeq.keys()].sort((a, b) => a - b))
      changed = (await this.count(tenantId, seq, RollupDelta.of(bySeq.get(seq)!), true)) || changed;
    return changed;
  }

  private async rebuildAs(tenantId: string, seq: number, signal?: AbortSignal): Promise<number> {
    await this.store.clear(tenantId);
    let delta = new RollupDelta();
    let pending = 0;
    let counted = 0;
    for await (const facts of this.tickets.live(tenantId)) {
      delta.add(facts, 1);
      pending += 1;
      counted += 1;
      if (pending === REBUILD_CHUNK) {
        // Stopped midway, the roll-ups stay marked incomplete: the next start builds them.
        signal?.throwIfAborted();
        await this.store.apply(tenantId, seq, delta, false);
        delta = new RollupDelta();
        pending = 0;
      }
    }
    if (!delta.isEmpty) await this.store.apply(tenantId, seq, delta, false);
    await this.store.markBuilt(tenantId, seq);
    return counted;
  }
}
