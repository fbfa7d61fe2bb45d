/**
 * A sliding-log rate limit: at most `limit` accepted calls in any window of `windowMs`.
 * Rejected calls are not logged, so a client that backs off is served again as soon as the
 * oldest accepted call leaves the window.
 */
export class SlidingWindowLimiter {
  private readonly accepted: number[] = [];

  constructor(
    private limit: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** 0 turns the limit off. */
  setLimit(limit: number): void {
    this.limit = limit;
  }

  get limitPerWindow(): number {
    return this.limit;
  }

  /** Records the call when allowed; otherwise says how long until a slot frees. */
  tryAcquire(): { allowed: true } | { allowed: false; retryAfterMs: number } {
    const now = this.now();
    this.evict(now);
    if (this.limit === 0 || this.accepted.length < this.limit) {
      this.accepted.push(now);
      return { allowed: true };
    }
    const oldest = this.accepted[this.accepted.length - this.limit]!;
    return { allowed: false, retryAfterMs: Math.max(1, oldest + this.windowMs - now) };
  }

  status(): { limit: number; remaining: number; resetAt: number } {
    const now = this.now();
    this.evict(now);
    const remaining =
      this.limit === 0 ? Number.MAX_SAFE_INTEGER : this.limit - this.accepted.length;
    const resetAt = this.accepted.length > 0 ? this.accepted[0]! + this.windowMs : now;
    return { limit: this.limit, remaining: Math.max(0, remaining), resetAt };
  }

  reset(): void {
    this.accepted.length = 0;
  }

  private evict(now: number): void {
    while (this.accepted.length > 0 && this.accepted[0]! <= now - this.windowMs) {
      this.accepted.shift();
    }
  }
}
