import { z } from 'zod';

/** Parses a boolean env var the way operators write them ("true"/"1"/"yes"). */
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('0.0.0.0'),
  MONGODB_URI: z.string().url().optional(),
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,63}$/)
    .default('ticket_gateway'),
  PROVIDER_URL: z.string().url().optional(),
  ADMIN_API_KEY: z.string().min(16, 'ADMIN_API_KEY must be at least 16 characters').optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  GRAPHQL_INTROSPECTION: booleanFlag.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PROVIDER_RATE_LIMIT: z.coerce.number().int().min(0).default(60),
  PROVIDER_RATE_WINDOW_MS: z.coerce.number().int().min(1000).default(60_000),
  PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  INGESTION_LOCK_TTL_MS: z.coerce.number().int().min(3000).default(60_000),
  INGESTION_PAGE_SIZE: z.coerce.number().int().min(1).max(100).default(100),
  NOTIFICATIONS_ENABLED: booleanFlag.default(true),
  NOTIFY_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
  NOTIFY_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  NOTIFY_CIRCUIT_OPEN_MS: z.coerce.number().int().min(100).default(30_000),
  NOTIFY_LEASE_MS: z.coerce.number().int().min(100).default(30_000),
  NOTIFY_BACKOFF_BASE_MS: z.coerce.number().int().min(1).default(1000),
  NOTIFY_BACKOFF_CAP_MS: z.coerce.number().int().min(1).default(60_000),
  CLASSIFIER_MODEL: z.enum(['semantic', 'rules']).default('semantic'),
});

export type Env = z.infer<typeof envSchema>;

export interface ProviderSettings {
  /** Calls per window for all replicas together; 0 = unlimited. */
  rateLimit: number;
  rateWindowMs: number;
  timeoutMs: number;
}

export interface IngestionSettings {
  /** A lock not renewed for this long lapses; it is renewed every third of it. */
  lockTtlMs: number;
  pageSize: number;
}

export interface NotificationSettings {
  /** Run the delivery loop in this process. */
  enabled: boolean;
  concurrency: number;
  maxAttempts: number;
  timeoutMs: number;
  circuitOpenMs: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  leaseMs: number;
  pollMs: number;
}

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  enabled: true,
  concurrency: 4,
  maxAttempts: 10,
  timeoutMs: 5000,
  circuitOpenMs: 30_000,
  backoffBaseMs: 1000,
  backoffCapMs: 60_000,
  leaseMs: 30_000,
  pollMs: 500,
};

export const DEFAULT_PROVIDER_SETTINGS: ProviderSettings = {
  rateLimit: 60,
  rateWindowMs: 60_000,
  timeoutMs: 10_000,
};
export const DEFAULT_INGESTION_SETTINGS: IngestionSettings = { lockTtlMs: 60_000, pageSize: 100 };

/** The gateway's settings, validated once at start-up. */
export interface GatewayConfig {
  port: number;
  host: string;
  mongodbUri: string | undefined;
  mongodbDb: string;
  providerUrl: string | undefined;
  adminApiKey: string | undefined;
  nodeEnv: Env['NODE_ENV'];
  introspection: boolean;
  logLevel: Env['LOG_LEVEL'];
  provider: ProviderSettings;
  ingestion: IngestionSettings;
  notifications: NotificationSettings;
  /** `semantic` (rules and the MiniLM recognizer) or `rules` alone. */
  classifierModel: Env['CLASSIFIER_MODEL'];
}

export class ConfigError extends Error {}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new ConfigError(`Invalid environment: ${problems}`);
  }
  const env = parsed.data;
  return {
    port: env.PORT,
    host: env.HOST,
    mongodbUri: env.MONGODB_URI,
    mongodbDb: env.MONGODB_DB,
    providerUrl: env.PROVIDER_URL?.replace(/\/+$/, ''),
    adminApiKey: env.ADMIN_API_KEY,
    nodeEnv: env.NODE_ENV,
    introspection: env.GRAPHQL_INTROSPECTION ?? env.NODE_ENV !== 'production',
    logLevel: env.LOG_LEVEL,
    provider: {
      rateLimit: env.PROVIDER_RATE_LIMIT,
      rateWindowMs: env.PROVIDER_RATE_WINDOW_MS,
      timeoutMs: env.PROVIDER_TIMEOUT_MS,
    },
    ingestion: { lockTtlMs: env.INGESTION_LOCK_TTL_MS, pageSize: env.INGESTION_PAGE_SIZE },
    notifications: {
      ...DEFAULT_NOTIFICATION_SETTINGS,
      enabled: env.NOTIFICATIONS_ENABLED,
      concurrency: env.NOTIFY_CONCURRENCY,
      maxAttempts: env.NOTIFY_MAX_ATTEMPTS,
      timeoutMs: env.NOTIFY_TIMEOUT_MS,
      circuitOpenMs: env.NOTIFY_CIRCUIT_OPEN_MS,
      leaseMs: env.NOTIFY_LEASE_MS,
      backoffBaseMs: env.NOTIFY_BACKOFF_BASE_MS,
      backoffCapMs: env.NOTIFY_BACKOFF_CAP_MS,
    },
    classifierModel: env.CLASSIFIER_MODEL,
  };
}
