import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DomainLogger } from '../logger.js';
import { backoffDelay, type BackoffPolicy } from '../resilience/backoff.js';
import { isStale } from './alert-policy.js';
import { NotificationSkipReason, type OutboxItem } from './alert.types.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import type { AlertOutbox, NotifySender } from './ports.js';

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

/**
 * Delivers the outbox in the background of every gateway process. Each worker asks the
 * shared circuit breaker first and claims nothing while it is OPEN; when CLOSED it claims
 * the alert of the freshest ticket, so a ticket that arrives now is not stuck behind older
 * ones; when the one HALF_OPEN trial is due it claims the alert likeliest to get through
 * (the most failed attempts: the provider fails an alert's first calls, and a successful
 * trial closes the circuit for every alert, the freshest included). Claims are leases
 * (replicas never send one alert concurrently; a crashed claimer's alerts come back when
 * the lease lapses). Failures are retried after a short, bounded, jittered backoff up to
 * `maxAttempts` (then FAILED; an admin can send it again).
 */
export class NotificationDispatcher {
  private running = false;
  private workers: Promise<void>[] = [];
  private readonly stopping = new AbortController();

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
        if (outlook.kind === 'wait') {
          await this.pause(Math.min(outlook.until - Date.now(), OUTLOOK_RECHECK_MS));
          continue;
        }
        const order = outlook.kind === 'trial' ? 'likeliest' : 'freshest';
        const item = await this.outbox.claimDue(this.settings.owner, this.settings.leaseMs, order);
        if (item === null) await this.pause(this.settings.pollMs);
        else await this.deliver(item);
      } catch (error) {
        this.logger.warn({ err: error }, 'notification dispatch step failed; retrying');
        await this.pause(this.settings.pollMs);
      }
    }
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
      // Another worker took the trial, or the circuit opened since: no call, no attempt used.
      this.observer.shortCircuited();
      const retryAt = Math.max(gate.retryAt ?? 0, Date.now() + this.settings.pollMs);
      await this.outbox.release(item.id, owner, new Date(retryAt));
      return;
    }
    const result = await this.sender.send(item);
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
