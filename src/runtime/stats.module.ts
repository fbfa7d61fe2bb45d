import type { DomainLogger } from '../domain/logger.js';
import { LiveStats } from '../domain/stats/live-stats.js';
import type { RollupObserver } from '../domain/stats/rollup-ports.js';
import { RollupWriter } from '../domain/stats/rollup-writer.js';
import { SharedStats } from '../domain/stats/shared-stats.js';
import { RollupMaintenanceService } from '../domain/stats/rollup-maintenance.js';
import { computeStats, TenantStatsService } from '../domain/stats/tenant-stats.js';
import type { TenantService } from '../domain/tenants/tenant.service.js';
import type { StatsSettings } from '../infra/config/env.js';
import { MongoCountedTickets } from '../infra/mongo/counted-tickets.repository.js';
import { MongoDataVersions } from '../infra/mongo/data-version.repository.js';
import type { Database } from '../infra/mongo/database.js';
import { MongoRollupStore } from '../infra/mongo/rollup.repository.js';
import { RollupStatsStore } from '../infra/mongo/rollup-stats.repository.js';
import { ScanStatsStore } from '../infra/mongo/scan-stats.repository.js';
import { periodicJob, type BackgroundJob } from './background.js';

/**
 * Shared results: a few hundred selections of a few hundred tenants; a result is at most a
 * minute old (asOf says so). Live figures: versions read every 250 ms, at most one emission
 * a second per tenant.
 */
const SHARED = { maxEntries: 500, maxAgeMs: 60_000 };
const LIVE = { pollMs: 250, minIntervalMs: 1000 };
/** A writer waiting for a tenant another writer holds tries again about this often. */
const LEASE_POLL_MS = 25;
/** How often this process looks for ops a dead writer left (once their lease lapsed). */
const REPAIR_EVERY_MS = 5000;

/**
 * Tenant statistics: roll-ups kept by every ticket write (the writer), read in O(buckets)
 * (the store, scanning a tenant whose roll-ups are not complete), shared results, live
 * subscriptions, the consistency check, and the upkeep: roll-ups built for known tenants
 * that have none, and ops of dead writers redone.
 */
export function statsModule(options: {
  db: Database;
  tenants: TenantService;
  owner: string;
  settings: StatsSettings;
  observer: RollupObserver;
  logger: DomainLogger;
}) {
  const { db, tenants, logger } = options;
  const { models } = db;
  const scan = new ScanStatsStore(models.tickets);
  const store = new RollupStatsStore(
    { rollups: models.statsRollups, customers: models.statsCustomers },
    scan,
  );
  const rollupStore = MongoRollupStore.of(models);
  const writer = new RollupWriter(
    rollupStore,
    new MongoCountedTickets(models.tickets),
    { owner: options.owner, leaseTtlMs: options.settings.leaseTtlMs, pollMs: LEASE_POLL_MS },
    logger,
    options.observer,
  );
  const versions = new MongoDataVersions(models.statsHeads);
  const shared = new SharedStats(
    (tenantId, asOf, selection) => computeStats(store, tenantId, asOf, selection),
    versions,
    SHARED,
  );
  const live = new LiveStats(shared, versions, tenants, LIVE, logger);

  // Known tenants without complete roll-ups (a database from before them) are built in the
  // background; until then their figures come from a scan.
  const building = new AbortController();
  let build: Promise<void> = Promise.resolve();
  const jobs: BackgroundJob[] = [
    { name: 'live stats', start: () => undefined, stop: () => live.close() },
    {
      name: 'roll-up build',
      start: () => {
        build = tenants
          .ids()
          .then((ids) => writer.ensureBuilt(ids, building.signal))
          .then((built) => {
            if (built > 0) logger.info({ built }, 'built the roll-ups of tenants that had none');
          })
          .catch((error: unknown) => {
            if (!building.signal.aborted)
              logger.error({ err: error }, 'building roll-ups failed; figures come from scans');
          });
      },
      stop: async () => {
        building.abort();
        await build;
      },
    },
    periodicJob(
      'roll-up repair',
      REPAIR_EVERY_MS,
      async () => void (await writer.repairAbandoned()),
      (error) => logger.warn({ err: error }, 'repairing roll-ups failed; will retry'),
    ),
  ];
  return {
    stats: new TenantStatsService(store, shared, tenants),
    maintenance: new RollupMaintenanceService(store, scan, rollupStore, writer, tenants),
    live,
    shared,
    rollups: writer,
    jobs,
  };
}
