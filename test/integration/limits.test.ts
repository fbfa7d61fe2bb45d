import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { collect, wsClient } from '../support/ws.js';

const aliasQuery = (n: number) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: viewer { isAdmin }`).join(' ')} }`;
const costly = `{ tickets(tenantId: "tenant_a", first: 100) { nodes { history(first: 100) { nodes { changes { field } } } } } }`;
const manyTokens = `{ viewer { ${'isAdmin '.repeat(6000)} } }`;
const badEnum = '{ tickets(tenantId: "a", filter: { status: [LOST] }) { totalCount } }';
// The schema has no cycles, so only made-up fields nest this deep; the depth rule still fires.
const deep = `{ viewer { ${'a { '.repeat(12)}b${' }'.repeat(12)} } }`;
const unnamedSubscription = 'subscription { ingestionProgress(runId: "x") { id } }';
const twoQueries = 'query A { viewer { isAdmin } } query B { viewer { keyName } }';
const pageOf = 'query Page($first: Int) { tickets(tenantId: "a", first: $first) { totalCount } }';

interface BadOperation {
  name: string;
  query: string;
  operationName?: string;
  variables?: Record<string, unknown>;
  code: string;
  message: RegExp;
}

const cases: BadOperation[] = [
  // 2,000 aliases are over the token limit already: parsing stops before building them all.
  {
    name: '2,000 aliases',
    query: aliasQuery(2000),
    code: 'GRAPHQL_PARSE_FAILED',
    message: /tokens/i,
  },
  {
    name: '40 aliases',
    query: aliasQuery(40),
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: /aliases/i,
  },
  {
    name: 'a query past the cost limit',
    query: costly,
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: /costs \d+, above the limit/,
  },
  { name: 'too many tokens', query: manyTokens, code: 'GRAPHQL_PARSE_FAILED', message: /tokens/i },
  { name: 'a syntax error', query: '{ viewer { ', code: 'GRAPHQL_PARSE_FAILED', message: /Syntax/ },
  {
    name: 'an unknown enum value',
    query: badEnum,
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: /LOST/,
  },
  {
    name: 'a selection nested too deep',
    query: deep,
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: /depth/i,
  },
  {
    name: 'an unnamed subscription with an operationName',
    query: unnamedSubscription,
    operationName: 'Progress',
    code: 'OPERATION_RESOLUTION_FAILURE',
    message: /^Unknown operation named "Progress"\.$/,
  },
  {
    name: 'two operations and no operationName',
    query: twoQueries,
    code: 'OPERATION_RESOLUTION_FAILURE',
    message: /Must provide operation name/,
  },
  {
    name: 'an operationName that is not in the document',
    query: twoQueries,
    operationName: 'C',
    code: 'OPERATION_RESOLUTION_FAILURE',
    message: /Unknown operation named "C"/,
  },
  {
    name: 'a list variable of 120,000 enum values (an 840 KB body)',
    query:
      'query S($s: [TicketStatus!]) { tickets(tenantId: "a", filter: { status: $s }) { totalCount } }',
    variables: { s: Array(120_000).fill('OPEN') },
    code: 'BAD_USER_INPUT',
    message: /Variable "\$s" holds 120000 items; it may hold at most 3\./,
  },
  {
    name: 'a variable of the wrong type',
    query: pageOf,
    variables: { first: 'ten' },
    code: 'BAD_USER_INPUT',
    message: /Variable "\$first" got invalid value "ten"/,
  },
];

type PublicError = { message: string; code: unknown };

async function overHttp(t: TestGateway, operation: BadOperation): Promise<PublicError[]> {
  const response = await fetch(t.gateway.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${t.adminKey}` },
    body: JSON.stringify(operation),
  });
  const body = (await response.json()) as { data?: unknown; errors?: any[] };
  expect(body.data ?? null).toBeNull();
  return (body.errors ?? []).map((e) => ({ message: e.message, code: e.extensions?.code }));
}

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

describe('one set of request rules on HTTP and WebSocket', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ label: 'limits' });
  });
  afterAll(async () => {
    await t.stop();
  });

  it.each(cases.map((c) => [c.name, c] as const))(
    'answers %s with the same typed error on both transports',
    async (_, operation) => {
      const http = await overHttp(t, operation);
      const ws = await overWebSocket(t, operation);
      expect(new Set(http.map((e) => e.code))).toEqual(new Set([operation.code]));
      expect(http.some((e) => operation.message.test(e.message))).toBe(true);
      expect(ws).toEqual(http);
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

  it('lets a page of 100 tickets with their recent history through, and keeps serving after rejections', async () => {
    const ok = await t.graphql(
      `{ tickets(tenantId: "tenant_a", first: 100) { edges { node { id history(first: 20) { edges { node { changes { field } } } } } } } }`,
    );
    expect(ok.body.errors).toBeUndefined();
    expect((await t.graphql('{ viewer { isAdmin } }')).body.data).toEqual({
      viewer: { isAdmin: true },
    });
  });
});
