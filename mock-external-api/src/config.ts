import { z } from 'zod';

export interface MockConfig {
  port: number;
  host: string;
  /** Calls per window on every endpoint but /notify and /health; 0 means unlimited. */
  rateLimit: number;
  rateWindowMs: number;
  tickets: number;
  seed: number;
  /** Extra delay before answering the ticket endpoints (a slow or hanging provider). */
  pageLatencyMs: number;
  /** Share (0..1) of ticket-endpoint calls answered 500. */
  pageFailureRate: number;
  /** Broken tickets (missing id, bad date, unknown enum) mixed into the seed. */
  malformedTickets: number;
  /** Answer ticket pages with a body of the wrong shape (a broken provider). */
  brokenPages: boolean;
  notifyLatencyMinMs: number;
  notifyLatencyMaxMs: number;
  notifyFailuresPerTicket: number;
  /** Share (0..1) of /notify calls answered 500 at random, whichever ticket they are for. */
  notifyFailureRate: number;
  notifyStormAfter: number;
  notifyStormMs: number;
}

export const DEFAULT_MOCK_CONFIG: MockConfig = {
  port: 9000,
  host: '0.0.0.0',
  rateLimit: 60,
  rateWindowMs: 60_000,
  tickets: 10_000,
  seed: 20_240_601,
  pageLatencyMs: 0,
  pageFailureRate: 0,
  malformedTickets: 0,
  brokenPages: false,
  notifyLatencyMinMs: 100,
  notifyLatencyMaxMs: 500,
  notifyFailuresPerTicket: 2,
  notifyFailureRate: 0,
  notifyStormAfter: 10,
  notifyStormMs: 30_000,
};

const count = z.coerce.number().int().min(0);
const latencyRange = z
  .string()
  .regex(/^\d+(-\d+)?$/, 'expected "MIN-MAX" or "MS" in milliseconds')
  .transform((value) => {
    const [min, max = min] = value.split('-').map(Number) as [number, number?];
    return { min, max: Math.max(min, max) };
  });

const envSchema = z.object({
  MOCK_PORT: count.max(65535).optional(),
  MOCK_HOST: z.string().min(1).optional(),
  MOCK_RATE_LIMIT: count.optional(),
  MOCK_RATE_WINDOW_MS: count.min(1).optional(),
  MOCK_TICKETS: count.optional(),
  MOCK_SEED: z.coerce.number().int().optional(),
  MOCK_LATENCY_MS: count.optional(),
  MOCK_FAILURE_RATE: z.coerce.number().min(0).max(1).optional(),
  MOCK_MALFORMED: count.optional(),
  MOCK_NOTIFY_LATENCY_MS: latencyRange.optional(),
  MOCK_NOTIFY_FAILURES: count.optional(),
  MOCK_NOTIFY_FAILURE_RATE: z.coerce.number().min(0).max(1).optional(),
  MOCK_NOTIFY_STORM_AFTER: count.optional(),
  MOCK_NOTIFY_STORM_MS: count.optional(),
});

/** The knobs of RUNTIME.md (and a few more), read from the environment over the defaults. */
export function mockConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MockConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid mock provider environment: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const d = DEFAULT_MOCK_CONFIG;
  return {
    port: e.MOCK_PORT ?? d.port,
    host: e.MOCK_HOST ?? d.host,
    rateLimit: e.MOCK_RATE_LIMIT ?? d.rateLimit,
    rateWindowMs: e.MOCK_RATE_WINDOW_MS ?? d.rateWindowMs,
    tickets: e.MOCK_TICKETS ?? d.tickets,
    seed: e.MOCK_SEED ?? d.seed,
    pageLatencyMs: e.MOCK_LATENCY_MS ?? d.pageLatencyMs,
    pageFailureRate: e.MOCK_FAILURE_RATE ?? d.pageFailureRate,
    malformedTickets: e.MOCK_MALFORMED ?? d.malformedTickets,
    brokenPages: d.brokenPages,
    notifyLatencyMinMs: e.MOCK_NOTIFY_LATENCY_MS?.min ?? d.notifyLatencyMinMs,
    notifyLatencyMaxMs: e.MOCK_NOTIFY_LATENCY_MS?.max ?? d.notifyLatencyMaxMs,
    notifyFailuresPerTicket: e.MOCK_NOTIFY_FAILURES ?? d.notifyFailuresPerTicket,
    notifyFailureRate: e.MOCK_NOTIFY_FAILURE_RATE ?? d.notifyFailureRate,
    notifyStormAfter: e.MOCK_NOTIFY_STORM_AFTER ?? d.notifyStormAfter,
    notifyStormMs: e.MOCK_NOTIFY_STORM_MS ?? d.notifyStormMs,
  };
}

/** What `PATCH /_mock/config` may change while the mock runs. */
export const runtimeConfigPatch = z
  .object({
    rateLimit: count,
    pageLatencyMs: count,
    pageFailureRate: z.number().min(0).max(1),
    brokenPages: z.boolean(),
    notifyLatencyMinMs: count,
    notifyLatencyMaxMs: count,
    notifyFailuresPerTicket: count,
    notifyFailureRate: z.number().min(0).max(1),
    notifyStormAfter: count,
    notifyStormMs: count,
  })
  .partial()
  .strict();
