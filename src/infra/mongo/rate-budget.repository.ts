import { setTimeout as sleep } from 'node:timers/promises';
import type { Model } from 'mongoose';
import type { RateBudget, RateBudgetStatus } from '../../domain/ingestion/ports.js';
import type { RateLimitDoc } from './models/rate-limit.model.js';
import type { RateWaiterDoc } from './models/rate-waiter.model.js';

/** What `remaining` says of an unlimited budget (the largest GraphQL Int). */
const UNLIMITED = 2_147_483_647;

export interface RateBudgetOptions {
  /** Budget name (one document). */
  key: string;
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

type StoredBudget = Pick<RateLimitDoc, 'grants' | 'pausedUntil' | 'lastClaimant' | 'version'>;

/** How long a free slot is left to the claimant whose turn it is before looking again. */
const TURN_POLL_MS = 25;

/**
 * A sliding log of granted calls in one MongoDB document, shared by every replica: a call
 * is granted only while fewer than `limit` grants lie within the window, so no rolling
 * window ever holds more (unlike a token bucket, whose burst plus refill can double it).
 * Grants are taken by compare-and-swap on `version`; a 429 sets `pausedUntil` for all.
 *
 * Fair between claimants (tenants): a free slot goes to the claimant, among those waiting,
 * that was served least recently, so with n claimants waiting each gets every n-th call
 * whatever its appetite (round robin; a tenant looping runs cannot starve another's).
 * Waiters heartbeat while they wait; one that stops (a dead process) is ignored after
 * three polls.
 */
export class MongoRateBudget implements RateBudget {
  constructor(
    private readonly store: { budgets: Model<RateLimitDoc>; waiters: Model<RateWaiterDoc> },
    private readonly options: RateBudgetOptions,
    private readonly now: () => number = Date.now,
  ) {}

  async acquire(
    claimant: string,
    signal?: AbortSignal,
    onWaitingUntil?: (until: Date) => void,
  ): Promise<number> {
    const started = this.now();
    let toldUntil = 0;
    if (this.options.limit === 0) return 0;
    for (;;) {
      signal?.throwIfAborted();
      const doc = await this.load();
      const now = this.now();
      const live = this.liveGrants(doc.grants, now);
      let waitMs: number;
      if (now < doc.pausedUntil) {
        waitMs = doc.pausedUntil - now;
      } else if (live.length < this.options.limit) {
        if (!(await this.hasTurn(claimant, doc.lastClaimant, now))) {
          waitMs = TURN_POLL_MS;
        } else {
          const taken = await this.store.budgets.updateOne(
            { _id: this.options.key, version: doc.version },
            { $set: { grants: [...live, now], lastClaimant: claimant, version: doc.version + 1 } },
          );
          if (taken.modifiedCount === 1) {
            // Served now, and no longer waiting.
            await this.markWaiter(claimant, { seenAt: 0, lastGrantAt: now });
            return now - started;
          }
          waitMs = Math.random() * 20; // Lost a race with another caller: try again at once.
        }
      } else {
        waitMs = live[live.length - this.options.limit]! + this.windowMs - now;
      }
      // A wait for the window or a pause (not a turn or a race) is worth telling, once.
      if (waitMs > this.options.maxPollMs && Math.abs(now + waitMs - toldUntil) > 1000) {
        toldUntil = now + waitMs;
        onWaitingUntil?.(new Date(toldUntil));
      }
      await this.markWaiter(claimant, { seenAt: now });
      await sleep(Math.max(1, Math.min(waitMs, this.options.maxPollMs)), undefined, { signal });
    }
  }

  async pauseUntil(untilMs: number): Promise<void> {
    await this.load();
    await this.store.budgets.updateOne(
      { _id: this.options.key, pausedUntil: { $lt: untilMs } },
      { $set: { pausedUntil: untilMs }, $inc: { version: 1 } },
    );
  }

  /** `resetAt`: when a pause ends, or when the oldest call in the window leaves it. */
  async status(): Promise<RateBudgetStatus> {
    const doc = await this.load();
    const now = this.now();
    const live = this.liveGrants(doc.grants, now);
    const { limit } = this.options;
    if (limit === 0) return { limitPerMinute: 0, remaining: UNLIMITED, resetAt: new Date(now) };
    const paused = now < doc.pausedUntil;
    return {
      limitPerMinute: Math.round((limit * 60_000) / this.options.windowMs),
      remaining: paused ? 0 : limit - live.length,
      resetAt: new Date(
        paused ? doc.pausedUntil : live.length > 0 ? live[0]! + this.windowMs : now,
      ),
    };
  }

  /**
   * True unless another claimant is waiting and either the last slot went to this one (read
   * with the version the grant will be swapped on, so two grants in a row cannot race past
   * it) or the other was served less recently.
   */
  private async hasTurn(claimant: string, last: string, now: number): Promise<boolean> {
    const known = await this.store.waiters
      .find({
        budget: this.options.key,
        $or: [{ claimant }, { seenAt: { $gt: now - 3 * this.options.maxPollMs } }],
      })
      .lean<RateWaiterDoc[]>();
    const others = known.filter((w) => w.claimant !== claimant);
    if (others.length === 0) return true;
    if (last === claimant) return false;
    const mine = known.find((w) => w.claimant === claimant)?.lastGrantAt ?? 0;
    return others.every((other) => mine <= other.lastGrantAt);
  }

  /** Records a claimant's heartbeat while it waits (`seenAt`), or its grant. */
  private async markWaiter(
    claimant: string,
    fields: Partial<Pick<RateWaiterDoc, 'seenAt' | 'lastGrantAt'>>,
  ): Promise<void> {
    await this.store.waiters.updateOne(
      { _id: `${this.options.key}:${claimant}` },
      { $set: { ...fields, budget: this.options.key, claimant } },
      { upsert: true },
    );
  }

  private get windowMs(): number {
    return this.options.windowMs + this.options.marginMs;
  }

  private liveGrants(grants: number[], now: number): number[] {
    return grants.filter((at) => at > now - this.windowMs);
  }

  private async load(): Promise<StoredBudget> {
    const doc = await this.store.budgets
      .findOneAndUpdate(
        { _id: this.options.key },
        { $setOnInsert: { grants: [], pausedUntil: 0, lastClaimant: '', version: 0 } },
        { upsert: true, returnDocument: 'after' },
      )
      .lean<StoredBudget>();
    return doc!;
  }
}
