import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { DEFAULT_MOCK_CONFIG, type MockConfig } from '../mock-external-api/src/config.js';
import { startMockProvider, type MockProvider } from '../mock-external-api/src/server.js';
import {
  DEFAULT_INGESTION_SETTINGS,
  DEFAULT_NOTIFICATION_SETTINGS,
  type NotificationSettings,
  type ProviderSettings,
} from '../src/infra/config/env.js';
import { createLogger } from '../src/infra/logging/logger.js';
import { connectDatabase, type Database } from '../src/infra/mongo/database.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../src/infra/mongo/embedded-mongo.js';
import { startGateway, type Gateway } from '../src/server.js';
import { createClassifier } from '../src/infra/classification/classifier-factory.js';

/** A gateway, its own database on one embedded engine, and a mock: what every benchmark drives. */
export interface BenchStack {
  gateway: Gateway;
  mock: MockProvider;
  db: Database;
  adminKey: string;
  graphql<T, V>(document: TypedDocumentNode<T, V>, variables: V): Promise<T>;
  stop(): Promise<void>;
}

let engine: EmbeddedMongo | undefined;
let stacks = 0;

export async function benchEngineUri(): Promise<string> {
  engine ??= await startEmbeddedMongo();
  return engine.uri;
}

export async function stopBenchEngine(): Promise<void> {
  await engine?.stop();
  engine = undefined;
}

export async function startBenchStack(options: {
  mock: Partial<MockConfig>;
  provider: ProviderSettings;
  /** Alert delivery is off unless a benchmark asks for it, so it never skews the others. */
  notifications?: NotificationSettings;
}): Promise<BenchStack> {
  const mock = await startMockProvider({
    ...DEFAULT_MOCK_CONFIG,
    port: 0,
    host: '127.0.0.1',
    notifyLatencyMinMs: 0,
    notifyLatencyMaxMs: 0,
    ...options.mock,
  });
  const db = await connectDatabase(await benchEngineUri(), {
    dbName: `bench_${process.pid}_${stacks++}`,
    monitorCommands: true,
  });
  const gateway = await startGateway({
    config: {
      port: 0,
      host: '127.0.0.1',
      nodeEnv: 'production',
      introspection: false,
      provider: options.provider,
      ingestion: DEFAULT_INGESTION_SETTINGS,
      notifications: options.notifications ?? { ...DEFAULT_NOTIFICATION_SETTINGS, enabled: false },
    },
    db,
    providerUrl: mock.url,
    logger: createLogger('silent'),
    classifier: await createClassifier('semantic'),
  });
  const adminKey = await gateway.services.apiKeys.ensureBootstrapAdmin(undefined);
  return {
    gateway,
    mock,
    db,
    adminKey,
    async graphql(document, variables) {
      const response = await fetch(gateway.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
        body: JSON.stringify({ query: print(document), variables }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: unknown };
      if (body.errors !== undefined) throw new Error(JSON.stringify(body.errors));
      return body.data as never;
    },
    async stop() {
      await gateway.stop();
      await db.connection.dropDatabase();
      await db.close();
      await mock.close();
    },
  };
}

export function seconds(startedNs: bigint): number {
  return Number(process.hrtime.bigint() - startedNs) / 1e9;
}

export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
