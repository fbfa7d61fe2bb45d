import type { DependencyProbe } from './health.service.js';

/** A dependency whose outage requests can meet: its adapter knows its outage errors. */
export interface WatchedDependency extends DependencyProbe {
  /** Whether this error means the dependency cannot be reached (the request may be retried). */
  isOutage(error: unknown): boolean;
}

/**
 * Whether a critical dependency (the database) is known to be down: from a probe run every
 * second (its own short timeout, so a hung server counts as down too) and from the outage
 * errors requests meet. While it is down the transport refuses at once (503), instead of
 * letting every request wait out the driver's timeouts; the next probe that passes lifts it.
 */
export class DependencyWatch {
  private downSince: Date | null = null;
  private readonly listeners = new Set<(down: boolean) => void>();

  constructor(
    private readonly probe: WatchedDependency,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get name(): string {
    return this.probe.name;
  }

  /** Since when the dependency is known to be down; null while it is up. */
  get down(): Date | null {
    return this.downSince;
  }

  /** Probes once and records the outcome. */
  async check(): Promise<void> {
    try {
      await this.probe.check();
      this.record(false);
    } catch {
      this.record(true);
    }
  }

  /** Whether a request's error is this dependency's outage (the adapter's words for it). */
  isOutage(error: unknown): boolean {
    return this.probe.isOutage(error);
  }

  /** A request met the outage: known down until a probe passes. */
  reportUnavailable(): void {
    this.record(true);
  }

  /** Called with true when the dependency goes down, false when it is back. */
  onChange(listener: (down: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private record(down: boolean): void {
    if (down === (this.downSince !== null)) return;
    this.downSince = down ? this.now() : null;
    for (const listener of this.listeners) listener(down);
  }
}
