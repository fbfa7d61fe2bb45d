import { setTimeout as sleep } from 'node:timers/promises';
import { PushIterator } from '../feeds/push-iterator.js';
import type { DomainLogger } from '../logger.js';
import { isFinal } from './ingestion.types.js';
import type { RunRecord, RunStore } from './ports.js';

function signature(run: RunRecord): string {
  return JSON.stringify([run.status, run.progress, run.error, run.finishedAt]);
}

/** One subscriber's view: the run's states, ending after a final one. */
class RunSubscription extends PushIterator<RunRecord> {
  lastSignature = '';

  override push(run: RunRecord): void {
    this.lastSignature = signature(run);
    super.push(run);
    if (isFinal(run.status)) this.end();
  }
}

/**
 * Live run progress for subscriptions, from any process: one shared poll per process reads
 * every watched run in a single query per tick (only while someone watches) and pushes the
 * runs whose state changed. Runs execute on any replica and persist progress per page, so
 * the run document is the one source every replica can watch. (Change streams were tried:
 * the embedded engine's update events carry no usable document key.)
 */
export class RunFeed {
  private readonly subscriptions = new Map<string, Set<RunSubscription>>();
  /** Subscriptions to a tenant's current or next run. */
  private readonly tenantWatches = new Set<PushIterator<RunRecord>>();
  private timer: NodeJS.Timeout | null = null;
  private polling = false;

  constructor(
    private readonly runs: Pick<RunStore, 'findMany'>,
    private readonly logger: DomainLogger,
    private readonly intervalMs = 200,
    private readonly nextRunPollMs = 1000,
  ) {}

  /** Starts with the run's current state; call only for a run the caller may see. */
  subscribe(run: RunRecord): AsyncIterableIterator<RunRecord> {
    const subscription: RunSubscription = new RunSubscription(() =>
      this.detach(run.id, subscription),
    );
    const set = this.subscriptions.get(run.id) ?? new Set();
    set.add(subscription);
    this.subscriptions.set(run.id, set);
    subscription.push(run);
    if (this.timer === null && this.subscriptions.size > 0) {
      this.timer = setInterval(() => void this.poll(), this.intervalMs);
      this.timer.unref();
    }
    return subscription;
  }

  /**
   * A tenant's run: the one `current` finds (unfinished) from now until it ends; when there
   * is none, the next one, looked for every `nextRunPollMs`. Completes when that run ends.
   */
  subscribeTenant(current: () => Promise<RunRecord | null>): AsyncIterableIterator<RunRecord> {
    let following: AsyncIterableIterator<RunRecord> | null = null;
    const watch: PushIterator<RunRecord> = new PushIterator(() => {
      this.tenantWatches.delete(watch);
      void following?.return?.();
    });
    this.tenantWatches.add(watch);
    const follow = async () => {
      let run = await current();
      while (run === null && this.tenantWatches.has(watch)) {
        await sleep(this.nextRunPollMs);
        run = await current();
      }
      // The client may have left while the run was looked for.
      if (run === null || !this.tenantWatches.has(watch)) return;
      following = this.subscribe(run);
      for await (const state of following) watch.push(state);
      watch.end();
    };
    follow().catch((error: unknown) => {
      this.logger.warn({ err: error }, "following a tenant's next ingestion run failed");
      watch.end();
    });
    return watch;
  }

  get watchedRuns(): number {
    return this.subscriptions.size;
  }

  /** Ends every subscription (they complete) and stops polling. */
  close(): void {
    for (const watch of [...this.tenantWatches]) watch.end();
    for (const set of [...this.subscriptions.values()])
      for (const subscription of [...set]) void subscription.return();
    this.stopIfIdle();
  }

  private async poll(): Promise<void> {
    if (this.polling || this.subscriptions.size === 0) return;
    this.polling = true;
    try {
      for (const run of await this.runs.findMany([...this.subscriptions.keys()])) {
        for (const subscription of this.subscriptions.get(run.id) ?? []) {
          if (subscription.lastSignature !== signature(run)) subscription.push(run);
        }
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'polling ingestion runs for subscribers failed; retrying');
    } finally {
      this.polling = false;
    }
  }

  private detach(runId: string, subscription: RunSubscription): void {
    const set = this.subscriptions.get(runId);
    set?.delete(subscription);
    if (set?.size === 0) this.subscriptions.delete(runId);
    this.stopIfIdle();
  }

  private stopIfIdle(): void {
    if (this.subscriptions.size === 0 && this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }
}
