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

/**
 * The driver's and Node's words when a connection drops mid-command or cannot be made (a bulk
 * write, for one, rethrows a network error under its own name, keeping only its message).
 */
const CONNECTION_LOST =
  /^(connection \d+ to .+ (closed|timed out)|This socket has been ended by the other party|(connect|read|write) E(CONNREFUSED|CONNRESET|TIMEDOUT|PIPE) \S+)$/;

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (DATABASE_UNAVAILABLE.has(error.name)) return true;
  // Node's own socket error (EPIPE) can surface from a write the engine's death cut short.
  const fromDriverOrSocket =
    error.name.startsWith('Mongo') || (error as { code?: unknown }).code === 'EPIPE';
  if (fromDriverOrSocket && CONNECTION_LOST.test(error.message)) return true;
  return error.cause !== undefined && isDatabaseUnavailable(error.cause);
}

/** An insert (or upsert) that hit a unique index: another writer got there first. */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: number }).code === 11000;
}
