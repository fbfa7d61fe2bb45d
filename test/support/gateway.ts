import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type ExecutionResult } from 'graphql';
import type { MockConfig } from '../../mock-external-api/src/config.js';
import type { MockProvider } from '../../mock-external-api/src/server.js';
import { startTestMock } from '../../mock-external-api/test/helpers.js';
import { DEFAULT_NOTIFICATION_SETTINGS, type GatewayConfig } from '../../src/infra/config/env.js';
import { createLogger } from '../../src/infra/logging/logger.js';
import { connectDatabase, type Database } from '../../src/infra/mongo/database.js';
import { startGateway, type Gateway } from '../../src/server.js';
import { sharedMongoUri, uniqueDatabaseName } from './databases.js';
import { createClassifier } from '../../src/infra/classification/classifier-factory.js';

export interface GraphQLResponse<T> {
  status: number;
  body: ExecutionResult<T> & {
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

export interface TestGateway {
  gateway: Gateway;
  mock: MockProvider;
  db: Database;
  adminKey: string;
  graphql<T, V extends Record<string, unknown> = Record<string, never>>(
    document: TypedDocumentNode<T, V> | string,
    variables?: V,
    key?: string | null,
  ): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

export interface TestGatewayOptions {
  label: string;
  mongoUri?: string;
  mock?: Partial<MockConfig>;
  config?: Partial<
    Pick<GatewayConfig, 'nodeEnv' | 'introspection' | 'provider' | 'ingestion' | 'notifications'>
  >;
}

/** Tests run against an unlimited mock unless they say otherwise, so the gateway's budget is off too. */
const UNLIMITED_PROVIDER = { rateLimit: 0, rateWindowMs: 60_000, timeoutMs: 5000 };
/** Alert delivery runs only in the tests about it, so /notify calls never mix into others' figures. */
const NO_DELIVERY = { ...DEFAULT_NOTIFICATION_SETTINGS, enabled: false };

/** A real gateway on a free port, with its own database on the shared engine and its own mock. */
export async function startTestGateway(options: TestGatewayOptions): Promise<TestGateway> {
  const mock = await startTestMock(options.mock);
  const db = await connectDatabase(options.mongoUri ?? sharedMongoUri(), {
    dbName: uniqueDatabaseName(options.label),
    serverSelectionTimeoutMS: 3000,
    monitorCommands: true,
  });
  const gateway = await startGateway({
    config: {
      port: 0,
      host: '127.0.0.1',
      nodeEnv: 'test',
      introspection: true,
      provider: UNLIMITED_PROVIDER,
      notifications: NO_DELIVERY,
      ...options.config,
    },
    db,
    providerUrl: mock.url,
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    classifier: await createClassifier('semantic'),
  });
  const adminKey = await gateway.services.apiKeys.ensureBootstrapAdmin(undefined);
  return {
    gateway,
    mock,
    db,
    adminKey,
    graphql: (document, variables, key = adminKey) =>
      postGraphQL(
        gateway.graphqlUrl,
        typeof document === 'string' ? document : print(document),
        variables,
        key,
      ),
    async stop() {
      await gateway.stop();
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
  return { status: response.status, body: (await response.json()) as GraphQLResponse<T>['body'] };
}

export function errorCodes(response: GraphQLResponse<unknown>): unknown[] {
  return (response.body.errors ?? []).map((error) => error.extensions?.code);
}
