import type { DependencyProbe } from '../../domain/health/health.service.js';
import type { Database } from './database.js';

export function mongoHealthProbe(db: Database, timeoutMs: number): DependencyProbe {
  return { name: 'mongodb', critical: true, check: () => db.ping(timeoutMs) };
}
