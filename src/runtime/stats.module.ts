import { LiveStats } from '../domain/stats/live-stats.js';
import type { DataVersions } from '../domain/stats/data-versions.js';
import { SharedStats } from '../domain/stats/shared-stats.js';
import { computeStats, TenantStatsService } from '../domain/stats/tenant-stats.js';
import type { DomainLogger } from '../domain/logger.js';
import type { TenantService } from '../domain/tenants/tenant.service.js';
import type { Database } from '../infra/mongo/database.js';
import { MongoStatsStore } from '../infra/mongo/stats.repository.js';
import type { BackgroundJob } from './background.js';

/**
 * Shared results: a few hundred selections of a few hundred tenants; a result is at most a
 * minute old (asOf says so). Live figures: versions read every 250 ms, at most one emission
 * a second per tenant.
 */
const SHARED = { maxEntries: 500, maxAgeMs: 60_000 };
const LIVE = { pollMs: 250, minIntervalMs: 1000 };

/** Tenant statistics: the selection-aware store, shared results, live subscriptions. */
export function statsModule(options: {
  db: Database;
  versions: DataVersions;
  tenants: TenantService;
  logger: DomainLogger;
}) {
  const store = new MongoStatsStore(options.db.models.tickets);
  const shared = new SharedStats(
    (tenantId, asOf, selection) => computeStats(store, tenantId, asOf, selection),
    options.versions,
    SHARED,
  );
  const live = new LiveStats(shared, options.versions, options.tenants, LIVE, options.logger);
  const jobs: BackgroundJob[] = [
    { name: 'live stats', start: () => undefined, stop: () => live.close() },
  ];
  return { stats: new TenantStatsService(store, shared, options.tenants), live, shared, jobs };
}
