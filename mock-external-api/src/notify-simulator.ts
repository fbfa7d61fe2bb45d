/**
 * The provider's unstable `/notify`: each ticket's first `failuresPerTicket` attempts get a
 * 500, later ones succeed; besides, a share `failureRate` of all calls gets a 500 at random
 * (a provider that fails some calls whoever they are for). After `stormAfter` consecutive failures every call gets a 503
 * for `stormMs`. Calls answered during a storm do not count as attempts of their ticket.
 * Successes are counted per ticket; a retry carrying the Idempotency-Key of a success is
 * not counted again.
 */
export interface NotifyBehaviour {
  failuresPerTicket: number;
  /** Share (0..1) of calls answered 500 at random. */
  failureRate: number;
  stormAfter: number;
  stormMs: number;
}

export type NotifyOutcome = { status: 200 | 500 | 503; attempt: number; replayed?: boolean };

export class NotifySimulator {
  private readonly attemptsByTicket = new Map<string, number>();
  private readonly deliveredByTicket = new Map<string, number>();
  private readonly succeededKeys = new Set<string>();
  private consecutiveFailures = 0;
  private stormUntil = 0;

  constructor(
    public behaviour: NotifyBehaviour,
    private readonly now: () => number,
    private readonly random: () => number = Math.random,
  ) {}

  /** A repeated Idempotency-Key of a success is answered 200 again without a second delivery. */
  handle(ticketKey: string, idempotencyKey?: string): NotifyOutcome {
    const now = this.now();
    if (now < this.stormUntil) return { status: 503, attempt: 0 };
    if (idempotencyKey !== undefined && this.succeededKeys.has(idempotencyKey)) {
      return { status: 200, attempt: this.attemptsByTicket.get(ticketKey) ?? 0, replayed: true };
    }
    const attempt = (this.attemptsByTicket.get(ticketKey) ?? 0) + 1;
    this.attemptsByTicket.set(ticketKey, attempt);
    const failsAtRandom =
      this.behaviour.failureRate > 0 && this.random() < this.behaviour.failureRate;
    if (attempt <= this.behaviour.failuresPerTicket || failsAtRandom) {
      this.consecutiveFailures += 1;
      if (this.behaviour.stormAfter > 0 && this.consecutiveFailures >= this.behaviour.stormAfter) {
        this.stormUntil = now + this.behaviour.stormMs;
        this.consecutiveFailures = 0;
      }
      return { status: 500, attempt };
    }
    this.consecutiveFailures = 0;
    if (idempotencyKey !== undefined) this.succeededKeys.add(idempotencyKey);
    this.deliveredByTicket.set(ticketKey, (this.deliveredByTicket.get(ticketKey) ?? 0) + 1);
    return { status: 200, attempt };
  }

  /** Successful deliveries per `tenant/ticket`, for tests that check "exactly once". */
  deliveries(): Record<string, number> {
    return Object.fromEntries(this.deliveredByTicket);
  }

  stormActive(): boolean {
    return this.now() < this.stormUntil;
  }

  reset(): void {
    this.attemptsByTicket.clear();
    this.deliveredByTicket.clear();
    this.succeededKeys.clear();
    this.consecutiveFailures = 0;
    this.stormUntil = 0;
  }
}
