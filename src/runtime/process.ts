import { createClassifier } from '../infra/classification/classifier-factory.js';
import { ModelStoreError } from '../infra/classification/model-store.js';
import { ConfigError } from '../domain/errors.js';
import type { GatewayConfig } from '../infra/config/env.js';
import { createLogger, type Logger } from '../infra/logging/logger.js';
import { connectDatabase } from '../infra/mongo/database.js';
import { ensurePortFree, PortInUseError, startGateway } from '../server/gateway.js';
import { keepSecret, readKeptSecret } from '../infra/system/kept-secret.js';
import { createRuntime, type Runtime } from './runtime.js';

type Stop = () => Promise<void>;
type NamedStop = { name: string; stop: Stop };

/** Where the database and the provider are; `stops` end whatever was started to provide them. */
export interface Dependencies {
  mongodbUri: string;
  providerUrl: string;
  /** Tenants known to exist at the provider (the bundled mock's), registered at start. */
  tenants?: readonly string[];
  /** Keeps the generated admin key across restarts (the demo's) while ADMIN_API_KEY is unset. */
  adminKeyFile?: string;
  /** Started once the gateway serves, in the background (the demo fills its tenants). */
  whenServing?: (services: Runtime['services'], logger: Logger) => Promise<void>;
  stops: Stop[];
}

/**
 * A gateway process from start to signal: a check that the port is free and the classifier
 * first (a busy port or a model that cannot be prepared stops the start before anything
 * runs), then the dependencies, the runtime and
 * its background work, and the transport. SIGINT/SIGTERM stop them in reverse.
 */
export async function serveProcess(
  config: GatewayConfig,
  provide: (logger: Logger) => Promise<Dependencies>,
): Promise<void> {
  const logger = createLogger(config.logLevel);
  await ensurePortFree(config);
  const classifier = await createClassifier(config.classifierModel, (line) => logger.info(line));
  logger.info(
    { model: config.classifierModel, version: classifier.rulesVersion },
    'classifier ready',
  );
  const provided = await provide(logger);
  const stops: NamedStop[] = provided.stops.map((stop) => ({ name: 'dependency', stop }));
  const db = await connectDatabase(provided.mongodbUri, { dbName: config.mongodbDb });
  stops.unshift({ name: 'database connection', stop: db.close });
  const { providerUrl } = provided;
  const runtime = createRuntime({ config, db, providerUrl, classifier, logger });
  await runtime.start();
  stops.unshift({ name: 'background work (runs, alert delivery)', stop: runtime.stop });
  await runtime.services.tenants.declare(provided.tenants ?? []);
  const gateway = await startGateway({ config, runtime, logger });
  stops.unshift({ name: 'HTTP and WebSocket', stop: gateway.stop });

  const keptFile = config.adminApiKey === undefined ? provided.adminKeyFile : undefined;
  const adminSecret = await runtime.services.apiKeys.ensureBootstrapAdmin(
    config.adminApiKey ?? (keptFile === undefined ? undefined : readKeptSecret(keptFile)),
  );
  if (keptFile !== undefined) keepSecret(keptFile, adminSecret);
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
      `  Dashboard: ${gateway.url}/dashboard\n` +
      (config.adminApiKey !== undefined
        ? '  Admin key: the value of ADMIN_API_KEY\n\n'
        : keptFile !== undefined
          ? `  Admin key: ${adminSecret}\n             (kept in ${keptFile} across restarts; set ADMIN_API_KEY to pin your own)\n\n`
          : `  Admin key: ${adminSecret}   (random, set ADMIN_API_KEY to choose one)\n\n`),
  );
  provided
    .whenServing?.(runtime.services, logger)
    .catch((error: unknown) =>
      logger.error({ err: error }, 'background start-up work failed; the gateway keeps serving'),
    );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, deadlineMs: config.shutdownTimeoutMs }, 'shutting down');
    let current = 0;
    // A dead database can hold a step for minutes; the supervisor's grace period is shorter.
    setTimeout(() => {
      const notFinished = stops.slice(current).map((s) => s.name);
      logger.error({ notFinished }, 'shutdown deadline passed; exiting with what is not finished');
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    for (const [index, { name, stop }] of stops.entries()) {
      current = index;
      await stop().catch((error: unknown) =>
        logger.error({ err: error, step: name }, 'shutdown step failed'),
      );
    }
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

/**
 * Runs an entry point. Errors an operator can fix (configuration, the model, a busy port,
 * the embedded engine) print one clear message and exit 1; anything else is a crash with
 * its stack.
 */
export async function runEntry(
  main: () => Promise<void>,
  operatorErrors: (new (...args: never[]) => Error)[] = [],
): Promise<void> {
  try {
    await main();
  } catch (error) {
    const known = [ConfigError, ModelStoreError, PortInUseError, ...operatorErrors];
    if (!known.some((kind) => error instanceof kind)) throw error;
    const hint =
      error instanceof ModelStoreError
        ? '\nSet CLASSIFIER_MODEL=rules to run with the rules alone.'
        : '';
    process.stderr.write(`${(error as Error).message}${hint}\n`);
    process.exit(1);
  }
}
