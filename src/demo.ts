import 'reflect-metadata';
import { mockConfigFromEnv } from '../mock-external-api/src/config.js';
import { SEED_TENANTS } from '../mock-external-api/src/seed-data.js';
import { startMockProvider, type MockProvider } from '../mock-external-api/src/server.js';
import { loadConfig } from './infra/config/env.js';
import type { Logger } from './infra/logging/logger.js';
import { EmbeddedEngineError, startEmbeddedMongo } from './infra/mongo/embedded-mongo.js';
import { runEntry, serveProcess, type Dependencies } from './runtime/process.js';

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

/**
 * `npm start`: the whole demo on one machine. What MONGODB_URI and PROVIDER_URL leave unset
 * is started here: the embedded MongoDB-compatible engine (in memory) and the bundled mock.
 */
async function demoDependencies(
  config: { mongodbUri: string | undefined; providerUrl: string | undefined },
  logger: Logger,
): Promise<Dependencies> {
  const stops: Dependencies['stops'] = [];
  let { mongodbUri, providerUrl } = config;
  if (mongodbUri === undefined) {
    const engine = await startEmbeddedMongo();
    stops.unshift(engine.stop);
    mongodbUri = engine.uri;
    logger.info(
      { uri: engine.uri, pid: engine.pid },
      'MONGODB_URI unset: started the embedded MongoDB-compatible engine (in memory)',
    );
    // Its data was in memory: an engine started again would be empty while this process holds
    // locks and runs of the old one. Exit, so that a supervisor (or the developer) starts both.
    engine.onUnexpectedExit((code) => {
      logger.fatal({ code }, 'the embedded engine died; exiting so that both start afresh');
      process.exit(1);
    });
  }
  let tenants: readonly string[] = [];
  if (providerUrl === undefined) {
    const mock = await startBundledMock(logger);
    stops.unshift(mock.close);
    providerUrl = mock.url;
    tenants = SEED_TENANTS;
    logger.info(
      { url: mock.url, tickets: mock.config.tickets, rateLimit: mock.config.rateLimit, tenants },
      'PROVIDER_URL unset: started the bundled mock provider (its tenants are registered)',
    );
  }
  return { mongodbUri, providerUrl, tenants, stops };
}

await runEntry(async () => {
  const config = loadConfig();
  await serveProcess(config, (logger) => demoDependencies(config, logger));
}, [EmbeddedEngineError]);
