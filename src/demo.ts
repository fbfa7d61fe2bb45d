import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mockConfigFromEnv } from '../mock-external-api/src/config.js';
import { SEED_TENANTS } from '../mock-external-api/src/seed-data.js';
import { startMockProvider, type MockProvider } from '../mock-external-api/src/server.js';
import { loadConfig } from './infra/config/env.js';
import type { Logger } from './infra/logging/logger.js';
import { EmbeddedEngineError, startEmbeddedMongo } from './dev/embedded-mongo.js';
import { runEntry, serveProcess, type Dependencies } from './runtime/process.js';
import { projectRoot } from './infra/system/project-root.js';
import type { Principal } from './domain/auth/principal.js';
import { ALL_TENANTS } from './domain/ingestion/ingestion-runner.js';
import type { IngestionService } from './domain/ingestion/ingestion.service.js';

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

/** Who starts the demo's first ingestions (no API key stands behind it). */
const DEMO_STARTER: Principal = {
  keyId: 'demo',
  keyName: 'npm start (first start)',
  tenantId: null,
  isAdmin: true,
};

/**
 * The bundled mock's tenants get their data without anyone asking: on first start, one
 * sweep ingests them all in the background (one walk of the provider for every tenant; the
 * dashboard shows the figures arrive). After a restart with the data kept, there is
 * nothing to do.
 */
async function fillTenants(services: { ingestion: IngestionService }, logger: Logger) {
  const sweeps = await services.ingestion.list(DEMO_STARTER, { tenantId: ALL_TENANTS, first: 1 });
  if (sweeps.items.length > 0) {
    logger.info('the demo tenants were ingested before (their data is kept): nothing to fill');
    return;
  }
  const started = await services.ingestion.start(DEMO_STARTER, { allTenants: true });
  if (started.ok)
    logger.info({ runId: started.run.id }, 'first start: ingesting the demo tenants (one sweep)');
  else logger.warn({ error: started.error.message }, 'first start: no ingestion');
}

/**
 * `npm start`: the whole demo on one machine. What MONGODB_URI and PROVIDER_URL leave unset
 * is started here: the embedded MongoDB-compatible engine, its data kept in DEMO_DATA_DIR
 * (or in memory), and the bundled mock, whose tenants are filled on first start. The
 * generated admin key is kept there too, so a restart needs no new key and no ingestion.
 */
async function demoDependencies(
  config: { mongodbUri: string | undefined; providerUrl: string | undefined; demoDataDir: string },
  logger: Logger,
): Promise<Dependencies> {
  const stops: Dependencies['stops'] = [];
  const dataDir =
    config.demoDataDir === 'memory' ? null : resolve(projectRoot(), config.demoDataDir);
  let { mongodbUri, providerUrl } = config;
  if (mongodbUri === undefined) {
    if (dataDir !== null) mkdirSync(dataDir, { recursive: true });
    const engine = await startEmbeddedMongo(
      dataDir === null ? {} : { file: join(dataDir, 'engine.h2') },
    );
    stops.unshift(engine.stop);
    mongodbUri = engine.uri;
    logger.info(
      { uri: engine.uri, pid: engine.pid, data: dataDir ?? 'memory' },
      'MONGODB_URI unset: started the embedded MongoDB-compatible engine',
    );
    // Exit, so that a supervisor (or the developer) starts both again: an engine started
    // alone would not know this process's locks and runs.
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
  return {
    mongodbUri,
    providerUrl,
    tenants,
    stops,
    ...(dataDir === null ? {} : { adminKeyFile: join(dataDir, 'admin-key') }),
    ...(tenants.length === 0 ? {} : { whenServing: (services, log) => fillTenants(services, log) }),
  };
}

await runEntry(async () => {
  const config = loadConfig();
  await serveProcess(config, (logger) => demoDependencies(config, logger));
}, [EmbeddedEngineError]);
