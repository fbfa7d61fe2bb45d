import type { Logger } from 'pino';
import type { ApiKeyService } from '../domain/auth/api-key.service.js';
import type { ReclassificationService } from '../domain/classification/reclassification.service.js';
import type { Principal } from '../domain/auth/principal.js';
import type { HealthService } from '../domain/health/health.service.js';
import type { IngestionService } from '../domain/ingestion/ingestion.service.js';
import type { RateBudget } from '../domain/ingestion/ports.js';
import type { CircuitBreaker } from '../domain/notifications/circuit-breaker.js';
import type { MongoOutboxStore } from '../infra/mongo/outbox.repository.js';
import type { TenantStatsService } from '../domain/stats/tenant-stats.js';
import type { TicketQueryService } from '../domain/tickets/ticket-query.js';
import type { Loaders } from './loaders.js';

/** Long-lived services, built once per process by the composition root. */
export interface Services {
  apiKeys: ApiKeyService;
  health: HealthService;
  reclassification: ReclassificationService;
  ingestion: IngestionService;
  providerBudget: RateBudget;
  tickets: TicketQueryService;
  stats: TenantStatsService;
  notificationCircuit: Pick<CircuitBreaker, 'status' | 'reset'>;
  outbox: Pick<MongoOutboxStore, 'requeueFailed'>;
}

/** Built fresh for every HTTP request and every WebSocket subscribe. */
export interface GatewayContext {
  requestId: string;
  principal: Principal | null;
  services: Services;
  loaders: Loaders;
  logger: Logger;
}
