import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { ApiKeyService } from './domain/auth/api-key.service.js';
import type { Classifier } from './domain/classification/classifier.js';
import { ReclassificationService } from './domain/classification/reclassification.service.js';
import { HealthService } from './domain/health/health.service.js';
import { IngestionRunner, type RunObserver } from './domain/ingestion/ingestion-runner.js';
import { IngestionService } from './domain/ingestion/ingestion.service.js';
import { RunFeed } from './domain/ingestion/run-feed.js';
import type { DomainLogger } from './domain/logger.js';
import {
  CircuitBreaker,
  DEFAULT_BREAKER_SETTINGS,
} from './domain/notifications/circuit-breaker.js';
import { NotificationDispatcher } from './domain/notifications/dispatcher.js';
import { TenantStatsService } from './domain/stats/tenant-stats.js';
import { TicketQueryService } from './domain/tickets/ticket-query.js';
import type {
  IngestionSettings,
  NotificationSettings,
  ProviderSettings,
} from './infra/config/env.js';
import { deliveryMetrics } from './infra/metrics/delivery-metrics.js';
import { MongoBreakerStore } from './infra/mongo/circuit.repository.js';
import { MongoOutboxStore } from './infra/mongo/outbox.repository.js';
import { NotifyClient } from './infra/provider/notify-client.js';
import type { Registry } from 'prom-client';
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
  type ProviderObserver,
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
  notifications: NotificationSettings;
  metrics: Registry;
  observers: { run: RunObserver; provider: ProviderObserver };
  logger: DomainLogger;
  classifier: Classifier;
}

export interface ProcessServices extends Services {
  runner: IngestionRunner;
  runFeed: RunFeed;
  dispatcher: NotificationDispatcher;
}

/** Wires the domain services to their adapters, once per process. */
export function createServices(options: ServiceOptions): ProcessServices {
  const { db, providerUrl, provider, ingestion, notifications, logger, classifier } = options;
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
  const observer = deliveryMetrics(options.metrics);
  const breakerSettings = { ...DEFAULT_BREAKER_SETTINGS, openMs: notifications.circuitOpenMs };
  const breaker = new CircuitBreaker(
    new MongoBreakerStore(db.models.circuits, breakerSettings.name),
    breakerSettings,
    observer,
  );
  const outbox = new MongoOutboxStore(db.models.notifications);
  const dispatcher = new NotificationDispatcher(
    outbox,
    new NotifyClient(providerUrl, notifications.timeoutMs),
    breaker,
    observer,
    logger,
    {
      owner: runnerSettings.executorId,
      concurrency: notifications.concurrency,
      maxAttempts: notifications.maxAttempts,
      leaseMs: notifications.leaseMs,
      pollMs: notifications.pollMs,
      backoff: { baseMs: notifications.backoffBaseMs, capMs: notifications.backoffCapMs },
    },
  );
  const runner = new IngestionRunner({
    runs,
    locks,
    provider: new ProviderClient(
      providerUrl,
      providerBudget,
      { ...DEFAULT_PROVIDER_CLIENT_OPTIONS, timeoutMs: provider.timeoutMs },
      options.observers.provider,
    ),
    tickets: new MongoTicketSyncStore(
      db.models.tickets,
      db.models.ticketHistory,
      db.models.notifications,
    ),
    classify: (ticket) => classifier.classify(ticket),
    logger,
    settings: runnerSettings,
    observer: options.observers.run,
  });
  return {
    apiKeys: new ApiKeyService(new MongoApiKeyStore(db.models.apiKeys)),
    health: new HealthService([
      mongoHealthProbe(db, HEALTH_PROBE_TIMEOUT_MS),
      providerHealthProbe(providerUrl, HEALTH_PROBE_TIMEOUT_MS),
    ]),
    reclassification: new ReclassificationService(
      new MongoClassificationStore(db.models.tickets, db.models.notifications),
      classifier,
    ),
    ingestion: new IngestionService(runs, locks, runner, runnerSettings, logger, runFeed),
    providerBudget,
    tickets: new TicketQueryService(
      new MongoTicketReadStore(db.models.tickets, db.models.ticketHistory, db.models.notifications),
    ),
    stats: new TenantStatsService(new MongoStatsStore(db.models.tickets)),
    notificationCircuit: breaker,
    outbox,
    runner,
    runFeed,
    dispatcher,
  };
}
