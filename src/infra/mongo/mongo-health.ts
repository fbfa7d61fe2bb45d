import type { WatchedDependency } from '../../domain/health/dependency-watch.js';
import type { Database } from './database.js';
import { isDatabaseUnavailable } from './database-errors.js';

/** MongoDB as a watched dependency: a ping, and the driver's words for an outage. */
export function mongoHealthProbe(db: Database, timeoutMs: number): WatchedDependency {
  return {
    name: 'mongodb',
    critical: true,
    check: () => db.ping(timeoutMs),
    isOutage: isDatabaseUnavailable,
  };
}
