/** What callers without a valid key may spend, per client address. */
export interface AddressBudgetPolicy {
  capacity: number;
  refillPerSecond: number;
  /** Addresses remembered at once; the least recently seen are forgotten first. */
  maxAddresses: number;
}

/**
 * GraphiQL's introspection query costs 71: an address may load it 4 times at once, then
 * once every 3.5 s; 30 aliases of it (2,100) never run. A failed authentication costs
 * FAILED_AUTHENTICATION_COST: 30 at once, then 2 a second.
 */
export const ANONYMOUS_BUDGET: AddressBudgetPolicy = {
  capacity: 300,
  refillPerSecond: 20,
  maxAddresses: 50_000,
};
export const FAILED_AUTHENTICATION_COST = 10;

/** A refusal's retryAfterMs is null when the cost is above the capacity: it never runs. */
export type AddressCharge =
  { ok: true } | { ok: false; retryAfterMs: number | null; message: string };

/**
 * A token bucket per client address, in this replica's memory, for what costs the gateway
 * work before any key pays for it: failed authentications (each a key lookup) and
 * introspection (the one thing a caller without a key may run). A key's own budget
 * (KeyBudgetService) is shared through the database; this one needs no round trip, so a
 * flood is refused before it reaches the database.
 */
export class AddressBudget {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly policy: AddressBudgetPolicy = ANONYMOUS_BUDGET,
    private readonly now: () => number = Date.now,
  ) {}

  /** Gives back what a `take` reserved and did not need (an authentication that succeeded). */
  refund(address: string, cost: number): void {
    const bucket = this.buckets.get(address);
    if (bucket !== undefined) bucket.tokens = Math.min(this.policy.capacity, bucket.tokens + cost);
  }

  /** Spends `cost` tokens of the address, or says how long until it may. */
  take(address: string, cost: number): AddressCharge {
    const { capacity, refillPerSecond } = this.policy;
    if (cost > capacity)
      return {
        ok: false,
        retryAfterMs: null,
        message: `Without an API key a request may cost at most ${capacity} points (this one costs ${cost}): ask for less, or use a key.`,
      };
    const now = this.now();
    const last = this.buckets.get(address);
    const tokens = Math.min(
      capacity,
      last === undefined ? capacity : last.tokens + ((now - last.at) / 1000) * refillPerSecond,
    );
    if (tokens < cost) {
      this.remember(address, { tokens, at: now });
      return {
        ok: false,
        retryAfterMs: Math.ceil(((cost - tokens) / refillPerSecond) * 1000),
        message:
          'Too many requests without a valid API key from this address (failed authentications and introspection draw on one small budget); retry later.',
      };
    }
    this.remember(address, { tokens: tokens - cost, at: now });
    return { ok: true };
  }

  private remember(address: string, bucket: { tokens: number; at: number }): void {
    this.buckets.delete(address);
    this.buckets.set(address, bucket);
    while (this.buckets.size > this.policy.maxAddresses)
      this.buckets.delete(this.buckets.keys().next().value!);
  }
}
