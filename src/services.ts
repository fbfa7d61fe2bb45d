import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { ApiKeyService } from './domain/auth/api-key.service.js';
import { Classifier } from './domain/classification/classifier.js';
import { ReclassificationService } from './domain/classification/reclassification.service.js';
import { HealthService } from './domain/health/health.service.js';
import { IngestionRunner } from './domain/ingestion/ingestion-runner.js';
import { IngestionService } from './domain/ingestion/ingestion.service.js';
import { RunFeed } from './domain/ingestion/run-feed.js';
import type { DomainLogger } from './domain/logger.js';
import { IdleNotificationCircuit } from './domain/notifications/circuit-status.service.js';
import { TenantStatsService } from './domain/stats/tenant-stats.js';
import { TicketQueryService } from './domain/tickets/ticket-query.js';
import type { IngestionSettings, ProviderSettings } from './infra/config/env.js';
import { MongoApiKeyStore } from './infra/mongo/api-key.repository.js';
import type { Database } from './infra/mongo/database.js';
import { MongoRunStore } from './infra/mongo/ingestion-run.repository.js';
import { MongoLockStore } from './infra/mongo/lock.repository.js';
import { mongoHealthProbe } from './infra/mongo/mongo-health.js';
import { MongoRateBudget } from './infra/mongo/rate-budget.repository.js';
import { MongoClassificationStore } from './infra/mongo/ticket-classification.repository.js';
import { MongoStatsStore } from './infra/mongo/stats.repository.js';
import { MongoTicketReadStore } from './infra/mongo/ticket-read.repository.js';
import { MongoTicketSyncStore } from './infra/mongo/ticket-sync.repository.js';
import {
  DEFAULT_PROVIDER_CLIENT_OPTIONS,
  ProviderClient,
} from './infra/provider/provider-client.js';
import { providerHealthProbe } from './infra/provider/provider-health.js';
import type { Services } from './schema/context.js';

const HEALTH_PROBE_TIMEOUT_MS = 2000;
/** Grants are kept this much longer than the provider's window (see MongoRateBudget). */
const RATE_WINDOW_MARGIN_MS = 1000;

export interface ServiceOptions {
  db: Database;
  providerUrl: string;
  provider: ProviderSettings;
  ingestion: IngestionSettings;
  logger: DomainLogger;
}

export interface ProcessServices extends Services {
  runner: IngestionRunner;
  runFeed: RunFeed;
}

/** Wires the domain services to their adapters, once per process. */
export function createServices({
  db,
  providerUrl,
  provider,
  ingestion,
  logger,
}: ServiceOptions): ProcessServices {
  const classifier = new Classifier();
  const providerBudget = new MongoRateBudget(db.models.rateLimits, {
    key: 'provider',
    limit: provider.rateLimit,
    windowMs: provider.rateWindowMs,
    marginMs: RATE_WINDOW_MARGIN_MS,
    maxPollMs: 1000,
  });
  const runnerSettings = {
    executorId: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    lockTtlMs: ingestion.lockTtlMs,
    heartbeatMs: Math.floor(ingestion.lockTtlMs / 3),
    pageSize: ingestion.pageSize,
  };
  const runs = new MongoRunStore(db.models.ingestionRuns);
  const runFeed = new RunFeed(runs, logger);
  const locks = new MongoLockStore(db.models.locks);
  const runner = new IngestionRunner({
    runs,
    locks,
    provider: new ProviderClient(providerUrl, providerBudget, {
      ...DEFAULT_PROVIDER_CLIENT_OPTIONS,
      timeoutMs: provider.timeoutMs,
    }),
    tickets: new MongoTicketSyncStore(
      db.models.tickets,
      db.models.ticketHistory,
      db.models.notifications,
    ),
    classify: (ticket) => classifier.classify(ticket),
    logger,
    settings: runnerSettings,
  });
  return {
    apiKeys: new ApiKeyService(new MongoApiKeyStore(db.models.apiKeys)),
    health: new HealthService([
      mongoHealthProbe(db, HEALTH_PROBE_TIMEOUT_MS),
      providerHealthProbe(providerUrl, HEALTH_PROBE_TIMEOUT_MS),
    ]),
    reclassification: new ReclassificationService(
      new MongoClassificationStore(db.models.tickets),
      classifier,
    ),
    ingestion: new IngestionService(runs, locks, runner, runnerSettings, logger, runFeed),
    providerBudget,
    tickets: new TicketQueryService(
      new MongoTicketReadStore(db.models.tickets, db.models.ticketHistory, db.models.notifications),
    ),
    stats: new TenantStatsService(new MongoStatsStore(db.models.tickets)),
    notificationCircuit: new IdleNotificationCircuit(),
    runner,
    runFeed,
  };
}
