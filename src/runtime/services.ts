import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Registry } from 'prom-client';
import type { TicketClassifier } from '../domain/classification/index.js';
import type { RunObserver } from '../domain/ingestion/ingestion-runner.js';
import type { DomainLogger } from '../domain/logger.js';
import type { RollupObserver } from '../domain/stats/rollup-ports.js';
import { TicketQueryService } from '../domain/tickets/ticket-query.js';
import type { GatewayConfig } from '../infra/config/env.js';
import { deliveryMetrics } from '../infra/metrics/delivery-metrics.js';
import type { Database } from '../infra/mongo/database.js';
import { MongoTicketReadStore } from '../infra/mongo/ticket-read.repository.js';
import type { ProviderObserver } from '../infra/provider/provider-client.js';
import type { Services } from '../schema/context.js';
import { accessModule } from './access.module.js';
import { alertingModule } from './alerting.module.js';
import type { BackgroundJob } from './background.js';
import { classificationModule } from './classification.module.js';
import { healthModule } from './health.module.js';
import { ingestionModule } from './ingestion.module.js';
import { statsModule } from './stats.module.js';
import { tenantsModule } from './tenants.module.js';

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

/**
 * Wires every capability to its adapters, once per process (one module each); returns the
 * services and their background jobs.
 */
export function createServices(options: ServiceOptions) {
  const { config, db, providerUrl, classifier, logger } = options;
  // Who runs the jobs of this process: lock owner, run executor, outbox lease holder.
  const executorId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const known = tenantsModule({ db, logger });
  const { tenants } = known;
  const health = healthModule({ db, providerUrl, logger });
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
  const classification = classificationModule({
    ...{ config, db, classifier, tenants, tickets, logger },
    alerts: alerts.alerting,
    tenantIds: known.ids,
    rollups: stats.rollups,
  });
  const services: Services = {
    ...accessModule({ config, db, tenants }),
    database: health.database,
    health: health.health,
    reclassification: classification.reclassification,
    corrections: classification.corrections,
    ingestion: ingest.ingestion,
    providerBudget: ingest.providerBudget,
    tickets,
    stats: stats.stats,
    statsMaintenance: stats.maintenance,
    liveStats: stats.live,
    tenants,
    alerting: alerts.alerting,
  };
  const jobs: BackgroundJob[] = [
    ...health.jobs,
    ...known.jobs,
    ...classification.jobs,
    ...stats.jobs,
    ...alerts.jobs,
    ...ingest.jobs,
  ];
  return { services, jobs, runFeed: ingest.feed };
}
