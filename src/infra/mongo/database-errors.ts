/** The driver's errors when MongoDB cannot be reached: the request may be retried later. */
const DATABASE_UNAVAILABLE = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
]);

/** The driver's words when a connection drops (a bulk write rethrows them under its own name). */
const CONNECTION_LOST = /^connection \d+ to .+ (closed|timed out)$/;

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (DATABASE_UNAVAILABLE.has(error.name)) return true;
  if (error.name === 'MongoBulkWriteError' && CONNECTION_LOST.test(error.message)) return true;
  return error.cause !== undefined && isDatabaseUnavailable(error.cause);
}

/** An insert (or upsert) that hit a unique index: another writer got there first. */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: number }).code === 11000;
}
