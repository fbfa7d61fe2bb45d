/**
 * Expected failures carry a stable code; the schema layer maps them to GraphQL errors with
 * the same `extensions.code` in one place (src/schema/error-formatting.ts).
 */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'UNKNOWN_TENANT'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

/** The operator's settings are wrong: the process refuses to start, naming what is wrong. */
export class ConfigError extends Error {}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const unauthenticated = (
  message = 'A valid API key is required (Authorization: Bearer <key>).',
) => new DomainError('UNAUTHENTICATED', message);
export const forbidden = (message = 'This API key is not allowed to do that.') =>
  new DomainError('FORBIDDEN', message);
export const badUserInput = (message: string) => new DomainError('BAD_USER_INPUT', message);
