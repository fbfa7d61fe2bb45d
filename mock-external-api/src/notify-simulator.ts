/**
 * The provider's unstable `/notify`: each ticket's first `failuresPerTicket` attempts get a
 * 500, later ones succeed; after `stormAfter` consecutive failures every call gets a 503
 * for `stormMs`. Calls answered during a storm do not count as attempts of their ticket.
 */
export interface NotifyBehaviour {
  failuresPerTicket: number;
  stormAfter: number;
  stormMs: number;
}

export type NotifyOutcome = { status: 200 | 500 | 503; attempt: number };

export class NotifySimulator {
  private readonly attemptsByTicket = new Map<string, number>();
  private readonly deliveredByTicket = new Map<string, number>();
  private consecutiveFailures = 0;
  private stormUntil = 0;

  constructor(
    public behaviour: NotifyBehaviour,
    private readonly now: () => number,
  ) {}

  handle(ticketKey: string): NotifyOutcome {
    const now = this.now();
    if (now < this.stormUntil) return { status: 503, attempt: 0 };
    const attempt = (this.attemptsByTicket.get(ticketKey) ?? 0) + 1;
    this.attemptsByTicket.set(ticketKey, attempt);
    if (attempt <= this.behaviour.failuresPerTicket) {
      this.consecutiveFailures += 1;
      if (this.behaviour.stormAfter > 0 && this.consecutiveFailures >= this.behaviour.stormAfter) {
        this.stormUntil = now + this.behaviour.stormMs;
        this.consecutiveFailures = 0;
      }
      return { status: 500, attempt };
    }
    this.consecutiveFailures = 0;
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
    this.consecutiveFailures = 0;
    this.stormUntil = 0;
  }
}
