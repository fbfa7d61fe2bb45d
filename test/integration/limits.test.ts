import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, startTestGateway, type TestGateway } from '../support/gateway.js';
import { collect, wsClient } from '../support/ws.js';

const aliasQuery = (n: number) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: viewer { isAdmin }`).join(' ')} }`;
const costly = `{ tickets(tenantId: "tenant_a", first: 100) { nodes { history(first: 100) { nodes { changes { field } } } } } }`;
const manyTokens = `{ viewer { ${'isAdmin '.repeat(6000)} } }`;
const badEnum = '{ tickets(tenantId: "a", filter: { status: [LOST] }) { totalCount } }';
// The schema has no cycles, so only made-up fields nest this deep; the depth rule still fires.
const deep = `{ viewer { ${'a { '.repeat(12)}b${' }'.repeat(12)} } }`;

const cases: [string, string, string, RegExp][] = [
  // 2,000 aliases are over the token limit already: parsing stops before building them all.
  ['2,000 aliases', aliasQuery(2000), 'GRAPHQL_PARSE_FAILED', /tokens/i],
  ['40 aliases', aliasQuery(40), 'GRAPHQL_VALIDATION_FAILED', /aliases/i],
  [
    'a query past the cost limit',
    costly,
    'GRAPHQL_VALIDATION_FAILED',
    /costs \d+, above the limit/,
  ],
  ['a document of too many tokens', manyTokens, 'GRAPHQL_PARSE_FAILED', /tokens/i],
  ['an unknown enum value', badEnum, 'GRAPHQL_VALIDATION_FAILED', /LOST/],
  ['a selection nested too deep', deep, 'GRAPHQL_VALIDATION_FAILED', /depth/i],
];

describe('request limits over HTTP and WebSocket', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ label: 'limits' });
  });
  afterAll(async () => {
    await t.stop();
  });

  it.each(cases)('rejects %s over HTTP with a typed error', async (_, query, code, message) => {
    const response = await t.graphql(query);
    expect(response.body.data).toBeUndefined();
    expect(new Set(errorCodes(response))).toEqual(new Set([code]));
    expect(response.body.errors!.some((e) => message.test(e.message))).toBe(true);
  });

  it.each(cases)(
    'rejects %s over WebSocket with a typed error',
    async (_, query, code, message) => {
      const client = wsClient(t.gateway.wsUrl, t.adminKey);
      try {
        const { error, results } = await collect(client, query);
        expect(results).toEqual([]);
        const errors = error as { message: string; extensions: { code: string } }[];
        expect(new Set(errors.map((e) => e.extensions.code))).toEqual(new Set([code]));
        expect(errors.some((e) => message.test(e.message))).toBe(true);
      } finally {
        await client.dispose();
      }
    },
  );

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
