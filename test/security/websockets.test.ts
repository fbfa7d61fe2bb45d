import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TOO_MANY_SOCKETS_CLOSE, WS_LIMITS } from '../../src/server/ws-sessions.js';
import { eventually } from '../support/eventually.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { ingest } from '../support/ingestion.js';

const LIVE = 'subscription { tenantStatsUpdated(tenantId: "tenant_a") { totalTickets } }';

type Outcome = { first: unknown; error: unknown };

/** Subscribes and settles on its first answer: data, or the error it was refused with. */
function firstAnswer(client: Client, query = LIVE): { outcome: Promise<Outcome>; stop(): void } {
  let stop = () => undefined as void;
  const outcome = new Promise<Outcome>((resolve) => {
    stop = client.subscribe(
      { query },
      {
        next: (result) =>
          resolve(
            result.errors
              ? { first: null, error: result.errors[0]?.extensions?.code }
              : { first: result.data, error: null },
          ),
        // A refusal before execution arrives as the operation's error message: its errors.
        error: (error) =>
          resolve({
            first: null,
            error: Array.isArray(error) ? (error[0] as any)?.extensions?.code : error,
          }),
        complete: () => undefined,
      },
    );
  });
  return { outcome, stop: () => stop() };
}

/** A client whose socket's close code is recorded. */
function client(url: string, key: string) {
  const closes: number[] = [];
  const c = createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${key}` },
    retryAttempts: 0,
    lazy: true,
    on: { closed: (event) => closes.push((event as { code: number }).code) },
  });
  return { client: c, closes };
}

/** Hardening round 3 (issue 22): what one key may hold open over WebSocket. */
describe('subscriptions and sockets of one key', () => {
  let t: TestGateway;
  let key: string;
  beforeAll(async () => {
    t = await startTestGateway({ label: 'security_ws', mock: { tickets: 100 } });
    await ingest(t, 'tenant_a');
    const created = await t.graphql<any, any>(
      'mutation { createApiKey(input: { name: "ws", tenantId: "tenant_a" }) { secret } }',
    );
    key = created.body.data.createApiKey.secret;
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('9: a burst of subscriptions is never refused by the concurrency cap', async () => {
    const { client: c } = client(t.gateway.wsUrl, key);
    // Twelve at once, beyond the 8 requests a key may have running.
    const burst = Array.from({ length: 12 }, () => firstAnswer(c));
    const outcomes = await Promise.all(burst.map((b) => b.outcome));
    expect(outcomes.map((o) => o.error)).toEqual(Array(12).fill(null));
    expect(outcomes.every((o) => (o.first as any).tenantStatsUpdated.totalTickets > 0)).toBe(true);
    await c.dispose();
  });

  it('13: a key holds a bounded number of subscriptions, and gets one back when it completes one', async () => {
    const { client: c } = client(t.gateway.wsUrl, key);
    const running = Array.from({ length: WS_LIMITS.subscriptionsPerKey }, () => firstAnswer(c));
    expect((await Promise.all(running.map((r) => r.outcome))).every((o) => o.error === null)).toBe(
      true,
    );
    const refused = firstAnswer(c);
    expect((await refused.outcome).error).toBe('RATE_LIMITED');
    running[0]!.stop();
    const again = await eventually(
      () => firstAnswer(c).outcome,
      (o) => o.error === null,
      5000,
    );
    expect(again.first).not.toBeNull();
    await c.dispose();
  });

  it('13: a key holds a bounded number of sockets; the next is closed with its own code', async () => {
    // A key of its own: the sockets of the tests before may still be closing.
    const created = await t.graphql<any, any>(
      'mutation { createApiKey(input: { name: "sockets", tenantId: "tenant_a" }) { secret } }',
    );
    const key = created.body.data.createApiKey.secret as string;
    const sockets = Array.from({ length: WS_LIMITS.socketsPerKey }, () =>
      client(t.gateway.wsUrl, key),
    );
    const opened = await Promise.all(sockets.map((s) => firstAnswer(s.client).outcome));
    expect(opened.every((o) => o.error === null)).toBe(true);
    const extra = client(t.gateway.wsUrl, key);
    await firstAnswer(extra.client).outcome;
    await eventually(
      async () => extra.closes,
      (codes) => codes.length > 0,
      5000,
    );
    expect(extra.closes[0]).toBe(TOO_MANY_SOCKETS_CLOSE.code);
    // Another key is not affected.
    const other = client(t.gateway.wsUrl, t.adminKey);
    expect((await firstAnswer(other.client).outcome).error).toBeNull();
    await Promise.all([...sockets, extra, other].map((s) => s.client.dispose()));
  });
});
