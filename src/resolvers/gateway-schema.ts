import type { GraphQLSchema } from 'graphql';
import { buildSchemaOf } from '../schema/build-schema.js';
import { ApiKeyResolver } from './api-key.resolver.js';
import { ClassificationResolver } from './classification.resolver.js';
import { HealthResolver } from './health.resolver.js';
import { IngestionResolver } from './ingestion.resolver.js';
import { NodeResolver } from './node.resolver.js';
import { NotificationResolver } from './notification.resolver.js';
import { RateLimitResolver } from './rate-limit.resolver.js';
import { StatsMaintenanceResolver } from './stats-maintenance.resolver.js';
import { TenantResolver } from './tenant.resolver.js';
import { TenantStatsResolver } from './tenant-stats.resolver.js';
import { TicketResolver } from './ticket.resolver.js';
import { ViewerResolver } from './viewer.resolver.js';

/** The served schema: every resolver. Every name of the shared contract lives here. */
export function buildGatewaySchema(): Promise<GraphQLSchema> {
  return buildSchemaOf([
    ViewerResolver,
    HealthResolver,
    ApiKeyResolver,
    NodeResolver,
    ClassificationResolver,
    IngestionResolver,
    TicketResolver,
    TenantStatsResolver,
    StatsMaintenanceResolver,
    TenantResolver,
    NotificationResolver,
    RateLimitResolver,
  ]);
}
