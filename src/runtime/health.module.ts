import { DependencyWatch } from '../domain/health/dependency-watch.js';
import { HealthService } from '../domain/health/health.service.js';
import type { DomainLogger } from '../domain/logger.js';
import type { Database } from '../infra/mongo/database.js';
import { mongoHealthProbe } from '../infra/mongo/mongo-health.js';
import { providerHealthProbe } from '../infra/provider/provider-health.js';
import { periodicJob } from './background.js';

const HEALTH_PROBE_TIMEOUT_MS = 2000;
/** The database watch pings this often, each ping given this long (a hung server is down). */
const DATABASE_WATCH = { everyMs: 1000, timeoutMs: 1000 };

/** Health: the probes /health reports, and the watch that refuses requests while the database is down. */
export function healthModule(options: { db: Database; providerUrl: string; logger: DomainLogger }) {
  const { db, providerUrl, logger } = options;
  const database = new DependencyWatch(mongoHealthProbe(db, DATABASE_WATCH.timeoutMs));
  const health = new HealthService([
    mongoHealthProbe(db, HEALTH_PROBE_TIMEOUT_MS),
    providerHealthProbe(providerUrl, HEALTH_PROBE_TIMEOUT_MS),
  ]);
  database.onChange((down) =>
    down
      ? logger.error({}, 'the database is unavailable: requests are refused (503) until it answers')
      : logger.info({}, 'the database answers again'),
  );
  const watchDatabase = periodicJob(
    'database watch',
    DATABASE_WATCH.everyMs,
    () => database.check(),
    () => undefined,
  );
  return { database, health, jobs: [watchDatabase] };
}
