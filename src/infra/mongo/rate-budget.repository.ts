import { setTimeout as sleep } from 'node:timers/promises';
import type { Model } from 'mongoose';
import type { RateBudget, RateBudgetStatus } from '../../domain/ingestion/ports.js';
import type { RateLimitDoc } from './models/rate-limit.model.js';

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

/**
 * A sliding log of granted calls in one MongoDB document, shared by every replica: a call
 * is granted only while fewer than `limit` grants lie within the window, so no rolling
 * window ever holds more (unlike a token bucket, whose burst plus refill can double it).
 * Grants are taken by compare-and-swap on `version`; a 429 sets `pausedUntil` for all.
 */
export class MongoRateBudget implements RateBudget {
  constructor(
    private readonly budgets: Model<RateLimitDoc>,
    private readonly options: RateBudgetOptions,
    private readonly now: () => number = Date.now,
  ) {}

  async acquire(signal?: AbortSignal): Promise<number> {
    const started = this.now();
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
        const taken = await this.budgets.updateOne(
          { _id: this.options.key, version: doc.version },
          { $set: { grants: [...live, now], version: doc.version + 1 } },
        );
        if (taken.modifiedCount === 1) return now - started;
        waitMs = Math.random() * 20; // Lost a race with another caller: try again at once.
      } else {
        waitMs = live[live.length - this.options.limit]! + this.windowMs - now;
      }
      await sleep(Math.max(1, Math.min(waitMs, this.options.maxPollMs)), undefined, { signal });
    }
  }

  async pauseUntil(untilMs: number): Promise<void> {
    await this.load();
    await this.budgets.updateOne(
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

  private get windowMs(): number {
    return this.options.windowMs + this.options.marginMs;
  }

  private liveGrants(grants: number[], now: number): number[] {
    return grants.filter((at) => at > now - this.windowMs);
  }

  private async load(): Promise<{ grants: number[]; pausedUntil: number; version: number }> {
    const doc = await this.budgets
      .findOneAndUpdate(
        { _id: this.options.key },
        { $setOnInsert: { grants: [], pausedUntil: 0, version: 0 } },
        { upsert: true, returnDocument: 'after' },
      )
      .lean<{ grants: number[]; pausedUntil: number; version: number }>();
    return doc!;
  }
}
