import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type ExecutionResult } from 'graphql';
import type { MockConfig } from '../../mock-external-api/src/config.js';
import type { MockProvider } from '../../mock-external-api/src/server.js';
import { SEED_TENANTS } from '../../mock-external-api/src/seed-data.js';
import { startTestMock } from '../../mock-external-api/test/helpers.js';
import { createClassifier } from '../../src/infra/classification/classifier-factory.js';
import { loadConfig, type EnvSource } from '../../src/infra/config/env.js';
import { createLogger } from '../../src/infra/logging/logger.js';
import { connectDatabase, type Database } from '../../src/infra/mongo/database.js';
import { createRuntime, type Runtime } from '../../src/runtime/runtime.js';
import { startGateway, type Gateway } from '../../src/server/gateway.js';

export interface GraphQLResponse<T> {
  status: number;
  headers: Headers;
  body: ExecutionResult<T> & {
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

/**
 * A real gateway process in miniature, as tests and benchmarks drive it: its own mock, its
 * own database, the runtime (services and background work) and the transport.
 */
export interface Stack {
  gateway: Gateway;
  runtime: Runtime;
  mock: MockProvider;
  db: Database;
  adminKey: string;
  /** The HTTP answer, errors included; the bootstrap admin key unless `key` says otherwise. */
  graphql<T, V extends Record<string, unknown> = Record<string, never>>(
    document: TypedDocumentNode<T, V> | string,
    variables?: V,
    key?: string | null,
  ): Promise<GraphQLResponse<T>>;
  /** The data of an answer that must succeed (throws on errors). */
  data<T, V extends Record<string, unknown>>(
    document: TypedDocumentNode<T, V>,
    variables: V,
  ): Promise<T>;
  stop(): Promise<void>;
}

export interface StackOptions {
  mongoUri: string;
  dbName: string;
  /** Settings as environment variables: the defaults are the config schema's. */
  env?: EnvSource;
  mock?: Partial<MockConfig>;
  logLevel?: string;
  dropDatabaseOnStop?: boolean;
  /** The bootstrap admin key; random unless given (two stacks on one database share one). */
  adminKey?: string;
  /** The tenants known from the start: the mock's seed tenants unless given. */
  tenants?: readonly string[];
}

/**
 * What differs from a production start: a free loopback port; the mocks are unlimited, so the
 * gateway's budget is off too; alert delivery only where asked, so /notify calls never mix
 * into other figures; key budgets are charged but too large to bite, except where a test or
 * benchmark sets them.
 */
const STACK_ENV: EnvSource = {
  PORT: '0',
  HOST: '127.0.0.1',
  PROVIDER_RATE_LIMIT: '0',
  NOTIFICATIONS_ENABLED: 'false',
  KEY_BUDGET_POINTS: '10000000',
  KEY_BUDGET_RESTORE_PER_SECOND: '1000000',
  KEY_MAX_CONCURRENT_REQUESTS: '1000',
};

export async function startStack(options: StackOptions): Promise<Stack> {
  const config = loadConfig({ ...STACK_ENV, ...options.env });
  const mock = await startTestMock(options.mock);
  const db = await connectDatabase(options.mongoUri, {
    dbName: options.dbName,
    serverSelectionTimeoutMS: 3000,
    monitorCommands: true,
  });
  const logger = createLogger(options.logLevel ?? 'silent');
  const classifier = await createClassifier('semantic');
  const runtime = createRuntime({ config, db, providerUrl: mock.url, classifier, logger });
  await runtime.start();
  // The mock's tenants, as a sweep or an admin would have made them known.
  await runtime.services.tenants.declare(options.tenants ?? SEED_TENANTS);
  const gateway = await startGateway({ config, runtime, logger });
  const adminKey = await runtime.services.apiKeys.ensureBootstrapAdmin(options.adminKey);
  const graphql: Stack['graphql'] = (document, variables, key = adminKey) =>
    postGraphQL(
      gateway.graphqlUrl,
      typeof document === 'string' ? document : print(document),
      variables,
      key,
    );
  return {
    gateway,
    runtime,
    mock,
    db,
    adminKey,
    graphql,
    async data(document, variables) {
      const { body } = await graphql(document, variables);
      if (body.errors !== undefined) throw new Error(JSON.stringify(body.errors));
      return body.data!;
    },
    async stop() {
      await gateway.stop();
      await runtime.stop();
      if (options.dropDatabaseOnStop) await db.connection.dropDatabase();
      await db.close();
      await mock.close();
    },
  };
}

export async function postGraphQL<T>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  key?: string | null,
): Promise<GraphQLResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key !== null && key !== undefined) headers.authorization = `Bearer ${key}`;
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as GraphQLResponse<T>['body'],
  };
}
