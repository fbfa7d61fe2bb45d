import type { Principal } from '../auth/principal.js';
import { badUserInput } from '../errors.js';
import { PushIterator } from '../feeds/push-iterator.js';
import type { DomainLogger } from '../logger.js';
import type { TenantService } from '../tenants/tenant.service.js';
import type { DataVersions } from './data-versions.js';
import type { SharedStats } from './shared-stats.js';
import { mergeSelections, zonesOf, type StatsSelection, type TenantStats } from './tenant-stats.js';

/** Distinct time zones in the merged selection of one tenant's live viewers (per replica). */
export const MAX_LIVE_ZONES = 8;

export interface LiveStatsSettings {
  /** How often the data versions of watched tenants are read (one query for all). */
  pollMs: number;
  /** The least time between two emissions for one tenant. */
  minIntervalMs: number;
}

interface Viewer {
  selection: StatsSelection;
  channel: PushIterator<TenantStats>;
}

interface WatchedTenant {
  viewers: Set<Viewer>;
  /** The data version the viewers were last sent. */
  version: number;
  /** The newest version the poll read. */
  seen: number;
  lastEmitAt: number;
  timer: NodeJS.Timeout | null;
}

/**
 * Live tenant figures for subscriptions, on every replica. Writers bump the tenant's data
 * version (in MongoDB); each process reads the versions of the tenants it has viewers for,
 * in one query per tick, and on a change computes the figures once for all its viewers of
 * that tenant (their selections merged; through SharedStats, so queries share it too) and
 * pushes them. At most one emission per tenant per `minIntervalMs`; none while the version
 * is unchanged. A slow viewer gets the latest figures, not a backlog.
 */
export class LiveStats {
  private readonly watched = new Map<string, WatchedTenant>();
  private timer: NodeJS.Timeout | null = null;
  private polling = false;

  constructor(
    private readonly shared: SharedStats,
    private readonly versions: Pick<DataVersions, 'current'>,
    private readonly tenants: Pick<TenantService, 'scoped'>,
    private readonly settings: LiveStatsSettings,
    private readonly logger: DomainLogger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The figures now, then on every change; the caller's key must see the tenant. */
  async watch(
    caller: Principal,
    requestedTenant: string | null | undefined,
    selection: StatsSelection,
  ): Promise<AsyncIterableIterator<TenantStats>> {
    const tenantId = await this.tenants.scoped(caller, requestedTenant);
    this.checkZones(tenantId, selection);
    const version = (await this.versions.current([tenantId])).get(tenantId) ?? 0;
    const first = await this.shared.current(tenantId, selection, version);
    const tenant = this.watched.get(tenantId) ?? this.track(tenantId, version);
    const viewer: Viewer = {
      selection,
      channel: new PushIterator<TenantStats>(() => this.leave(tenantId, viewer), true),
    };
    tenant.viewers.add(viewer);
    viewer.channel.push(first);
    this.startPolling();
    return viewer.channel;
  }

  /**
   * Every change computes the merged selection of a tenant's viewers: its time zones (each
   * one's buckets are Node's work) are bounded, so no set of viewers can make one update
   * expensive for all.
   */
  private checkZones(tenantId: string, selection: StatsSelection): void {
    const viewers = [...(this.watched.get(tenantId)?.viewers ?? [])].map((v) => v.selection);
    const zones = zonesOf(mergeSelections([...viewers, selection]));
    if (zones.size > MAX_LIVE_ZONES)
      throw badUserInput(
        `The live figures of tenant ${tenantId} on this replica already use ${MAX_LIVE_ZONES} time zones (the most they may); use one of theirs: ${[...zonesOf(mergeSelections(viewers))].sort().join(', ')}.`,
      );
  }

  get watchedTenants(): number {
    return this.watched.size;
  }

  /** Ends every live subscription and stops polling. */
  close(): void {
    for (const tenant of [...this.watched.values()])
      for (const viewer of [...tenant.viewers]) viewer.channel.end();
  }

  private track(tenantId: string, version: number): WatchedTenant {
    const tenant: WatchedTenant = {
      viewers: new Set(),
      version,
      seen: version,
      lastEmitAt: 0,
      timer: null,
    };
    this.watched.set(tenantId, tenant);
    return tenant;
  }

  private leave(tenantId: string, viewer: Viewer): void {
    const tenant = this.watched.get(tenantId);
    if (tenant === undefined) return;
    tenant.viewers.delete(viewer);
    if (tenant.viewers.size > 0) return;
    if (tenant.timer !== null) clearTimeout(tenant.timer);
    this.watched.delete(tenantId);
    if (this.watched.size === 0 && this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  private startPolling(): void {
    if (this.timer !== null) return;
    this.timer = setInterval(() => void this.poll(), this.settings.pollMs);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    if (this.polling || this.watched.size === 0) return;
    this.polling = true;
    try {
      const versions = await this.versions.current([...this.watched.keys()]);
      for (const [tenantId, version] of versions) {
        const tenant = this.watched.get(tenantId);
        if (tenant === undefined) continue;
        tenant.seen = version;
        if (version === tenant.version || tenant.timer !== null) continue;
        // Held back to one emission per interval; the figures sent are those of the newest
        // version when the wait ends.
        const wait = Math.max(0, tenant.lastEmitAt + this.settings.minIntervalMs - this.now());
        tenant.timer = setTimeout(() => void this.emit(tenantId, tenant), wait);
      }
    } catch (error) {
      this.logger.warn(
        { err: error },
        'reading tenant data versions for live stats failed; retrying',
      );
    } finally {
      this.polling = false;
    }
  }

  private async emit(tenantId: string, tenant: WatchedTenant): Promise<void> {
    try {
      // The poll keeps `seen` current while the emission waits; a change after it is read
      // is seen by the next poll and emitted then.
      const version = tenant.seen;
      const viewers = [...tenant.viewers];
      const merged = mergeSelections(viewers.map((viewer) => viewer.selection));
      const stats = await this.shared.current(tenantId, merged, version);
      tenant.version = version;
      tenant.lastEmitAt = this.now();
      for (const viewer of viewers) viewer.channel.push(stats);
    } catch (error) {
      this.logger.warn(
        { err: error, tenantId },
        'computing live stats failed; the next change retries',
      );
    } finally {
      tenant.timer = null;
    }
  }
}
