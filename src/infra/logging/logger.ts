import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs. Secrets never reach them: authorization headers are redacted. */
export function createLogger(level: string, name = 'ticket-gateway'): Logger {
  return pino({
    name,
    level,
    redact: ['req.headers.authorization', '*.authorization', '*.secret', '*.adminApiKey'],
  });
}
