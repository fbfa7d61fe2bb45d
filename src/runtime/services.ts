import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Registry } from 'prom-client';
import { ApiKeyService } from '../domain/auth/api-key.service.js';
import {
  type TicketClassifier,
  CorrectionService,
  ReclassificationService,
} from '../domain/classification/index.js';
import { DependencyWatch } from '../domain/health/dependency-watch.js';
import { HealthService } from '../domain/health/health.service.js';
import type { RunObserver } from '../domain/ingestion/ingestion-runner.js';
import type { DomainLogger } from '../domain/logger.js';
import type { RollupObserver } from '../domain/stats/rollup-ports.js';
import { TenantService } from '../domain/tenants/tenant.service.js';
import { TicketQueryService } from '../domain/tickets/ticket-query.js';
import { AddressBudget } from '../domain/usage/address-budget.js';
import { KeyBudgetService } from '../domain/usage/key-budget.js';
import type { GatewayConfig } from '../infra/config/env.js';
import { deliveryMetrics } from '../infra/metrics/delivery-metrics.js';
import { MongoApiKeyStore } from '../infra/mongo/api-key.repository.js';
import { MongoBudgetLedger } from '../infra/mongo/key-budget.repository.js';
import type { Database } from '../infra/mongo/database.js';
import { mongoHealthProbe } from '../infra/mongo/mongo-health.js';
import { MongoTenantStore } from '../infra/mongo/tenant.repository.js';
import { MongoClassificationStore } from '../infra/mongo/ticket-classification.repository.js';
import { MongoCorrectionStore } from '../infra/mongo/ticket-correction.repository.js';
import { MongoTicketReadStore } from '../infra/mongo/ticket-read.repository.js';
import type { ProviderObserver } from '../infra/provider/provider-client.js';
import { providerHealthProbe } from '../infra/provider/provider-health.js';
import type { Services } from '../schema/context.js';
import { alertingModule } from './alerting.module.js';
import { periodicJob, type BackgroundJob } from './background.js';
import { ingestionModule } from './ingestion.module.js';
import { statsModule } from './stats.module.js';

const HEALTH_PROBE_TIMEOUT_MS = 2000;
/** The database watch pings this often, each ping given this long (a hung server is down). */
const DATABASE_WATCH = { everyMs: 1000, timeoutMs: 1000 };

export interface ServiceOptions {
  config: Pick<
    GatewayConfig,
    'provider' | 'ingestion' | 'stats' | 'notifications' | 'budgets' | 'correctionsLearnEveryMs'
  >;
  db: Database;
  providerUrl: string;
  classifier: TicketClassifier;
  metrics: Registry;
  observers: { run: RunObserver; rollups: RollupObserver; provider: ProviderObserver };
  logger: DomainLogger;
}

/** Wires every domain service to its adapters, once per process; returns its background jobs too. */
export function createServices(options: ServiceOptions) {
  const { config, db, providerUrl, classifier, logger } = options;
  // Who runs the jobs of this process: lock owner, run executor, outbox lease holder.
  const executorId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const tenantStore = new MongoTenantStore(db.models.tenants, {
    tickets: db.models.tickets,
    apiKeys: db.models.apiKeys,
  });
  const tenants = new TenantService(tenantStore);
  const stats = statsModule({
    db,
    tenants,
    owner: executorId,
    settings: config.stats,
    observer: options.observers.rollups,
    logger,
  });
  const alerts = alertingModule({
    tenants,
    settings: config.notifications,
    db,
    providerUrl,
    owner: executorId,
    observer: deliveryMetrics(options.metrics),
    logger,
  });
  const ingest = ingestionModule({
    ...{ config, db, providerUrl, executorId, classifier, logger },
    alerts: alerts.alerting,
    tenants,
    rollups: stats.rollups,
    observers: options.observers,
  });
  const tickets = new TicketQueryService(
    new MongoTicketReadStore(db.models.tickets, db.models.ticketHistory),
    tenants,
  );
  const correctionStore = new MongoCorrectionStore(db.models.tickets, db.models.ticketHistory, () =>
    tenantStore.ids(),
  );
  const database = new DependencyWatch(mongoHealthProbe(db, DATABASE_WATCH.timeoutMs));
  const services: Services = {
    database,
    apiKeys: new ApiKeyService(new MongoApiKeyStore(db.models.apiKeys), tenants),
    budgets: new KeyBudgetService(new MongoBudgetLedger(db.models.keyBudgets), config.budgets),
    anonymous: new AddressBudget(),
    health: new HealthService([
      mongoHealthProbe(db, HEALTH_PROBE_TIMEOUT_MS),
      providerHealthProbe(providerUrl, HEALTH_PROBE_TIMEOUT_MS),
    ]),
    reclassification: new ReclassificationService(
      new MongoClassificationStore(db.models.tickets),
      classifier,
      alerts.alerting,
      tenants,
      stats.rollups,
    ),
    ingestion: ingest.ingestion,
    providerBudget: ingest.providerBudget,
    tickets,
    corrections: new CorrectionService(correctionStore, stats.rollups, alerts.alerting, tickets),
    stats: stats.stats,
    statsMaintenance: stats.maintenance,
    liveStats: stats.live,
    tenants,
    alerting: alerts.alerting,
  };
  // A database filled before tenants were tracked: the tenants its tickets and keys name
  // become known before anything asks.
  const adoptTenants: BackgroundJob = {
    name: 'known tenants',
    start: async () => {
      const adopted = await tenants.adoptExisting();
      if (adopted > 0)
        logger.info({ adopted }, 'tenants named by stored tickets or keys are known');
    },
    stop: () => undefined,
  };
  const watchDatabase = periodicJob(
    'database watch',
    DATABASE_WATCH.everyMs,
    () => database.check(),
    () => undefined,
  );
  database.onChange((down) =>
    down
      ? logger.error({}, 'the database is unavailable: requests are refused (503) until it answers')
      : logger.info({}, 'the database answers again'),
  );
  // Every replica reads the tenants' corrections again, so each one's classifier learns them.
  const learnCorrections = periodicJob(
    'corrections learned',
    config.correctionsLearnEveryMs,
    async () => classifier.learnFrom?.(correctionStore),
    (error) => logger.warn({ err: error }, 'reading corrections to learn from failed; retrying'),
  );
  const jobs: BackgroundJob[] = [
    watchDatabase,
    adoptTenants,
    learnCorrections,
    ...stats.jobs,
    ...alerts.jobs,
    ...ingest.jobs,
  ];
  return { services, jobs, runFeed: ingest.feed };
}
