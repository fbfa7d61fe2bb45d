import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema } from 'type-graphql';
import { ApiKeyResolver } from '../resolvers/api-key.resolver.js';
import { ClassificationResolver } from '../resolvers/classification.resolver.js';
import { HealthResolver } from '../resolvers/health.resolver.js';
import { IngestionResolver } from '../resolvers/ingestion.resolver.js';
import { NodeResolver } from '../resolvers/node.resolver.js';
import { ViewerResolver } from '../resolvers/viewer.resolver.js';
import { authChecker } from './auth-checker.js';
import './enums.js';

/** The served schema. Every name of shared/contract/schema-contract.graphql lives here. */
export function buildGatewaySchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [
      ViewerResolver,
      HealthResolver,
      ApiKeyResolver,
      NodeResolver,
      ClassificationResolver,
      IngestionResolver,
    ],
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    authChecker,
    authMode: 'error',
    validate: false,
    emitSchemaFile: false,
  });
}
