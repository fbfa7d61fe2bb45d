import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { connectDatabase, type Database } from '../../src/infra/mongo/database.js';

/** A database name of its own for each test file, on the shared engine. */
export function uniqueDatabaseName(label: string): string {
  return `test_${label.replace(/[^a-z0-9]/gi, '_')}_${randomBytes(4).toString('hex')}`;
}

export function sharedMongoUri(): string {
  return inject('mongoUri');
}

export function connectTestDatabase(label: string): Promise<Database> {
  return connectDatabase(sharedMongoUri(), { dbName: uniqueDatabaseName(label) });
}
