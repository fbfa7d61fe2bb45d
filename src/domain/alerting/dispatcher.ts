import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DomainLogger } from '../logger.js';
import { backoffDelay, type BackoffPolicy } from '../resilience/backoff.js';
import { isStale } from './alert-policy.js';
import { NotificationSkipReason, type OutboxItem } from './alert.types.js';
import type { CircuitBreaker, Outlook } from './circuit-breaker.js';
import { DeliveryOdds } from './delivery-odds.js';
import type { AlertOutbox, ClaimSpec, NotifySender } from './ports.js';

export interface DeliveryObserver {
  /** Accepted by the provider, `latencyMs` after the alert became due. */
  delivered(latencyMs: number): void;
  attemptFailed(dependencyFailed: boolean): void;
  gaveUp(): void;
  shortCircuited(): void;
  /** Claimed, but no longer due (it went stale waiting): SKIPPED, not sent. */
  skipped(): void;
}

export interface DispatcherSettings {
  owner: string;
  concurrency: number;
  maxAttempts: number;
  leaseMs: number;
  pollMs: number;
  backoff: BackoffPolicy;
  /** ALERT_MAX_AGE: an alert that waited past it is skipped (unless sent on demand). */
  maxAgeMs: number;
}

/** While the circuit is OPEN, workers look again this often (a reset or a trial ends it). */
const OUTLOOK_RECHECK_MS = 1000;

const FRESHEST: ClaimSpec = { order: 'freshest', minAttempts: 0 };
const LIKELIEST: ClaimSpec = { order: 'likeliest', minAttempts: 0 };

/** A claim to make: `risky` ones may fail and use this process's one risky slot. */
interface Claim {
  specs: ClaimSpec[];
  risky: boolean;
}

/**
 * Delivers the outbox in the background of every gateway process, so that a ticket that
 * arrives now is alerted within a minute however many older alerts wait.
 *
 * The shared circuit breaker opens when 5 of the last 10 calls failed, and then nothing goes
 * out for 30 s. Its window can take `headroom` more failures; every worker asks first and
 * claims nothing while the circuit is OPEN. A call that may fail is risky: one at a time per
 * process, it goes to the freshest alert (a fresh alert's first calls, and its retries after
 * a short backoff, come before any older alert's). Other workers only take alerts whose next
 * call is likely accepted (DeliveryOdds learns from which failed attempt on the provider
 * accepts calls), freshest first; those keep the circuit closed. The one HALF_OPEN trial is
 * such a likely alert too (or the one with the most failed attempts), since its success
 * closes the circuit for every alert, the freshest included.
 *
 * Claims are leases (replicas never send one alert concurrently; a crashed claimer's alerts
 * come back when the lease lapses). An alert that went stale waiting is skipped. Failures are
 * retried up to `maxAttempts` (then FAILED; an admin can send it again).
 */
export class NotificationDispatcher {
  private running = false;
  private riskySlotTaken = false;
  private lastCallAt = 0;
  private workers: Promise<void>[] = [];
  private readonly stopping = new AbortController();
  private readonly odds = new DeliveryOdds();

  constructor(
    private readonly outbox: AlertOutbox,
    private readonly sender: NotifySender,
    private readonly breaker: CircuitBreaker,
    private readonly observer: DeliveryObserver,
    private readonly logger: DomainLogger,
    private readonly settings: DispatcherSettings,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    // Every worker's pause listens to the stop signal.
    setMaxListeners(this.settings.concurrency + 1, this.stopping.signal);
    this.workers = Array.from({ length: this.settings.concurrency }, () => this.work());
  }

  /** Stops claiming; calls in flight finish and are recorded. */
  async stop(): Promise<void> {
    this.running = false;
    this.stopping.abort();
    await Promise.all(this.workers);
  }

  private async work(): Promise<void> {
    while (this.running) {
      try {
        const outlook = await this.breaker.outlook();
        const claim = this.claimFor(outlook);
        if (claim === null) {
          await this.pause(
            outlook.kind === 'wait'
              ? Math.min(outlook.until - Date.now(), OUTLOOK_RECHECK_MS)
              : this.settings.pollMs,
          );
          continue;
        }
        if (claim.risky) this.riskySlotTaken = true;
        try {
          const item = await this.claim(claim.specs);
          if (item === null) await this.pause(this.settings.pollMs);
          else await this.deliver(item);
        } finally {
          if (claim.risky) this.riskySlotTaken = false;
        }
      } catch (error) {
        this.logger.warn({ err: error }, 'notification dispatch step failed; retrying');
        await this.pause(this.settings.pollMs);
      }
    }
  }

  /** What to claim now, or null to wait. */
  private claimFor(outlook: Outlook): Claim | null {
    if (outlook.kind === 'wait') return null;
    const likelyFrom = this.odds.likelyFrom();
    const likely: ClaimSpec[] =
      likelyFrom === null ? [] : [{ order: 'freshest', minAttempts: likelyFrom }];
    const slotFree = !this.riskySlotTaken;
    if (outlook.kind === 'trial')
      return slotFree ? { specs: [...likely, LIKELIEST], risky: true } : null;
    if (slotFree && outlook.headroom > 0) return { specs: [FRESHEST], risky: true };
    // With no headroom left, a risky call opens the circuit. That is the only way on once no
    // likely alert has come due for a whole backoff period (one waiting out its backoff, such
    // as a fresh alert after its first failed calls, would otherwise lose its turn by 30 s).
    const stalled = Date.now() - this.lastCallAt > this.settings.backoff.capMs;
    if (slotFree && stalled) return { specs: [...likely, FRESHEST], risky: true };
    return likely.length > 0 ? { specs: likely, risky: false } : null;
  }

  /** The first alert one of the specs finds, in their order. */
  private async claim(specs: ClaimSpec[]): Promise<OutboxItem | null> {
    for (const spec of specs) {
      const item = await this.outbox.claimDue(this.settings.owner, this.settings.leaseMs, spec);
      if (item !== null) return item;
    }
    return null;
  }

  private async deliver(item: OutboxItem): Promise<void> {
    const { owner } = this.settings;
    if (!item.onDemand && isStale(item.ticketActivityAt, new Date(), this.settings.maxAgeMs)) {
      await this.outbox.skip(item.id, owner, NotificationSkipReason.STALE);
      this.observer.skipped();
      return;
    }
    const gate = await this.breaker.acquire();
    if (!gate.allowed) {
      // Another replica took the trial, or the circuit opened since: no call, no attempt
      // used, and the alert keeps its place in the queue.
      this.observer.shortCircuited();
      await this.outbox.release(item.id, owner, new Date());
      return;
    }
    const result = await this.sender.send(item);
    this.lastCallAt = Date.now();
    this.odds.record(item.attempts, result.ok);
    await this.breaker.record({ failed: !result.ok && result.dependencyFailed, trial: gate.trial });
    const attempts = item.attempts + 1;
    if (result.ok) {
      await this.outbox.delivered(item.id, owner, attempts);
      this.observer.delivered(Date.now() - item.queuedAt.getTime());
      return;
    }
    this.observer.attemptFailed(result.dependencyFailed);
    if (!result.dependencyFailed || attempts >= this.settings.maxAttempts) {
      await this.outbox.failed(item.id, owner, { attempts, lastError: result.error });
      this.observer.gaveUp();
      this.logger.warn(
        { tenantId: item.tenantId, ticketId: item.externalId, attempts, error: result.error },
        'alert delivery failed for good',
      );
      return;
    }
    const nextAttemptAt = new Date(Date.now() + backoffDelay(attempts, this.settings.backoff));
    await this.outbox.retryLater(item.id, owner, {
      attempts,
      nextAttemptAt,
      lastError: result.error,
    });
  }

  private async pause(ms: number): Promise<void> {
    await sleep(Math.max(1, ms), undefined, { signal: this.stopping.signal }).catch(
      () => undefined,
    );
  }
}
