import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { runtimeConfigPatch, type MockConfig } from './config.js';
import { NotifySimulator } from './notify-simulator.js';
import { seededRandom } from './random.js';
import { SlidingWindowLimiter } from './sliding-window.js';
import { TicketStore } from './ticket-store.js';

export interface RecordedCall {
  /** Arrival time (ms). */
  at: number;
  method: string;
  path: string;
  status: number;
  /** The Retry-After given with a 429, in seconds. */
  retryAfter?: number;
}

export interface MockProvider {
  url: string;
  config: MockConfig;
  store: TicketStore;
  notify: NotifySimulator;
  calls: RecordedCall[];
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const MAX_RECORDED_CALLS = 200_000;
const MAX_BODY_BYTES = 1_000_000;

const notifyBody = z.object({
  ticket_id: z.string().min(1),
  tenant_id: z.string().min(1),
  urgency: z.string().min(1),
  reason: z.string().min(1),
});
const ticketKey = z.object({ tenant_id: z.string().optional(), id: z.string().min(1) });
const modifyBody = ticketKey.extend({ changes: z.record(z.string(), z.unknown()).default({}) });
const appendBody = z.object({ tickets: z.array(z.record(z.string(), z.unknown())) });

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(payload);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'body too large');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    throw new HttpError(400, 'body is not valid JSON');
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new HttpError(
      400,
      result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
    );
  }
  return result.data;
}

function intParam(
  params: URLSearchParams,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = params.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new HttpError(400, `${name} must be an integer between ${min} and ${max}`);
  }
  return value;
}

/**
 * The ticket provider of SPEC.md. Provider endpoints share one sliding rate-limit window
 * (all but /notify and /health); `/_mock/*` is the test harness's control surface and is
 * neither limited nor recorded.
 */
export async function startMockProvider(
  config: MockConfig,
  clock: { now: () => number } = { now: Date.now },
): Promise<MockProvider> {
  const random = seededRandom(config.seed ^ 0x5f3759df);
  const limiter = new SlidingWindowLimiter(config.rateLimit, config.rateWindowMs, clock.now);
  const store = new TicketStore(
    { count: config.tickets, seed: config.seed, malformed: config.malformedTickets },
    clock.now,
  );
  const notify = new NotifySimulator(
    {
      failuresPerTicket: config.notifyFailuresPerTicket,
      failureRate: config.notifyFailureRate,
      stormAfter: config.notifyStormAfter,
      stormMs: config.notifyStormMs,
    },
    clock.now,
    random,
  );
  const calls: RecordedCall[] = [];

  async function ticketEndpointDelay(): Promise<void> {
    if (config.pageLatencyMs > 0) await sleep(config.pageLatencyMs);
    if (config.pageFailureRate > 0 && random() < config.pageFailureRate) {
      throw new HttpError(500, 'simulated provider failure');
    }
  }

  function rateLimited(res: ServerResponse): boolean {
    const verdict = limiter.tryAcquire();
    if (verdict.allowed) return false;
    const retryAfter = Math.ceil(verdict.retryAfterMs / 1000);
    sendJson(
      res,
      429,
      { error: 'rate_limited', retry_after: retryAfter },
      { 'retry-after': String(retryAfter) },
    );
    return true;
  }

  async function provider(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname;
    const params = url.searchParams;
    if (req.method === 'GET' && path === '/health') {
      return sendJson(res, 200, { status: 'ok' });
    }
    if (req.method === 'POST' && path === '/notify') {
      const body = parse(notifyBody, await readJson(req));
      const min = config.notifyLatencyMinMs;
      await sleep(min + random() * Math.max(0, config.notifyLatencyMaxMs - min));
      const idempotencyKey = req.headers['idempotency-key'];
      const outcome = notify.handle(
        `${body.tenant_id}/${body.ticket_id}`,
        typeof idempotencyKey === 'string' ? idempotencyKey : undefined,
      );
      if (outcome.status === 200) {
        return sendJson(res, 200, {
          delivered: true,
          attempt: outcome.attempt,
          replayed: outcome.replayed === true,
        });
      }
      const error = outcome.status === 503 ? 'service unavailable' : 'notification failed';
      return sendJson(res, outcome.status, { error });
    }
    if (req.method !== 'GET') throw new HttpError(404, 'not found');
    if (path === '/rate-limit/status') {
      if (rateLimited(res)) return;
      const status = limiter.status();
      return sendJson(res, 200, {
        limit: status.limit,
        remaining: status.remaining,
        window_seconds: config.rateWindowMs / 1000,
        reset_at: new Date(status.resetAt).toISOString(),
      });
    }
    if (path === '/external/support-tickets') {
      if (rateLimited(res)) return;
      const page = intParam(params, 'page', 1, 1, Number.MAX_SAFE_INTEGER);
      const pageSize = intParam(params, 'page_size', 50, 1, 100);
      await ticketEndpointDelay();
      if (config.brokenPages)
        return sendJson(res, 200, { tickets: 'not a list', next_page: 'soon' });
      return sendJson(
        res,
        200,
        store.page(page, pageSize, params.get('include_deleted') === 'true'),
      );
    }
    const single = /^\/external\/support-tickets\/([^/]+)$/.exec(path);
    if (single !== null) {
      if (rateLimited(res)) return;
      await ticketEndpointDelay();
      const matches = store
        .find({
          id: decodeURIComponent(single[1]!),
          tenant_id: params.get('tenant_id') ?? undefined,
        })
        .filter((t) => !t.deleted);
      if (matches.length === 0) throw new HttpError(404, 'ticket not found');
      if (matches.length > 1)
        throw new HttpError(400, 'id is ambiguous across tenants; pass tenant_id');
      return sendJson(res, 200, matches[0]!.ticket);
    }
    if (path === '/external/deleted-tickets') {
      if (rateLimited(res)) return;
      await ticketEndpointDelay();
      const deleted = store.deleted(params.get('tenant_id') ?? undefined);
      return sendJson(res, 200, { deleted_ids: deleted.map((d) => d.id), deleted });
    }
    throw new HttpError(404, 'not found');
  }

  async function control(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const route = `${req.method} ${path}`;
    switch (route) {
      case 'GET /_mock/calls':
        return sendJson(res, 200, { calls });
      case 'DELETE /_mock/calls':
        calls.length = 0;
        return sendJson(res, 200, { ok: true });
      case 'GET /_mock/notifications':
        return sendJson(res, 200, {
          deliveries: notify.deliveries(),
          storm_active: notify.stormActive(),
        });
      case 'POST /_mock/tickets':
        store.append(parse(appendBody, await readJson(req)).tickets);
        return sendJson(res, 200, { ok: true });
      case 'POST /_mock/tickets/modify': {
        const body = parse(modifyBody, await readJson(req));
        return sendJson(res, store.modify(body, body.changes) ? 200 : 404, { ok: true });
      }
      case 'POST /_mock/tickets/delete':
      case 'POST /_mock/tickets/restore': {
        const key = parse(ticketKey, await readJson(req));
        return sendJson(res, store.setDeleted(key, path.endsWith('delete')) ? 200 : 404, {
          ok: true,
        });
      }
      case 'PATCH /_mock/config': {
        const patch = parse(runtimeConfigPatch, await readJson(req));
        Object.assign(config, patch);
        if (patch.rateLimit !== undefined) limiter.setLimit(patch.rateLimit);
        notify.behaviour = {
          failuresPerTicket: config.notifyFailuresPerTicket,
          failureRate: config.notifyFailureRate,
          stormAfter: config.notifyStormAfter,
          stormMs: config.notifyStormMs,
        };
        return sendJson(res, 200, { config });
      }
      case 'POST /_mock/reset':
        store.reset();
        limiter.reset();
        notify.reset();
        calls.length = 0;
        return sendJson(res, 200, { ok: true });
      default:
        throw new HttpError(404, 'not found');
    }
  }

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://mock');
    const isControl = url.pathname.startsWith('/_mock/');
    if (!isControl) {
      // Recorded at arrival, the instant the rate-limit window counts.
      const arrivedAt = clock.now();
      res.on('finish', () => {
        if (calls.length >= MAX_RECORDED_CALLS) calls.shift();
        const retryAfter = res.getHeader('retry-after');
        calls.push({
          at: arrivedAt,
          method: req.method ?? 'GET',
          path: url.pathname,
          status: res.statusCode,
          ...(retryAfter === undefined ? {} : { retryAfter: Number(retryAfter) }),
        });
      });
    }
    const handler = isControl ? control(req, res, url.pathname) : provider(req, res, url);
    handler.catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof Error ? error.message : 'internal error';
      if (!res.headersSent) sendJson(res, status, { error: message });
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  return {
    url: `http://${host}:${address.port}`,
    config,
    store,
    notify,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
