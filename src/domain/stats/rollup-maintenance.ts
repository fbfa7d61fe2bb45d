import type { Principal } from '../auth/principal.js';
import { forbidden } from '../errors.js';
import type { TenantService } from '../tenants/tenant.service.js';
import type { UserError } from '../user-error.js';
import type { RollupStore } from './rollup-ports.js';
import type { RollupWriter } from './rollup-writer.js';
import {
  computeStats,
  MAX_STATS_LIMIT,
  MAX_TREND_DAYS,
  MAX_TREND_WEEKS,
  StatsPart,
  type StatsSelection,
  type StatsStore,
  type TenantStats,
  type TrendPoint,
} from './tenant-stats.js';

/** Differences listed per part at most (the count says how many there were). */
const MAX_LISTED = 20;

export interface PartCheck {
  part: string;
  consistent: boolean;
  /** How many values differ. */
  differenceCount: number;
  /** The first of them: "OPEN: roll-ups 10, scan 11". */
  differences: string[];
}

export interface RollupCheck {
  tenantId: string;
  asOf: Date;
  /** The roll-ups are built (otherwise figures come from scans and nothing is compared). */
  complete: boolean;
  consistent: boolean;
  parts: PartCheck[];
}

export interface RollupRebuild {
  tenantId: string;
  ticketsCounted: number;
  tookMs: number;
  /** Why nothing was done (an unknown tenant), or null. */
  error: UserError | null;
}

/** Every figure, at its longest, in one zone: what a check compares. */
function everything(timeZone: string): StatsSelection {
  return {
    parts: Object.values(StatsPart),
    hourly: [timeZone],
    daily: [{ timeZone, days: MAX_TREND_DAYS }],
    weekly: [{ timeZone, weeks: MAX_TREND_WEEKS }],
    keywordLimit: MAX_STATS_LIMIT,
    atRiskLimit: MAX_STATS_LIMIT,
  };
}

function part(name: string, differences: string[]): PartCheck {
  return {
    part: name,
    consistent: differences.length === 0,
    differenceCount: differences.length,
    differences: differences.slice(0, MAX_LISTED),
  };
}

const differ = (what: string, a: unknown, b: unknown) =>
  JSON.stringify(a) === JSON.stringify(b)
    ? []
    : [`${what}: roll-ups ${JSON.stringify(a)}, scan ${JSON.stringify(b)}`];

function byKey<T>(rollups: T[], scan: T[], key: (item: T) => string, value: (item: T) => unknown) {
  const fromScan = new Map(scan.map((item) => [key(item), value(item)]));
  return rollups.flatMap((item) => differ(key(item), value(item), fromScan.get(key(item))));
}

const trend = (name: string, rollups: TrendPoint[], scan: TrendPoint[]) =>
  part(
    name,
    byKey(
      rollups,
      scan,
      (p) => p.bucketStart.toISOString(),
      (p) => p.count,
    ),
  );

type Breakdown = 'byStatus' | 'bySource' | 'byUrgency' | 'bySentiment';

/** A count per enum value: each entry is its value (one field) and its count. */
const breakdown = (name: Breakdown, rollups: TenantStats, scan: TenantStats) =>
  part(
    name,
    byKey<{ count: number }>(
      rollups[name],
      scan[name],
      (entry) => String(Object.entries(entry).find(([field]) => field !== 'count')![1]),
      (entry) => entry.count,
    ),
  );

const ranked = <T>(name: string, rollups: T[], scan: T[]) =>
  part(
    name,
    Array.from({ length: Math.max(rollups.length, scan.length) }, (_, i) =>
      differ(`#${i + 1}`, rollups[i] ?? null, scan[i] ?? null),
    ).flat(),
  );

/** Compares two answers for the same plan, part by part. */
export function compareStats(rollups: TenantStats, scan: TenantStats, zone: string): PartCheck[] {
  return [
    part('totalTickets', differ('total', rollups.totalTickets, scan.totalTickets)),
    part(
      'requiresActionCount',
      differ('requires action', rollups.requiresActionCount, scan.requiresActionCount),
    ),
    part(
      'needsReviewCount',
      differ('needs review', rollups.needsReviewCount, scan.needsReviewCount),
    ),
    breakdown('byStatus', rollups, scan),
    breakdown('bySource', rollups, scan),
    breakdown('byUrgency', rollups, scan),
    breakdown('bySentiment', rollups, scan),
    trend('hourlyTrend', rollups.hourlyTrends.get(zone)!, scan.hourlyTrends.get(zone)!),
    trend('dailyTrend', rollups.dailyTrends.get(zone)!, scan.dailyTrends.get(zone)!),
    trend('weeklyTrend', rollups.weeklyTrends.get(zone)!, scan.weeklyTrends.get(zone)!),
    ranked('topKeywords', rollups.topKeywords, scan.topKeywords),
    ranked('atRiskCustomers', rollups.atRiskCustomers, scan.atRiskCustomers),
  ];
}

/**
 * What operators do with roll-ups (admin keys): check them against a scan of the tickets,
 * part by part, and rebuild them from the tickets (after restoring a backup, say). A check
 * holds the tenant's roll-up lease, so no write moves the tickets between the two reads.
 */
export class RollupMaintenanceService {
  constructor(
    private readonly rollups: StatsStore,
    private readonly scan: StatsStore,
    private readonly store: Pick<RollupStore, 'built'>,
    private readonly writer: Pick<RollupWriter, 'write' | 'rebuild'>,
    private readonly tenants: Pick<TenantService, 'scoped' | 'scope'>,
  ) {}

  async check(
    caller: Principal,
    requestedTenant: string,
    options: { timeZone: string; asOf: Date | null },
  ): Promise<RollupCheck> {
    if (!caller.isAdmin) throw forbidden('An admin API key is required.');
    const tenantId = await this.tenants.scoped(caller, requestedTenant);
    return this.writer.write(tenantId, async () => {
      const asOf = options.asOf ?? new Date();
      const complete = (await this.store.built([tenantId])).has(tenantId);
      const selection = everything(options.timeZone);
      const parts = complete
        ? compareStats(
            await computeStats(this.rollups, tenantId, asOf, selection),
            await computeStats(this.scan, tenantId, asOf, selection),
            options.timeZone,
          )
        : [];
      const result: RollupCheck = {
        tenantId,
        asOf,
        complete,
        consistent: complete && parts.every((p) => p.consistent),
        parts,
      };
      return { changes: [], result };
    });
  }

  async rebuild(caller: Principal, tenantId: string): Promise<RollupRebuild> {
    if (!caller.isAdmin) throw forbidden('An admin API key is required.');
    const scope = await this.tenants.scope(caller, tenantId);
    if (!scope.ok) return { tenantId, ticketsCounted: 0, tookMs: 0, error: scope.error };
    const started = Date.now();
    const ticketsCounted = await this.writer.rebuild(scope.tenantId);
    return { tenantId, ticketsCounted, tookMs: Date.now() - started, error: null };
  }
}
