import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { TicketClassifier } from '../domain/classification/index.js';
import type { RunFeed } from '../domain/ingestion/run-feed.js';
import type { GatewayConfig } from '../infra/config/env.js';
import { gatewayMetrics, type GatewayTelemetry } from '../infra/metrics/gateway-metrics.js';
import { createMetricsRegistry } from '../infra/metrics/metrics.js';
import type { Database } from '../infra/mongo/database.js';
import type { Services } from '../schema/context.js';
import type { BackgroundJob } from './background.js';
import { createServices } from './services.js';

export interface RuntimeOptions {
  config: Pick<
    GatewayConfig,
    'provider' | 'ingestion' | 'stats' | 'notifications' | 'budgets' | 'correctionsLearnEveryMs'
  >;
  db: Database;
  providerUrl: string;
  classifier: TicketClassifier;
  logger: Logger;
}

/** What a gateway process runs, transport aside: its services, metrics and background work. */
export interface Runtime {
  services: Services;
  metrics: Registry;
  telemetry: GatewayTelemetry;
  /** Live run subscriptions of this process (diagnostics). */
  runFeed: RunFeed;
  /** Starts the background work: alert delivery, then the recovery of abandoned runs. */
  start(): Promise<void>;
  /**
   * Stops it in reverse: recovery, then run subscriptions end, running ingestion runs end
   * FAILED with a clear error and release their locks, and alert calls in flight finish.
   */
  stop(): Promise<void>;
}

export function createRuntime(options: RuntimeOptions): Runtime {
  const { db, logger } = options;
  const metrics = createMetricsRegistry();
  const telemetry = gatewayMetrics(metrics);
  telemetry.watchPool(db.connection.getClient());
  const { services, jobs, runFeed } = createServices({
    ...options,
    metrics,
    observers: { run: telemetry.run, rollups: telemetry.rollups, provider: telemetry.provider },
  });
  telemetry.watchCircuit(() => services.alerting.circuitStatus());
  const started: BackgroundJob[] = [];
  return {
    services,
    metrics,
    telemetry,
    runFeed,
    async start() {
      for (const job of jobs) {
        await job.start();
        started.unshift(job);
      }
    },
    async stop() {
      for (const job of started.splice(0)) {
        await Promise.resolve()
          .then(() => job.stop())
          .catch((error: unknown) => logger.error({ err: error, job: job.name }, 'stop failed'));
      }
    },
  };
}
