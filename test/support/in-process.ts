import { createServer } from 'node:http';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { GraphQLError, print, type FormattedExecutionResult } from 'graphql';
import pino from 'pino';
import { ApiKeyService } from '../../src/domain/auth/api-key.service.js';
import { AddressBudget } from '../../src/domain/budgets/address-budget.js';
import { KeyBudgetService } from '../../src/domain/budgets/key-budget.js';
import { DependencyWatch } from '../../src/domain/health/dependency-watch.js';
import { TicketQueryService } from '../../src/domain/tickets/ticket-query.js';
import { loadConfig } from '../../src/infra/config/env.js';
import { buildGatewaySchema } from '../../src/resolvers/gateway-schema.js';
import type { Services } from '../../src/schema/context.js';
import { createErrorFormatter } from '../../src/schema/error-formatting.js';
import { createApollo } from '../../src/server/apollo.js';
import { requestContexts } from '../../src/server/request-context.js';
import { TrustedDocuments } from '../../src/server/trusted-documents.js';
import { InMemoryTicketReadStore } from './fake-ticket-reads.js';
import {
  InMemoryApiKeyStore,
  InMemoryBudgetLedger,
  InMemoryTicketSyncStore,
  knownTenants,
} from './fakes.js';

/** What an in-process operation answers: the HTTP status the transport would send, and the body. */
export interface InProcessResponse<T> {
  status: number;
  headers: Map<string, string>;
  body: FormattedExecutionResult<T>;
}

/** A service the harness does not fake: any use of it fails the test, saying which. */
export function notInHarness(name: string): never {
  return new Proxy(
    {},
    {
      get: (_, property) => {
        throw new Error(`services.${name}.${String(property)} is not part of the harness`);
      },
    },
  ) as never;
}

const CLIENT_ADDRESS = '203.0.113.7';

/**
 * The gateway's GraphQL pipeline in process, over fakes: the served schema, Apollo with the
 * gateway's plugins, validation rules and error formatting, and the request context the
 * HTTP transport builds (authentication by key included). No port, no database, no JVM.
 * Services a test does not give are absent (their use throws).
 */
export async function inProcessGateway(
  options: { env?: Record<string, string>; services?: Partial<Services> } = {},
) {
  const config = loadConfig({ NODE_ENV: 'test', ...options.env });
  const tenants = knownTenants('tenant_a', 'tenant_b', 'tenant_c');
  const apiKeys = new ApiKeyService(new InMemoryApiKeyStore(), tenants);
  const database = new DependencyWatch({
    name: 'database',
    critical: true,
    check: async () => undefined,
    isOutage: () => false,
  });
  // Tickets written as ingestion writes them (seed through `ticketStore`), read by the fake.
  const ticketStore = new InMemoryTicketSyncStore();
  const services: Services = {
    apiKeys,
    database,
    budgets: new KeyBudgetService(new InMemoryBudgetLedger(), config.budgets),
    anonymous: new AddressBudget(),
    tenants,
    tickets: new TicketQueryService(new InMemoryTicketReadStore(ticketStore), tenants),
    health: notInHarness('health'),
    reclassification: notInHarness('reclassification'),
    ingestion: notInHarness('ingestion'),
    providerBudget: notInHarness('providerBudget'),
    stats: notInHarness('stats'),
    corrections: notInHarness('corrections'),
    statsMaintenance: notInHarness('statsMaintenance'),
    liveStats: notInHarness('liveStats'),
    alerting: notInHarness('alerting'),
    ...options.services,
  };
  const schema = await buildGatewaySchema();
  const formatError = createErrorFormatter({
    development: config.nodeEnv === 'development',
    onUnexpected: () => undefined,
    onAnswered: () => undefined,
    isDatabaseUnavailable: () => false,
    onDatabaseUnavailable: () => undefined,
  });
  const apollo = createApollo({
    trusted: TrustedDocuments.load(undefined),
    schema,
    httpServer: createServer(),
    introspection: config.introspection,
    development: config.nodeEnv === 'development',
    stackTraces: config.errorStackTraces,
    formatError,
    telemetryPlugin: {},
  });
  await apollo.start();
  const contexts = requestContexts(services, pino({ level: 'silent' }));
  const adminKey = await apiKeys.ensureBootstrapAdmin(undefined);

  /** As the transport answers a request it refuses before GraphQL runs (401, 429, ...). */
  const refused = (error: unknown): InProcessResponse<never> => {
    if (!(error instanceof GraphQLError)) throw error;
    const http = error.extensions.http as { status?: number } | undefined;
    return {
      status: http?.status ?? 400,
      headers: new Map(),
      body: { errors: [formatError(error.toJSON(), error)] },
    };
  };

  async function graphql<T, V extends Record<string, unknown> = Record<string, never>>(
    document: TypedDocumentNode<T, V> | string,
    variables?: V,
    key: string | null = adminKey,
    operationName?: string,
  ): Promise<InProcessResponse<T>> {
    let principal;
    try {
      principal =
        key === null ? null : await contexts.authenticate(`Bearer ${key}`, CLIENT_ADDRESS);
    } catch (error) {
      return refused(error);
    }
    const response = await apollo.executeOperation<T>(
      {
        query: typeof document === 'string' ? document : print(document),
        variables,
        operationName,
      },
      { contextValue: contexts.create(principal, CLIENT_ADDRESS) },
    );
    if (response.body.kind !== 'single') throw new Error('incremental delivery is not served');
    return {
      status: response.http.status ?? 200,
      headers: new Map(response.http.headers),
      // As a client reads it: serialised (dates become strings, as on the wire).
      body: JSON.parse(JSON.stringify(response.body.singleResult)) as FormattedExecutionResult<T>,
    };
  }

  return {
    adminKey,
    services,
    ticketStore,
    graphql,
    /** A new tenant key's secret, made as an admin would. */
    async tenantKey(tenantId: string, name = `${tenantId} key`): Promise<string> {
      const admin = await apiKeys.authenticate(adminKey);
      const created = await apiKeys.create(admin!, { name, tenantId });
      if (!created.ok) throw new Error(created.error.message);
      return created.secret;
    },
    stop: () => apollo.stop(),
  };
}

export type InProcessGateway = Awaited<ReturnType<typeof inProcessGateway>>;

export function errorCodes(response: InProcessResponse<unknown>): unknown[] {
  return (response.body.errors ?? []).map((error) => error.extensions?.code);
}
