import type { DataVersions } from './data-versions.js';
import {
  selectionKey,
  type FiguresNow,
  type StatsSelection,
  type TenantStats,
} from './tenant-stats.js';

export type ComputeStats = (
  tenantId: string,
  asOf: Date,
  selection: StatsSelection,
) => Promise<TenantStats>;

export interface SharedStatsSettings {
  /** Results kept at most; the least recently used go first. */
  maxEntries: number;
  /** A result is recomputed after this long even when the data did not change (asOf moves on). */
  maxAgeMs: number;
}

interface Entry {
  version: number;
  computedAt: number;
  result: Promise<TenantStats>;
}

/**
 * Figures "now", shared on this replica: one computation per tenant, selection and data
 * version, whoever asks (queries and live subscriptions alike, concurrent ones included).
 * A result is served while its tenant's data version is unchanged and it is younger than
 * `maxAgeMs`; its asOf says when it was computed. Bounded: at most `maxEntries` results.
 */
export class SharedStats implements FiguresNow {
  /** In least-recently-used order (a Map keeps insertion order). */
  private readonly entries = new Map<string, Entry>();
  computations = 0;

  constructor(
    private readonly compute: ComputeStats,
    private readonly versions: Pick<DataVersions, 'current'>,
    private readonly settings: SharedStatsSettings,
    private readonly now: () => number = Date.now,
  ) {}

  /** The current figures; `version` when the caller just read it (a live feed). */
  async current(
    tenantId: string,
    selection: StatsSelection,
    version?: number,
  ): Promise<TenantStats> {
    const at = version ?? (await this.versions.current([tenantId])).get(tenantId) ?? 0;
    const key = `${tenantId}|${selectionKey(selection)}`;
    const entry = this.entries.get(key);
    this.entries.delete(key);
    if (
      entry !== undefined &&
      entry.version === at &&
      this.now() - entry.computedAt < this.settings.maxAgeMs
    ) {
      this.entries.set(key, entry);
      return entry.result;
    }
    const computedAt = this.now();
    this.computations += 1;
    const result = this.compute(tenantId, new Date(computedAt), selection);
    const fresh = { version: at, computedAt, result };
    this.entries.set(key, fresh);
    // A failed computation is not shared: the next caller tries again.
    result.catch(() => {
      if (this.entries.get(key) === fresh) this.entries.delete(key);
    });
    while (this.entries.size > this.settings.maxEntries)
      this.entries.delete(this.entries.keys().next().value!);
    return result;
  }

  get size(): number {
    return this.entries.size;
  }
}
