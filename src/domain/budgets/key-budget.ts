import type { Principal } from '../auth/principal.js';
import type { BudgetLedger } from './ports.js';

/** What an operation refused at execution costs in the end (see refundRefused). */
export const REFUSED_OPERATION_COST = 1;

/** A key's budget: a bucket of query-cost points that refills continuously. */
export interface BudgetPolicy {
  /** Points the bucket holds (the largest burst). */
  capacity: number;
  restorePerSecond: number;
  /** Requests of one key running at once on one replica. */
  maxConcurrent: number;
}

export interface BudgetSettings {
  tenant: BudgetPolicy;
  /** Admin keys get the tenant policy scaled by this factor (larger, never exempt). */
  adminFactor: number;
}

/** What a request was charged and what its key has left, as headers and `rateLimit` report it. */
export interface BudgetState {
  cost: number;
  limit: number;
  remaining: number;
  restorePerSecond: number;
  maxConcurrent: number;
  /** When the bucket is full again. */
  resetAt: Date;
}

export interface Refusal {
  admitted: false;
  reason: 'budget' | 'concurrency' | 'above-capacity';
  /** When trying again may succeed; null when it never will (the cost is above capacity). */
  retryAfterMs: number | null;
  state: BudgetState;
  message: string;
}

export type Admission =
  | {
      admitted: true;
      state: BudgetState;
      /** Frees the concurrency slot; idempotent. */ release(): void;
    }
  | Refusal;

/**
 * The GCRA arithmetic of one charge: a point takes 1000 / restore ms to come back, and the
 * bucket tolerates a tat up to capacity points ahead of now.
 */
class Bucket {
  private readonly msPerPoint: number;
  readonly spend: { now: number; spendMs: number; toleranceMs: number };

  constructor(
    readonly policy: BudgetPolicy,
    private readonly cost: number,
    readonly now: number,
  ) {
    this.msPerPoint = 1000 / policy.restorePerSecond;
    this.spend = {
      now,
      spendMs: cost * this.msPerPoint,
      toleranceMs: policy.capacity * this.msPerPoint,
    };
  }

  stateAt(tat: number): BudgetState {
    const from = Math.max(tat, this.now);
    return {
      cost: this.cost,
      limit: this.policy.capacity,
      remaining: Math.max(
        0,
        Math.floor((this.spend.toleranceMs - (from - this.now)) / this.msPerPoint),
      ),
      restorePerSecond: this.policy.restorePerSecond,
      maxConcurrent: this.policy.maxConcurrent,
      resetAt: new Date(from),
    };
  }

  /** How long until the cost fits, given the tat; zero or less when it fits now. */
  refusedForMs(tat: number): number {
    return Math.max(tat, this.now) + this.spend.spendMs - this.spend.toleranceMs - this.now;
  }

  /** A key told to wait until `until` asking again before then. */
  waitUntil(until: number, tat: number | undefined): Refusal {
    const retryAfterMs = until - this.now;
    return {
      admitted: false,
      reason: 'budget',
      retryAfterMs,
      state: this.stateAt(tat ?? this.now),
      message: `This key is throttled: it was asked to wait, and may ask again in ${Math.ceil(retryAfterMs / 1000)} s.`,
    };
  }

  overBudget(tat: number): Refusal {
    const retryAfterMs = Math.ceil(this.refusedForMs(tat));
    const state = this.stateAt(tat);
    return {
      admitted: false,
      reason: 'budget',
      retryAfterMs,
      state,
      message: `This key's query budget is spent: the query costs ${this.cost} points and ${state.remaining} are left (${this.policy.restorePerSecond} come back each second). Retry in ${Math.ceil(retryAfterMs / 1000)} s.`,
    };
  }
}

/**
 * Cost budgets per API key in the style of Shopify's leaky bucket, with the state in the
 * shared ledger so every replica spends from one bucket, plus a cap on concurrent requests
 * per key (per replica, in memory: it guards this process's event loop and pool).
 *
 * The bucket is a GCRA: one number per key, moved forward by cost x (1000 / restore) ms on
 * each grant, so a check is one conditional write, with no counters to reset.
 *
 * A refusal's Retry-After binds the key, not only the query: until it has passed, every
 * request of the key is refused here (as GitHub does once a limit is hit), so a client that
 * keeps asking costs this replica a key lookup per request and nothing more.
 */
export class KeyBudgetService {
  private readonly inFlight = new Map<string, number>();
  /**
   * Each key's tat as last seen by this replica (tats move back only by refunds), so a
   * key already over budget is refused here without a database round trip.
   */
  private readonly knownTat = new Map<string, number>();
  /** Until when (epoch ms) each refused key was told to wait. */
  private readonly throttledUntil = new Map<string, number>();

  constructor(
    private readonly ledger: BudgetLedger,
    private readonly settings: BudgetSettings,
    private readonly now: () => number = Date.now,
  ) {}

  policyFor(principal: Principal): BudgetPolicy {
    const { tenant, adminFactor } = this.settings;
    if (!principal.isAdmin) return tenant;
    return {
      capacity: tenant.capacity * adminFactor,
      restorePerSecond: tenant.restorePerSecond * adminFactor,
      maxConcurrent: tenant.maxConcurrent * adminFactor,
    };
  }

  /**
   * What this replica already knows to refuse, without asking the ledger: a key at its
   * concurrency cap, told to wait, or whose bucket cannot pay even one point. Lets the
   * transport refuse an abusive client before parsing its request.
   */
  refusalFor(principal: Principal): Refusal | null {
    return this.localRefusal(principal, this.bucket(principal, 1), true);
  }

  /** Takes a concurrency slot and charges `cost` points, or says why not and for how long. */
  /**
   * `slot: false` for subscriptions: they are charged like any operation but hold no
   * concurrency slot (they run for as long as their socket lives), so a burst of them is
   * never refused as "too many running".
   */
  async admit(
    principal: Principal,
    cost: number,
    { slot }: { slot: boolean } = { slot: true },
  ): Promise<Admission> {
    const bucket = this.bucket(principal, cost);
    const { keyId } = principal;
    if (cost > bucket.policy.capacity)
      return {
        admitted: false,
        reason: 'above-capacity',
        retryAfterMs: null,
        state: bucket.stateAt(this.knownTat.get(keyId) ?? bucket.now),
        message: `The query costs ${cost} points, more than this key's whole budget of ${bucket.policy.capacity}: ask for less.`,
      };
    const refused = this.localRefusal(principal, bucket, slot);
    if (refused !== null) return refused;
    // The slot is taken before the ledger is asked, so parallel requests cannot overshoot.
    if (slot) this.inFlight.set(keyId, (this.inFlight.get(keyId) ?? 0) + 1);
    const release = once(() => {
      if (!slot) return;
      const left = (this.inFlight.get(keyId) ?? 1) - 1;
      if (left > 0) this.inFlight.set(keyId, left);
      else this.inFlight.delete(keyId);
    });
    let outcome: { granted: boolean; tat: number };
    try {
      outcome = await this.ledger.spend(keyId, {
        ...bucket.spend,
        likelyLive: (this.knownTat.get(keyId) ?? 0) > bucket.now,
      });
    } catch (error) {
      release();
      throw error;
    }
    this.remember(keyId, outcome.tat, bucket.now);
    if (outcome.granted) return { admitted: true, state: bucket.stateAt(outcome.tat), release };
    release();
    return this.throttle(keyId, bucket.overBudget(outcome.tat), bucket.now);
  }

  /**
   * Gives back what an operation refused at execution (a bad argument, an unknown tenant,
   * a forbidden field) was charged, less one point: it did next to no work. Other replicas
   * see the refund once their own last-seen tat of the key is behind them (they may refuse
   * by it a little longer, never admit more). Returns the key's state after the refund.
   */
  async refundRefused(principal: Principal, charged: BudgetState): Promise<BudgetState> {
    const points = charged.cost - REFUSED_OPERATION_COST;
    if (points <= 0) return charged;
    const spendMs = (points * 1000) / this.policyFor(principal).restorePerSecond;
    await this.ledger.refund(principal.keyId, spendMs);
    const known = this.knownTat.get(principal.keyId);
    if (known !== undefined) this.knownTat.set(principal.keyId, known - spendMs);
    return {
      ...charged,
      cost: REFUSED_OPERATION_COST,
      remaining: Math.min(charged.limit, charged.remaining + points),
      resetAt: new Date(Math.max(this.now(), charged.resetAt.getTime() - spendMs)),
    };
  }

  private throttle(keyId: string, refusal: Refusal, now: number): Refusal {
    this.throttledUntil.set(keyId, now + (refusal.retryAfterMs ?? 0));
    return refusal;
  }

  private localRefusal(principal: Principal, bucket: Bucket, slot: boolean): Refusal | null {
    const running = this.inFlight.get(principal.keyId) ?? 0;
    const known = this.knownTat.get(principal.keyId);
    if (slot && running >= bucket.policy.maxConcurrent)
      return {
        admitted: false,
        reason: 'concurrency',
        retryAfterMs: 1000,
        state: bucket.stateAt(known ?? bucket.now),
        message: `This key already has ${running} requests running (at most ${bucket.policy.maxConcurrent} at once); retry when one has finished.`,
      };
    const until = this.throttledUntil.get(principal.keyId);
    if (until !== undefined && until > bucket.now) return bucket.waitUntil(until, known);
    this.throttledUntil.delete(principal.keyId);
    // Tats move back only by refunds, which lower this replica's known tat too (another
    // replica's stays higher until it passes): a refusal by it errs on the strict side.
    if (known !== undefined && bucket.refusedForMs(known) > 0)
      return this.throttle(principal.keyId, bucket.overBudget(known), bucket.now);
    return null;
  }

  private bucket(principal: Principal, cost: number): Bucket {
    return new Bucket(this.policyFor(principal), cost, this.now());
  }

  /** Keeps the highest tat seen; forgets keys whose bucket is full again. */
  private remember(keyId: string, tat: number, now: number): void {
    if (tat <= now) this.knownTat.delete(keyId);
    else if (tat > (this.knownTat.get(keyId) ?? 0)) this.knownTat.set(keyId, tat);
  }
}

function once(action: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    action();
  };
}
