import type { Logger } from 'pino';
import type { AlertingService } from '../domain/alerting/alerting.service.js';
import type { ApiKeyService } from '../domain/auth/api-key.service.js';
import type { Principal } from '../domain/auth/principal.js';
import type { ReclassificationService, CorrectionService } from '../domain/classification/index.js';
import type { DependencyWatch } from '../domain/health/dependency-watch.js';
import type { HealthService } from '../domain/health/health.service.js';
import type { IngestionService } from '../domain/ingestion/ingestion.service.js';
import type { RateBudget } from '../domain/budgets/ports.js';
import type { LiveStats } from '../domain/stats/live-stats.js';
import type { RollupMaintenanceService } from '../domain/stats/rollup-maintenance.js';
import type { TenantStatsService } from '../domain/stats/tenant-stats.js';
import type { TenantService } from '../domain/tenants/tenant.service.js';
import type { TicketQueryService } from '../domain/tickets/ticket-query.js';
import type { AddressBudget } from '../domain/budgets/address-budget.js';
import type { BudgetState, KeyBudgetService } from '../domain/budgets/key-budget.js';
import type { Loaders } from './loaders.js';

/** Long-lived services, built once per process by the runtime (src/runtime/services.ts). */
export interface Services {
  apiKeys: ApiKeyService;
  /** Whether the database is known to be down (requests are then refused at once). */
  database: DependencyWatch;
  budgets: KeyBudgetService;
  /** What callers without a valid key may spend, per address (this replica's memory). */
  anonymous: AddressBudget;
  health: HealthService;
  reclassification: ReclassificationService;
  ingestion: IngestionService;
  providerBudget: RateBudget;
  tickets: TicketQueryService;
  stats: TenantStatsService;
  corrections: CorrectionService;
  statsMaintenance: RollupMaintenanceService;
  liveStats: LiveStats;
  tenants: TenantService;
  alerting: AlertingService;
}

/** Built fresh for every HTTP request and every WebSocket subscribe. */
export interface GatewayContext {
  requestId: string;
  principal: Principal | null;
  /** The client's address: what a caller without a key is budgeted by. */
  clientAddress: string;
  services: Services;
  loaders: Loaders;
  logger: Logger;
  /** What the operation was charged, set once its key's budget admitted it (see request-budget.ts). */
  budget?: BudgetState;
}

/** The context of a field behind `@Authorized`: the auth checker guarantees the principal. */
export interface AuthenticatedContext extends GatewayContext {
  principal: Principal;
}
