/** What the domain needs of a logger (pino's Logger fits): structured fields, then a message. */
export interface DomainLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}
