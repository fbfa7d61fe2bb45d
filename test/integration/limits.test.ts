import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { BAD_OPERATIONS, type BadOperation } from '../support/bad-operations.js';
import { collect, wsClient } from '../support/ws.js';

const unnamedSubscription = 'subscription { ingestionProgress(runId: "x") { id } }';

type PublicError = { message: string; code: unknown };

async function overWebSocket(t: TestGateway, operation: BadOperation): Promise<PublicError[]> {
  const client = wsClient(t.gateway.wsUrl, t.adminKey);
  try {
    const { error, results } = await new Promise<{ error: unknown; results: unknown[] }>(
      (resolve) => {
        const results: unknown[] = [];
        client.subscribe(operation, {
          next: (result) => results.push(result),
          error: (error) => resolve({ error, results }),
          complete: () => resolve({ error: null, results }),
        });
      },
    );
    expect(results).toEqual([]);
    return (error as any[]).map((e) => ({ message: e.message, code: e.extensions?.code }));
  } finally {
    await client.dispose();
  }
}

/**
 * The request rules over WebSocket: the same typed errors as over HTTP (run in process by
 * test/unit/graphql/request-rules.test.ts), and what only sockets have.
 */
describe('one set of request rules on HTTP and WebSocket', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ label: 'limits' });
  });
  afterAll(async () => {
    await t.stop();
  });

  it.each(BAD_OPERATIONS.map((c) => [c.name, c] as const))(
    'answers %s over WebSocket with the typed error HTTP gives',
    async (_, operation) => {
      const ws = await overWebSocket(t, operation);
      expect(new Set(ws.map((e) => e.code))).toEqual(new Set([operation.code]));
      expect(ws.some((e) => operation.message.test(e.message))).toBe(true);
    },
  );

  it('closes a socket whose message is larger than an HTTP body (1009), before authentication', async () => {
    const socket = new WebSocket(t.gateway.wsUrl, 'graphql-transport-ws');
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    const payload = { authorization: 'Bearer nope', padding: 'x'.repeat(2 * 1024 * 1024) };
    socket.send(JSON.stringify({ type: 'connection_init', payload }));
    expect(await closed).toBe(1009);
    expect((await t.graphql('{ viewer { isAdmin } }')).body.data).toEqual({
      viewer: { isAdmin: true },
    });
  });

  it('answers a bad operation on its own id: the socket and its other subscriptions live on', async () => {
    let closed = 0;
    const client = createClient({
      url: t.gateway.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${t.adminKey}` },
      retryAttempts: 0,
      lazy: false,
      on: { closed: () => (closed += 1) },
    });
    try {
      const crash = await new Promise<unknown>((resolve) =>
        client.subscribe(
          { query: unnamedSubscription, operationName: 'Progress' },
          { next: () => undefined, error: resolve, complete: () => resolve(null) },
        ),
      );
      expect((crash as any[])[0].extensions.code).toBe('OPERATION_RESOLUTION_FAILURE');
      const good = await collect(client, '{ viewer { isAdmin } }');
      expect(good.results.map((r) => r.data)).toEqual([{ viewer: { isAdmin: true } }]);
      expect(closed).toBe(0);
    } finally {
      await client.dispose();
    }
  });
});
