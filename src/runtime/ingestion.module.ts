import type { AlertQueue } from '../domain/alerting/ports.js';
import type { TicketClassifier } from '../domain/classification/index.js';
import { IngestionRunner, type RunObserver } from '../domain/ingestion/ingestion-runner.js';
import { IngestionService } from '../domain/ingestion/ingestion.service.js';
import { RunFeed } from '../domain/ingestion/run-feed.js';
import type { DomainLogger } from '../domain/logger.js';
import type { StatsWriter } from '../domain/stats/rollup-ports.js';
import type { TenantService } from '../domain/tenants/tenant.service.js';
import type { GatewayConfig } from '../infra/config/env.js';
import type { Database } from '../infra/mongo/database.js';
import { isDatabaseUnavailable } from '../infra/mongo/database-errors.js';
import { MongoRunStore } from '../infra/mongo/ingestion-run.repository.js';
import { MongoLockStore } from '../infra/mongo/lock.repository.js';
import { ProviderBudget } from '../domain/budgets/provider-budget.js';
import { MongoBudgetLogStore } from '../infra/mongo/rate-budget.repository.js';
import { MongoTicketSyncStore } from '../infra/mongo/ticket-sync.repository.js';
import {
  PROVIDER_RETRY_POLICY,
  ProviderClient,
  type ProviderObserver,
} from '../infra/provider/provider-client.js';
import { periodicJob, type BackgroundJob } from './background.js';

/** Grants are kept this much longer than the provider's window (see ProviderBudget). */
const RATE_WINDOW_MARGIN_MS = 1000;

/** Ingestion: the runner, the service, the live run feed and the recovery of abandoned runs. */
export function ingestionModule(options: {
  config: Pick<GatewayConfig, 'provider' | 'ingestion'>;
  db: Database;
  providerUrl: string;
  executorId: string;
  classifier: TicketClassifier;
  alerts: AlertQueue;
  tenants: TenantService;
  rollups: StatsWriter;
  observers: { run: RunObserver; provider: ProviderObserver };
  logger: DomainLogger;
}) {
  const { config, db, executorId, logger } = options;
  const providerBudget = new ProviderBudget(
    new MongoBudgetLogStore(
      { budgets: db.models.rateLimits, waiters: db.models.rateWaiters },
      'provider',
    ),
    {
      limit: config.provider.rateLimit,
      windowMs: config.provider.rateWindowMs,
      marginMs: RATE_WINDOW_MARGIN_MS,
      maxPollMs: 1000,
    },
  );
  const { lockTtlMs, pageSize } = config.ingestion;
  const settings = { executorId, lockTtlMs, heartbeatMs: Math.floor(lockTtlMs / 3), pageSize };
  const runs = new MongoRunStore(db.models.ingestionRuns);
  const locks = new MongoLockStore(db.models.locks);
  const feed = new RunFeed(runs, logger);
  const runner = new IngestionRunner({
    runs,
    locks,
    provider: new ProviderClient(
      options.providerUrl,
      providerBudget,
      { ...PROVIDER_RETRY_POLICY, timeoutMs: config.provider.timeoutMs },
      options.observers.provider,
    ),
    tickets: new MongoTicketSyncStore(db.models.tickets, db.models.ticketHistory),
    alerts: options.alerts,
    tenants: options.tenants,
    rollups: options.rollups,
    classify: (ticket) => options.classifier.classify(ticket),
    logger,
    settings,
    observer: options.observers.run,
    explainFailure: (error) =>
      isDatabaseUnavailable(error) ? 'The database became unreachable during the run' : null,
  });
  const { fullRunIntervalMs } = config.ingestion;
  const ingestion = new IngestionService(
    runs,
    locks,
    runner,
    { ...settings, fullRunIntervalMs },
    logger,
    feed,
    options.tenants,
  );
  // Runs whose process died (or lost the database while finishing) are finalised once their
  // lock has lapsed: at start-up, then every half lock lifetime.
  const recovery = periodicJob(
    'abandoned-run recovery',
    lockTtlMs / 2,
    async () => {
      const recovered = await ingestion.recoverAbandoned();
      if (recovered > 0) logger.warn({ recovered }, 'finalised runs abandoned by a dead process');
    },
    (error) => logger.warn({ err: error }, 'recovering abandoned runs failed; will retry'),
  );
  const jobs: BackgroundJob[] = [
    { name: 'ingestion runner', start: () => undefined, stop: () => runner.shutdown() },
    { name: 'run feed', start: () => undefined, stop: () => feed.close() },
    recovery,
  ];
  return { ingestion, providerBudget, feed, jobs };
}
