import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

/** Hardening round 3 (issue 22): callers without a (valid) key are budgeted per address. */
describe('callers without a valid key', () => {
  let t: TestGateway;
  let lookups = 0;
  beforeAll(async () => {
    t = await startTestGateway({
      label: 'security_strangers',
      mock: { tickets: 0 },
      env: { GRAPHQL_INTROSPECTION: 'true', TRUST_PROXY_HOPS: '1' },
    });
    const client = t.db.connection.getClient();
    client.on('commandStarted', (event) => {
      if (event.commandName === 'find' && event.command.find === 'api_keys') lookups += 1;
    });
  });
  afterAll(async () => {
    await t?.stop();
  });

  /** A request from `address` (the one trusted proxy in front says so). */
  const from = (address: string, query: string, key: string | null) =>
    fetch(t.gateway.graphqlUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': address,
        ...(key === null ? {} : { authorization: `Bearer ${key}` }),
      },
      body: JSON.stringify({ query }),
    });

  it('2: introspection in 30 aliases never runs; plain introspection is served, then budgeted', async () => {
    // The attack: the full __schema selection of GraphiQL's query, 30 times.
    const standard = getIntrospectionQuery();
    const start = standard.indexOf('__schema');
    let depth = 0;
    let end = standard.indexOf('{', start);
    do {
      if (standard[end] === '{') depth += 1;
      if (standard[end] === '}') depth -= 1;
      end += 1;
    } while (depth > 0);
    const schema = standard.slice(start, end);
    const fragments = standard.slice(standard.indexOf('fragment'));
    const aliased = `query { ${Array.from({ length: 30 }, (_, i) => `a${i}: ${schema}`).join(' ')} } ${fragments}`;
    const started = Date.now();
    const refused = await from('203.0.113.1', aliased, null);
    expect(refused.status).toBe(400);
    const { errors } = (await refused.json()) as any;
    expect(errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(errors[0].message).toMatch(/at most 300 points/);
    expect(Date.now() - started).toBeLessThan(1000);

    // GraphiQL's own query is served, a few times at once, and then the address waits.
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await from('203.0.113.2', getIntrospectionQuery(), null)).status);
    expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200]);
    expect(statuses).toContain(429);
    // Another address is not affected.
    expect((await from('203.0.113.3', getIntrospectionQuery(), null)).status).toBe(200);
  });

  it('11: a flood of bad keys is refused per address and mostly never reaches the database', async () => {
    const before = lookups;
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        from('198.51.100.7', '{ viewer { keyName } }', `tgw_bad-${i}`),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(31);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(69);
    expect(lookups - before).toBeLessThanOrEqual(31);
    // One bad key repeated is looked up once (from another address, with budget left).
    const repeated = lookups;
    for (let i = 0; i < 5; i++)
      await from('198.51.100.8', '{ viewer { keyName } }', 'tgw_same-bad-key');
    expect(lookups - repeated).toBe(1);
    // A valid key from a fresh address is served; once it has authenticated, it is served
    // from the flooded address too (its other users keep working).
    expect((await from('198.51.100.9', '{ viewer { keyName } }', t.adminKey)).status).toBe(200);
    expect((await from('198.51.100.7', '{ viewer { keyName } }', t.adminKey)).status).toBe(200);
  });

  it('11: WebSocket handshakes with bad keys draw on the same budget', async () => {
    const before = lookups;
    const closes = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const socket = new WebSocket(t.gateway.wsUrl, 'graphql-transport-ws', {
          headers: { 'x-forwarded-for': '192.0.2.44' },
        });
        socket.on('open', () =>
          socket.send(
            JSON.stringify({
              type: 'connection_init',
              payload: { authorization: `Bearer tgw_ws-bad-${i}` },
            }),
          ),
        );
        return new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
      }),
    );
    // Unknown keys (4401) until the address is spent (4029); never a lookup each.
    expect(closes.every((code) => code === 4401 || code === 4029)).toBe(true);
    expect(closes).toContain(4029);
    expect(lookups - before).toBeLessThanOrEqual(30);
  });
});
