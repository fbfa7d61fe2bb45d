import { setTimeout as sleep } from 'node:timers/promises';
import type { RateBudget, RateBudgetStatus } from './ports.js';

/** What `remaining` says of an unlimited budget (the largest GraphQL Int). */
const UNLIMITED = 2_147_483_647;

/** How long a free slot is left to the claimant whose turn it is before looking again. */
const TURN_POLL_MS = 25;

export interface ProviderBudgetSettings {
  limit: number;
  windowMs: number;
  /**
   * Added to the window: a call granted now reaches the provider a little later, and calls
   * granted late can arrive early, so a grant is kept a bit longer than the provider's window.
   */
  marginMs: number;
  /** Longest single sleep while waiting, so a freed slot or a lifted pause is noticed. */
  maxPollMs: number;
}

/** The shared log of grants, as stored. */
export interface BudgetLog {
  /** Epoch ms of the grants (older ones may linger: only those within the window count). */
  grants: number[];
  /** Epoch ms until which nobody calls (after a 429); 0 when not paused. */
  pausedUntil: number;
  /** Whom the latest grant went to. */
  lastClaimant: string;
  /** Bumped by every change: a grant is swapped in only on the version it was decided on. */
  version: number;
}

/** A claimant of the budget (a tenant): when it last waited, and when it was last served. */
export interface BudgetWaiter {
  claimant: string;
  /** Epoch ms of its last heartbeat while waiting; 0 when not waiting. */
  seenAt: number;
  /** Epoch ms of its last grant; 0 when never served. */
  lastGrantAt: number;
}

/** Where the budget is kept, shared by every replica: atomic operations only. */
export interface BudgetLogStore {
  /** The log (an empty one when there is none yet). */
  load(): Promise<BudgetLog>;
  /** Swaps in `grants`, with the claimant served last, if the log is still at `version`. */
  swapGrants(version: number, grants: number[], lastClaimant: string): Promise<boolean>;
  /** Nobody calls until `untilMs`, unless a pause already lasts longer. */
  pauseUntil(untilMs: number): Promise<void>;
  /** The claimant's own record, and every other claimant seen waiting since `seenSince`. */
  waiters(claimant: string, seenSince: number): Promise<BudgetWaiter[]>;
  /** Records a claimant's heartbeat while it waits, or its grant. */
  markWaiter(
    claimant: string,
    fields: Partial<Pick<BudgetWaiter, 'seenAt' | 'lastGrantAt'>>,
  ): Promise<void>;
}

/** What the log allows now: wait (paused, or the window full), or take a free slot. */
export type BudgetOutlook = { kind: 'paused' | 'full'; waitMs: number } | { kind: 'free' };

/** The grants within the window at `now`, oldest first. */
export function liveGrants(grants: readonly number[], now: number, windowMs: number): number[] {
  return grants.filter((at) => at > now - windowMs);
}

/** What the log allows at `now`: a free slot only while fewer than `limit` grants are live. */
export function outlook(
  log: BudgetLog,
  now: number,
  limit: number,
  windowMs: number,
): BudgetOutlook {
  if (now < log.pausedUntil) return { kind: 'paused', waitMs: log.pausedUntil - now };
  const live = liveGrants(log.grants, now, windowMs);
  if (live.length < limit) return { kind: 'free' };
  return { kind: 'full', waitMs: live[live.length - limit]! + windowMs - now };
}

/**
 * Whose turn a free slot is: this claimant's, unless another is waiting and either the last
 * slot went to this one or the other was served less recently (round robin by last grant).
 */
export function hasTurn(claimant: string, lastClaimant: string, known: BudgetWaiter[]): boolean {
  const others = known.filter((waiter) => waiter.claimant !== claimant);
  if (others.length === 0) return true;
  if (lastClaimant === claimant) return false;
  const mine = known.find((waiter) => waiter.claimant === claimant)?.lastGrantAt ?? 0;
  return others.every((other) => mine <= other.lastGrantAt);
}

/** The budget as the API shows it; `resetAt`: when a pause ends or the oldest grant leaves. */
export function budgetStatus(
  log: BudgetLog,
  now: number,
  settings: Pick<ProviderBudgetSettings, 'limit' | 'windowMs'> & { keptMs: number },
): RateBudgetStatus {
  const { limit } = settings;
  if (limit === 0) return { limitPerMinute: 0, remaining: UNLIMITED, resetAt: new Date(now) };
  const live = liveGrants(log.grants, now, settings.keptMs);
  const paused = now < log.pausedUntil;
  return {
    limitPerMinute: Math.round((limit * 60_000) / settings.windowMs),
    remaining: paused ? 0 : limit - live.length,
    resetAt: new Date(
      paused ? log.pausedUntil : live.length > 0 ? live[0]! + settings.keptMs : now,
    ),
  };
}

/**
 * The provider's budget, shared by every replica: a sliding log of granted calls, so a call
 * is granted only while fewer than `limit` grants lie within the window and no rolling
 * window ever holds more (unlike a token bucket, whose burst plus refill can double it).
 * Grants are taken by compare-and-swap on the log's version; a 429 pauses it for all.
 *
 * Fair between claimants (tenants): a free slot goes to the claimant, among those waiting,
 * that was served least recently, so with n claimants waiting each gets every n-th call
 * whatever its appetite (round robin; a tenant looping runs cannot starve another's).
 * Waiters heartbeat while they wait; one that stops (a dead process) is ignored after
 * three polls.
 */
export class ProviderBudget implements RateBudget {
  constructor(
    private readonly store: BudgetLogStore,
    private readonly settings: ProviderBudgetSettings,
    private readonly now: () => number = Date.now,
  ) {}

  async acquire(
    claimant: string,
    signal?: AbortSignal,
    onWaitingUntil?: (until: Date) => void,
  ): Promise<number> {
    const started = this.now();
    let toldUntil = 0;
    if (this.settings.limit === 0) return 0;
    for (;;) {
      signal?.throwIfAborted();
      const log = await this.store.load();
      const now = this.now();
      const allows = outlook(log, now, this.settings.limit, this.keptMs);
      let waitMs: number;
      if (allows.kind !== 'free') waitMs = allows.waitMs;
      else if (!(await this.hasTurn(claimant, log.lastClaimant, now))) waitMs = TURN_POLL_MS;
      else if (await this.take(claimant, log, now)) return now - started;
      else waitMs = Math.random() * 20; // Lost a race with another caller: try again at once.
      // A wait for the window or a pause (not a turn or a race) is worth telling, once.
      if (waitMs > this.settings.maxPollMs && Math.abs(now + waitMs - toldUntil) > 1000) {
        toldUntil = now + waitMs;
        onWaitingUntil?.(new Date(toldUntil));
      }
      await this.store.markWaiter(claimant, { seenAt: now });
      await sleep(Math.max(1, Math.min(waitMs, this.settings.maxPollMs)), undefined, { signal });
    }
  }

  pauseUntil(untilMs: number): Promise<void> {
    return this.store.pauseUntil(untilMs);
  }

  async status(): Promise<RateBudgetStatus> {
    return budgetStatus(await this.store.load(), this.now(), {
      ...this.settings,
      keptMs: this.keptMs,
    });
  }

  /** Read with the version the grant will be swapped on, so two grants in a row cannot race past a turn. */
  private async hasTurn(claimant: string, lastClaimant: string, now: number): Promise<boolean> {
    const known = await this.store.waiters(claimant, now - 3 * this.settings.maxPollMs);
    return hasTurn(claimant, lastClaimant, known);
  }

  /** Swaps in the grant; served now, and no longer waiting. False when another was first. */
  private async take(claimant: string, log: BudgetLog, now: number): Promise<boolean> {
    const grants = [...liveGrants(log.grants, now, this.keptMs), now];
    if (!(await this.store.swapGrants(log.version, grants, claimant))) return false;
    await this.store.markWaiter(claimant, { seenAt: 0, lastGrantAt: now });
    return true;
  }

  private get keptMs(): number {
    return this.settings.windowMs + this.settings.marginMs;
  }
}
