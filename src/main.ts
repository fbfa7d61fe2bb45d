import 'reflect-metadata';
import { mockConfigFromEnv } from '../mock-external-api/src/config.js';
import { startMockProvider, type MockProvider } from '../mock-external-api/src/server.js';
import { createClassifier } from './infra/classification/classifier-factory.js';
import { ModelStoreError } from './infra/classification/model-store.js';
import { ConfigError, loadConfig, type GatewayConfig } from './infra/config/env.js';
import { createLogger, type Logger } from './infra/logging/logger.js';
import { connectDatabase } from './infra/mongo/database.js';
import { EmbeddedEngineError, startEmbeddedMongo } from './infra/mongo/embedded-mongo.js';
import { startGateway } from './server.js';

/** Starts the bundled mock on MOCK_PORT, or on a free port when that one is taken. */
async function startBundledMock(logger: Logger): Promise<MockProvider> {
  const mockConfig = mockConfigFromEnv();
  try {
    return await startMockProvider(mockConfig);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    logger.warn({ port: mockConfig.port }, 'mock provider port in use; picking a free one');
    return startMockProvider({ ...mockConfig, port: 0 });
  }
}

/** `npm start`: the whole demo. Starts what is not configured, then serves until a signal. */
async function main(config: GatewayConfig): Promise<void> {
  const logger = createLogger(config.logLevel);
  const cleanups: (() => Promise<void>)[] = [];

  // First, so that a model that cannot be prepared stops the start before anything runs.
  const classifier = await createClassifier(config.classifierModel, (line) => logger.info(line));
  logger.info(
    { model: config.classifierModel, version: classifier.rulesVersion },
    'classifier ready',
  );

  let mongodbUri = config.mongodbUri;
  if (mongodbUri === undefined) {
    const engine = await startEmbeddedMongo();
    cleanups.unshift(engine.stop);
    mongodbUri = engine.uri;
    logger.info(
      { uri: engine.uri },
      'MONGODB_URI unset: started the embedded MongoDB-compatible engine (in memory)',
    );
  }

  let providerUrl = config.providerUrl;
  if (providerUrl === undefined) {
    const mock = await startBundledMock(logger);
    cleanups.unshift(mock.close);
    providerUrl = mock.url;
    logger.info(
      { url: mock.url, tickets: mock.config.tickets, rateLimit: mock.config.rateLimit },
      'PROVIDER_URL unset: started the bundled mock provider',
    );
  }

  const db = await connectDatabase(mongodbUri, { dbName: config.mongodbDb });
  cleanups.unshift(db.close);
  const gateway = await startGateway({ config, db, providerUrl, logger, classifier });
  cleanups.unshift(gateway.stop);

  const adminSecret = await gateway.services.apiKeys.ensureBootstrapAdmin(config.adminApiKey);
  logger.info(
    {
      graphql: gateway.graphqlUrl,
      websocket: gateway.wsUrl,
      health: `${gateway.url}/health`,
      metrics: `${gateway.url}/metrics`,
    },
    'gateway serving',
  );
  logger.info(
    { nodeEnv: config.nodeEnv, introspection: config.introspection, database: config.mongodbDb },
    'settings in force',
  );
  // The secret goes to the terminal once, never into the structured logs.
  process.stdout.write(
    `\n  GraphiQL:  ${gateway.graphqlUrl}\n` +
      (config.adminApiKey === undefined
        ? `  Admin key: ${adminSecret}   (random, set ADMIN_API_KEY to choose one)\n\n`
        : '  Admin key: the value of ADMIN_API_KEY\n\n'),
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    for (const cleanup of cleanups) {
      await cleanup().catch((error: unknown) =>
        logger.error({ err: error }, 'shutdown step failed'),
      );
    }
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

try {
  await main(loadConfig());
} catch (error) {
  if (
    error instanceof ConfigError ||
    error instanceof EmbeddedEngineError ||
    error instanceof ModelStoreError
  ) {
    const hint =
      error instanceof ModelStoreError
        ? '\nSet CLASSIFIER_MODEL=rules to run with the rules alone.'
        : '';
    process.stderr.write(`${error.message}${hint}\n`);
    process.exit(1);
  }
  throw error;
}
