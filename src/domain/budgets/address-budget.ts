/** What callers without a valid key may spend, per client address. */
export interface AddressBudgetPolicy {
  capacity: number;
  refillPerSecond: number;
  /** Addresses remembered at once; the least recently seen are forgotten first. */
  maxAddresses: number;
}

/**
 * GraphiQL's introspection query costs 71: an address may load it 4 times at once, then
 * once every 14 s; 30 aliases of it (2,100) never run. A failed authentication costs
 * FAILED_AUTHENTICATION_COST: 30 at once, then one every 2 s. The refill is slow because
 * each request it admits is a whole GraphQL pipeline no key pays for (at 20 a second, four
 * addresses' floods took tenant B's p95 to 3 times its idle one: BENCHMARKS.md, "fairness").
 */
export const ANONYMOUS_BUDGET: AddressBudgetPolicy = {
  capacity: 300,
  refillPerSecond: 5,
  maxAddresses: 50_000,
};
export const FAILED_AUTHENTICATION_COST = 10;
/**
 * The least an operation without a key costs: a whole GraphQL pipeline no key pays for, so
 * an address's flood of free ones (`{ __typename }`) runs 30 at once, then one every 2 s.
 */
export const ANONYMOUS_OPERATION_MIN_COST = 10;

/** A refusal's retryAfterMs is null when the cost is above the capacity: it never runs. */
export type AddressRefusal = { ok: false; retryAfterMs: number | null; message: string };
export type AddressCharge = { ok: true } | AddressRefusal;

/**
 * A token bucket per client address, in this replica's memory, for what costs the gateway
 * work before any key pays for it: failed authentications (each a key lookup) and
 * introspection (the one thing a caller without a key may run). A key's own budget
 * (KeyBudgetService) is shared through the database; this one needs no round trip, so a
 * flood is refused before it reaches the database.
 */
const SPENT_MESSAGE =
  'Too many requests without a valid API key from this address (failed authentications, introspection and scrapes draw on one small budget); retry later.';

export class AddressBudget {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly policy: AddressBudgetPolicy = ANONYMOUS_BUDGET,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Why the address may not spend now (its bucket is empty), or null; spends nothing. The
   * transport asks this before it parses a request without a key.
   */
  refusal(address: string): AddressRefusal | null {
    const tokens = this.level(address, this.now());
    return tokens >= 1 ? null : this.spent(1 - tokens);
  }

  /** Gives back what a `take` reserved and did not need (an authentication that succeeded). */
  refund(address: string, cost: number): void {
    const bucket = this.buckets.get(address);
    if (bucket !== undefined) bucket.tokens = Math.min(this.policy.capacity, bucket.tokens + cost);
  }

  /** Spends `cost` tokens of the address, or says how long until it may. */
  take(address: string, cost: number): AddressCharge {
    const now = this.now();
    if (cost > this.policy.capacity) {
      // A request that can never run was still read, parsed and priced: it empties the
      // bucket, so the next ones are refused before they are parsed.
      this.remember(address, { tokens: 0, at: now });
      return {
        ok: false,
        retryAfterMs: null,
        message: `Without an API key a request may cost at most ${this.policy.capacity} points (this one costs ${cost}): ask for less, or use a key.`,
      };
    }
    const tokens = this.level(address, now);
    if (tokens < cost) {
      this.remember(address, { tokens, at: now });
      return this.spent(cost - tokens);
    }
    this.remember(address, { tokens: tokens - cost, at: now });
    return { ok: true };
  }

  /** The address's tokens at `now`, refilled since it last spent. */
  private level(address: string, now: number): number {
    const last = this.buckets.get(address);
    if (last === undefined) return this.policy.capacity;
    return Math.min(
      this.policy.capacity,
      last.tokens + ((now - last.at) / 1000) * this.policy.refillPerSecond,
    );
  }

  private spent(missing: number): AddressRefusal {
    return {
      ok: false,
      retryAfterMs: Math.ceil((missing / this.policy.refillPerSecond) * 1000),
      message: SPENT_MESSAGE,
    };
  }

  private remember(address: string, bucket: { tokens: number; at: number }): void {
    this.buckets.delete(address);
    this.buckets.set(address, bucket);
    while (this.buckets.size > this.policy.maxAddresses)
      this.buckets.delete(this.buckets.keys().next().value!);
  }
}
