/**
 * Where each key's budget lives, shared by every replica: one "theoretical arrival time"
 * per key (GCRA), the instant by which the key's spending so far would have been paid
 * back at the restore rate.
 */
export interface BudgetLedger {
  /**
   * Atomically: when max(tat, now) + spendMs - now <= toleranceMs, moves the key's tat to
   * max(tat, now) + spendMs and answers granted; otherwise leaves it. Either way answers
   * the tat as it stands after the call.
   */
  spend(keyId: string, spend: Spend): Promise<{ granted: boolean; tat: number }>;
  /** Moves the key's tat back by `spendMs`: points given back. */
  refund(keyId: string, spendMs: number): Promise<void>;
}

export interface Spend {
  now: number;
  spendMs: number;
  toleranceMs: number;
  /** This replica last saw the bucket live (tat ahead of now): which write to try first. */
  likelyLive: boolean;
}

export interface RateBudgetStatus {
  limitPerMinute: number;
  remaining: number;
  resetAt: Date;
}

/** The provider's calls-per-window budget, shared by all replicas and tenants. */
export interface RateBudget {
  /**
   * Resolves when a call for `claimant` may be made (the slot is taken); returns how long it
   * waited. Claimants waiting together are served in turn.
   */
  acquire(
    claimant: string,
    signal?: AbortSignal,
    onWaitingUntil?: (until: Date) => void,
  ): Promise<number>;
  /** After a 429: nobody calls until `untilMs` (epoch ms). */
  pauseUntil(untilMs: number): Promise<void>;
  status(): Promise<RateBudgetStatus>;
}
