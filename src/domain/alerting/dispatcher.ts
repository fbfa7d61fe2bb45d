import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DomainLogger } from '../logger.js';
import { backoffDelay, type BackoffPolicy } from '../resilience/backoff.js';
import type { OutboxItem } from './alert.types.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import type { AlertOutbox, NotifySender } from './ports.js';

export interface DeliveryObserver {
  delivered(): void;
  attemptFailed(dependencyFailed: boolean): void;
  gaveUp(): void;
  shortCircuited(): void;
}

export interface DispatcherSettings {
  owner: string;
  concurrency: number;
  maxAttempts: number;
  leaseMs: number;
  pollMs: number;
  backoff: BackoffPolicy;
}

/**
 * Delivers the outbox in the background of every gateway process: claims due alerts with a
 * lease (replicas never send one concurrently; a crashed claimer's alerts come back when the
 * lease lapses), asks the shared circuit breaker before each call, and retries failures with
 * jittered exponential backoff up to `maxAttempts` (then FAILED, re-queueable by an admin).
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
        const item = await this.outbox.claimDue(this.settings.owner, this.settings.leaseMs);
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
    const gate = await this.breaker.acquire();
    if (!gate.allowed) {
      // Fail fast: no HTTP call, no attempt used; wait for the circuit rather than spin.
      this.observer.shortCircuited();
      const retryAt = Math.max(gate.retryAt ?? 0, Date.now() + this.settings.pollMs);
      await this.outbox.release(item.id, owner, new Date(retryAt));
      await this.pause(Math.min(retryAt - Date.now(), this.settings.leaseMs));
      return;
    }
    const result = await this.sender.send(item);
    await this.breaker.record({ failed: !result.ok && result.dependencyFailed, trial: gate.trial });
    const attempts = item.attempts + 1;
    if (result.ok) {
      await this.outbox.delivered(item.id, owner, attempts);
      this.observer.delivered();
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
