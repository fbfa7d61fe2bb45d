/**
 * Expected failures of mutations, returned as data (`userErrors`) rather than thrown. A
 * missing or non-admin key where `@Authorized` demands one is an error, not a userError.
 */
export enum UserErrorCode {
  INGESTION_ALREADY_RUNNING = 'INGESTION_ALREADY_RUNNING',
  NOT_FOUND = 'NOT_FOUND',
  INVALID_INPUT = 'INVALID_INPUT',
  NOT_CANCELLABLE = 'NOT_CANCELLABLE',
  FORBIDDEN = 'FORBIDDEN',
  RATE_LIMITED = 'RATE_LIMITED',
  UNKNOWN_TENANT = 'UNKNOWN_TENANT',
}

export interface UserError {
  code: UserErrorCode;
  message: string;
  field?: string[] | null;
}
