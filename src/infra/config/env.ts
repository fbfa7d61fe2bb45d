import { join } from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../system/project-root.js';
import { ConfigError } from '../../domain/errors.js';
import type { BudgetSettings } from '../../domain/budgets/key-budget.js';

/** Parses a boolean env var the way operators write them ("true"/"1"/"yes"). */
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A duration as operators write it: `0`, or a number with a unit (`90s`, `30m`, `24h`, `7d`). */
const duration = z
  .string()
  .regex(/^(0|\d+(ms|s|m|h|d))$/, 'expected 0 or a number with ms, s, m, h or d (e.g. 24h)')
  .transform((value) => {
    const [, amount, unit] = /^(\d+)([a-z]*)$/.exec(value)!;
    return Number(amount) * (unit ? UNIT_MS[unit as keyof typeof UNIT_MS] : 0);
  });

const integer = (min: number, fallback: number, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/**
 * Every variable the gateway reads, with its default: the one place defaults are stated.
 * The README's environment table is checked against these names.
 */
export const ENV_SCHEMA = z.object({
  PORT: integer(0, 4000, 65535),
  HOST: z.string().min(1).default('0.0.0.0'),
  TRUST_PROXY_HOPS: integer(0, 0, 10),
  MONGODB_URI: z.string().url().optional(),
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,63}$/)
    .default('ticket_gateway'),
  PROVIDER_URL: z.string().url().optional(),
  ADMIN_API_KEY: z.string().min(16, 'ADMIN_API_KEY must be at least 16 characters').optional(),
  DEMO_DATA_DIR: z.string().min(1).default('.cache/demo'),
  TRUSTED_DOCUMENTS: z.string().min(1).optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  GRAPHQL_INTROSPECTION: booleanFlag.optional(),
  ERROR_STACK_TRACES: booleanFlag.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PROVIDER_RATE_LIMIT: integer(0, 60),
  PROVIDER_RATE_WINDOW_MS: integer(1000, 60_000),
  PROVIDER_TIMEOUT_MS: integer(100, 10_000),
  INGESTION_LOCK_TTL_MS: integer(3000, 60_000),
  INGESTION_PAGE_SIZE: integer(1, 100, 100),
  INGESTION_FULL_RUN_INTERVAL_MS: integer(0, 15 * 60_000),
  STATS_LEASE_TTL_MS: integer(1000, 15_000, 300_000),
  NOTIFICATIONS_ENABLED: booleanFlag.default(true),
  NOTIFY_CONCURRENCY: integer(1, 4, 64),
  NOTIFY_MAX_ATTEMPTS: integer(1, 10, 1000),
  NOTIFY_TIMEOUT_MS: integer(100, 5000),
  NOTIFY_CIRCUIT_OPEN_MS: integer(100, 30_000),
  NOTIFY_LEASE_MS: integer(100, 30_000),
  NOTIFY_POLL_MS: integer(10, 500),
  NOTIFY_BACKOFF_BASE_MS: integer(1, 500),
  NOTIFY_BACKOFF_CAP_MS: integer(1, 5000),
  ALERT_MAX_AGE: duration.default(24 * UNIT_MS.h),
  CLASSIFIER_MODEL: z.enum(['semantic', 'rules']).default('semantic'),
  CORRECTIONS_LEARN_EVERY_MS: integer(100, 30_000),
  SHUTDOWN_TIMEOUT_MS: integer(1000, 25_000),
  KEY_BUDGET_POINTS: integer(1, 10_000),
  KEY_BUDGET_RESTORE_PER_SECOND: integer(1, 250),
  KEY_MAX_CONCURRENT_REQUESTS: integer(1, 8, 10_000),
  ADMIN_BUDGET_FACTOR: integer(1, 5, 1000),
});

export type Env = z.infer<typeof ENV_SCHEMA>;

/** The variables as they are written in an environment (all strings). */
export type EnvSource = Partial<Record<keyof Env, string>>;

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
  /** A tenant key may start a full run once per this long (0: no limit). */
  fullRunIntervalMs: number;
}

export interface StatsSettings {
  /** A roll-up lease not renewed for this long lapses (its op is redone by the next writer). */
  leaseTtlMs: number;
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
  /** How often an idle delivery worker looks for due alerts. */
  pollMs: number;
  /** An alert is due only for a ticket active within this long; 0 = no limit. */
  maxAgeMs: number;
}

/** The gateway's settings, validated once at start-up. */
export interface GatewayConfig {
  port: number;
  host: string;
  /** Proxies in front that append to X-Forwarded-For: the client is the address before them. */
  trustProxyHops: number;
  mongodbUri: string | undefined;
  mongodbDb: string;
  providerUrl: string | undefined;
  adminApiKey: string | undefined;
  /**
   * Where `npm start` keeps the embedded engine's data and its admin key across restarts
   * (relative to the project); `memory` keeps nothing. The production entry ignores it.
   */
  demoDataDir: string;
  /** The trusted-documents manifest (operations by SHA-256), if any. */
  trustedDocumentsFile: string | undefined;
  /** The browser pages, bundled from src/web by `npm run build` (not a variable). */
  webDir: string;
  nodeEnv: Env['NODE_ENV'];
  introspection: boolean;
  /** Stack traces in error responses: only when asked for, never by default. */
  errorStackTraces: boolean;
  logLevel: Env['LOG_LEVEL'];
  provider: ProviderSettings;
  ingestion: IngestionSettings;
  stats: StatsSettings;
  notifications: NotificationSettings;
  /** `semantic` (rules and the MiniLM recognizer) or `rules` alone. */
  classifierModel: Env['CLASSIFIER_MODEL'];
  /** How often each replica reads the tenants' corrections to learn from (within a minute). */
  correctionsLearnEveryMs: number;
  /** After SIGTERM, the process exits by then whatever is left (Kubernetes waits 30 s). */
  shutdownTimeoutMs: number;
  /** Query-cost budgets and concurrency caps per API key. */
  budgets: BudgetSettings;
}

export function loadConfig(source: NodeJS.ProcessEnv | EnvSource = process.env): GatewayConfig {
  const parsed = ENV_SCHEMA.safeParse(source);
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
    trustProxyHops: env.TRUST_PROXY_HOPS,
    mongodbUri: env.MONGODB_URI,
    mongodbDb: env.MONGODB_DB,
    providerUrl: env.PROVIDER_URL?.replace(/\/+$/, ''),
    adminApiKey: env.ADMIN_API_KEY,
    demoDataDir: env.DEMO_DATA_DIR,
    trustedDocumentsFile: env.TRUSTED_DOCUMENTS,
    webDir: join(projectRoot(), 'dist', 'web'),
    nodeEnv: env.NODE_ENV,
    introspection: env.GRAPHQL_INTROSPECTION ?? env.NODE_ENV !== 'production',
    errorStackTraces: env.ERROR_STACK_TRACES,
    logLevel: env.LOG_LEVEL,
    provider: {
      rateLimit: env.PROVIDER_RATE_LIMIT,
      rateWindowMs: env.PROVIDER_RATE_WINDOW_MS,
      timeoutMs: env.PROVIDER_TIMEOUT_MS,
    },
    ingestion: {
      lockTtlMs: env.INGESTION_LOCK_TTL_MS,
      pageSize: env.INGESTION_PAGE_SIZE,
      fullRunIntervalMs: env.INGESTION_FULL_RUN_INTERVAL_MS,
    },
    stats: { leaseTtlMs: env.STATS_LEASE_TTL_MS },
    notifications: {
      enabled: env.NOTIFICATIONS_ENABLED,
      concurrency: env.NOTIFY_CONCURRENCY,
      maxAttempts: env.NOTIFY_MAX_ATTEMPTS,
      timeoutMs: env.NOTIFY_TIMEOUT_MS,
      circuitOpenMs: env.NOTIFY_CIRCUIT_OPEN_MS,
      leaseMs: env.NOTIFY_LEASE_MS,
      pollMs: env.NOTIFY_POLL_MS,
      backoffBaseMs: env.NOTIFY_BACKOFF_BASE_MS,
      backoffCapMs: env.NOTIFY_BACKOFF_CAP_MS,
      maxAgeMs: env.ALERT_MAX_AGE,
    },
    classifierModel: env.CLASSIFIER_MODEL,
    correctionsLearnEveryMs: env.CORRECTIONS_LEARN_EVERY_MS,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    budgets: {
      tenant: {
        capacity: env.KEY_BUDGET_POINTS,
        restorePerSecond: env.KEY_BUDGET_RESTORE_PER_SECOND,
        maxConcurrent: env.KEY_MAX_CONCURRENT_REQUESTS,
      },
      adminFactor: env.ADMIN_BUDGET_FACTOR,
    },
  };
}

/** The URLs the production entry needs; `npm start` (src/demo.ts) fills them in when unset. */
export function requireDependencies(
  config: GatewayConfig,
): GatewayConfig & { mongodbUri: string; providerUrl: string } {
  const missing = [
    ...(config.mongodbUri === undefined ? ['MONGODB_URI'] : []),
    ...(config.providerUrl === undefined ? ['PROVIDER_URL'] : []),
  ];
  if (missing.length > 0) {
    throw new ConfigError(
      `Invalid environment: ${missing.join(' and ')} must be set (npm start runs the demo, which starts an embedded engine and the bundled mock for unset ones).`,
    );
  }
  return config as GatewayConfig & { mongodbUri: string; providerUrl: string };
}
