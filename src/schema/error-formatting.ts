import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError } from '../domain/errors.js';

/** Codes that Apollo and graphql-js give to malformed requests; passed through unchanged. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'UNKNOWN_TENANT',
  'SERVICE_UNAVAILABLE',
  'RATE_LIMITED',
]);

/**
 * Apollo answers some request mistakes (a persisted-query hash that does not match its
 * query, an unknown persisted-query version) with a 4xx status but no code.
 */
function isUncodedClientError(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.extensions.code !== undefined) return false;
  const status = (error.extensions.http as { status?: number } | undefined)?.status;
  return status !== undefined && status >= 400 && status < 500;
}

function withoutHints(message: string): string {
  return message.replace(/ Did you mean .*\?$/s, '');
}

/**
 * The one place where errors get their public shape: a stable `extensions.code`, and no
 * internals (messages of unexpected errors, stack traces) outside development. Each error
 * answered, on any transport, passes here once: `onAnswered` counts it by that code.
 */
export function createErrorFormatter(options: {
  development: boolean;
  onUnexpected: (error: unknown) => void;
  onAnswered: (code: string) => void;
  /** Whether an error is the database's outage (the adapter knows its driver's errors). */
  isDatabaseUnavailable: (error: unknown) => boolean;
  /** A request met a database outage (the transport then refuses at once until it is back). */
  onDatabaseUnavailable: () => void;
}) {
  const shape = publicShape(options);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const answered = shape(formatted, error);
    options.onAnswered(String(answered.extensions?.code));
    return answered;
  };
}

function publicShape(options: {
  development: boolean;
  onUnexpected: (error: unknown) => void;
  isDatabaseUnavailable: (error: unknown) => boolean;
  onDatabaseUnavailable: () => void;
}) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const unwrapped = unwrapResolverError(error);
    // An error thrown outside a resolver (a plugin, a transport hook) arrives wrapped.
    const original =
      unwrapped instanceof GraphQLError ? (unwrapped.originalError ?? unwrapped) : unwrapped;
    const base = {
      // Outside development, validation messages lose graphql-js's "Did you mean" hints,
      // which would let anyone map the schema by guessing.
      message: options.development ? formatted.message : withoutHints(formatted.message),
      locations: formatted.locations,
      path: formatted.path,
    };
    if (original instanceof DomainError) {
      return { ...base, message: original.message, extensions: { code: original.code } };
    }
    if (options.isDatabaseUnavailable(original)) {
      options.onDatabaseUnavailable();
      return {
        ...base,
        message: 'The database is unavailable; retry later.',
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      };
    }
    const code = isUncodedClientError(original) ? 'BAD_REQUEST' : formatted.extensions?.code;
    if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
      // extensions.http sets the HTTP status (Apollo reads it); it is not for the caller.
      const { http: _status, ...extensions } = formatted.extensions ?? {};
      return { ...base, extensions: { ...extensions, code } };
    }
    options.onUnexpected(original);
    return {
      ...base,
      message: options.development ? formatted.message : 'Internal server error',
      extensions: options.development
        ? { ...formatted.extensions, code: 'INTERNAL_SERVER_ERROR' }
        : { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
