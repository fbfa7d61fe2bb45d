import type { AlertQueue } from '../domain/alerting/ports.js';
import {
  CorrectionService,
  ReclassificationService,
  type TicketClassifier,
} from '../domain/classification/index.js';
import type { DomainLogger } from '../domain/logger.js';
import type { StatsWriter } from '../domain/stats/rollup-ports.js';
import type { TenantService } from '../domain/tenants/tenant.service.js';
import type { TicketQueryService } from '../domain/tickets/ticket-query.js';
import type { GatewayConfig } from '../infra/config/env.js';
import type { Database } from '../infra/mongo/database.js';
import { MongoClassificationStore } from '../infra/mongo/ticket-classification.repository.js';
import { MongoCorrectionStore } from '../infra/mongo/ticket-correction.repository.js';
import { periodicJob } from './background.js';

/** Classification: re-classification, people's corrections, and learning from them. */
export function classificationModule(options: {
  config: Pick<GatewayConfig, 'correctionsLearnEveryMs'>;
  db: Database;
  classifier: TicketClassifier;
  alerts: AlertQueue;
  tenants: TenantService;
  tenantIds: () => Promise<string[]>;
  rollups: StatsWriter;
  tickets: TicketQueryService;
  logger: DomainLogger;
}) {
  const { config, db, classifier, alerts, tenants, rollups, logger } = options;
  const corrections = new MongoCorrectionStore(
    db.models.tickets,
    db.models.ticketHistory,
    options.tenantIds,
  );
  // Every replica reads the tenants' corrections again, so each one's classifier learns them.
  const learnCorrections = periodicJob(
    'corrections learned',
    config.correctionsLearnEveryMs,
    async () => classifier.learnFrom?.(corrections),
    (error) => logger.warn({ err: error }, 'reading corrections to learn from failed; retrying'),
  );
  return {
    reclassification: new ReclassificationService(
      new MongoClassificationStore(db.models.tickets, db.models.ticketHistory),
      classifier,
      alerts,
      tenants,
      rollups,
    ),
    corrections: new CorrectionService(corrections, rollups, alerts, options.tickets),
    jobs: [learnCorrections],
  };
}
