import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoBudgetLedger } from '../../src/infra/mongo/key-budget.repository.js';
import { CreateApiKeyDocument } from '../generated/graphql.js';
import { sharedMongoUri } from '../support/databases.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { startReplicaPair, type ReplicaPair } from '../support/main-process.js';
import { startStack, type Stack } from '../support/stack.js';
import { collect, wsClient } from '../support/ws.js';

/** Small budgets, so a test can spend one: 2,000 points, one back per second, 2 at once. */
const BUDGET_ENV = {
  KEY_BUDGET_POINTS: '2000',
  KEY_BUDGET_RESTORE_PER_SECOND: '1',
  KEY_MAX_CONCURRENT_REQUESTS: '2',
};

const RATE_LIMIT = '{ rateLimit { cost limit remaining resetAt restorePerSecond maxConcurrent } }';

/** Costs 3 × (100 for tenantStats + 1 for byStatus) = 303 points; asOf varies the work. */
const STATS_X3 = `{
  a: tenantStats(asOf: "2026-01-01T00:00:00Z") { totalTickets byStatus { count } }
  b: tenantStats(asOf: "2026-02-01T00:00:00Z") { totalTickets byStatus { count } }
  c: tenantStats(asOf: "2026-03-01T00:00:00Z") { totalTickets byStatus { count } }
}`;

describe('query-cost budgets per key, shared by replicas', () => {
  let t: TestGateway;
  let replica: Stack;
  beforeAll(async () => {
    t = await startTestGateway({ label: 'key_budgets', env: BUDGET_ENV });
    replica = await startStack({
      mongoUri: sharedMongoUri(),
      dbName: t.db.connection.name,
      env: { NODE_ENV: 'test', ...BUDGET_ENV },
    });
  });
  afterAll(async () => {
    await replica.stop();
    await t.stop();
  });

  async function tenantKey(name: string): Promise<string> {
    // Created on the replica: its bootstrap admin key is the database's current one.
    const created = await replica.graphql(CreateApiKeyDocument, {
      input: { name, tenantId: 'tenant_a' },
    });
    return created.body.data!.createApiKey.secret!;
  }

  it('weighs tenantStats by its database work', async () => {
    const key = await tenantKey('weights');
    const response = await t.graphql(STATS_X3, {}, key);
    expect(response.body.errors).toBeUndefined();
    expect(response.headers.get('x-ratelimit-cost')).toBe('303');
  });

  it('throttles a key across both replicas with RATE_LIMITED and Retry-After, on HTTP and WebSocket', async () => {
    const key = await tenantKey('spender');
    // 6 × 303 = 1,818 of 2,000 points, spent alternately on the two replicas.
    for (let i = 0; i < 6; i++) {
      const response = await (i % 2 === 0 ? t : replica).graphql(STATS_X3, {}, key);
      expect(response.status).toBe(200);
    }
    const refused = await replica.graphql(STATS_X3, {}, key);
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      reason: 'BUDGET',
    });
    const retryAfter = Number(refused.headers.get('retry-after'));
    // 303 wanted, at most 182 + a few restored left: about two minutes at a point a second.
    expect(retryAfter).toBeGreaterThan(100);
    expect(retryAfter).toBeLessThanOrEqual(130);
    expect(refused.body.errors?.[0]?.extensions?.retryAfter).toBe(retryAfter);
    expect(Number(refused.headers.get('x-ratelimit-remaining'))).toBeLessThan(303);
    // Retry-After binds the key on this replica: a cheap query is refused until then too,
    // before its body is even parsed.
    const cheap = await replica.graphql('{ viewer { keyName } }', {}, key);
    expect(cheap.status).toBe(429);
    expect(Number(cheap.headers.get('retry-after'))).toBeGreaterThan(100);

    const client = wsClient(t.gateway.wsUrl, key);
    const overWs = await collect(client, STATS_X3);
    expect(overWs.results).toEqual([]);
    const [error] = overWs.error as { extensions?: Record<string, unknown> }[];
    expect(error?.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'BUDGET' });
    expect(error?.extensions?.retryAfter).toBeGreaterThan(100);
    await client.dispose();
  });

  it('charges a request its resolvers refuse one point, on HTTP and WebSocket', async () => {
    // A page above the maximum is priced as a full page (101 points), then refused.
    const tooBig = '{ tickets(first: 1000) { nodes { id } } }';
    const key = await tenantKey('refused');
    const refused = await t.graphql(tooBig, {}, key);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.headers.get('x-ratelimit-cost')).toBe('1');
    expect(refused.body.extensions?.cost).toMatchObject({ requestedQueryCost: 1 });
    const after = await replica.graphql(RATE_LIMIT, {}, key);
    const left = (after.body.data as { rateLimit: { remaining: number } }).rateLimit.remaining;
    expect(left).toBeGreaterThanOrEqual(1997);

    const wsKey = await tenantKey('refused-ws');
    const client = wsClient(replica.gateway.wsUrl, wsKey);
    const overWs = await collect(client, tooBig);
    expect(overWs.results[0]?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const { results } = await collect(client, RATE_LIMIT);
    const wsLeft = (results[0]?.data as { rateLimit: { remaining: number } }).rateLimit.remaining;
    expect(wsLeft).toBeGreaterThanOrEqual(1997);
    await client.dispose();

    // The admin's tenantStats without a tenant is refused the same way.
    const noTenant = await replica.graphql('{ tenantStats { totalTickets } }');
    expect(noTenant.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(noTenant.headers.get('x-ratelimit-cost')).toBe('1');
  });

  it('charges WebSocket operations and reports the cost in their extensions', async () => {
    const key = await tenantKey('ws-reporting');
    const client = wsClient(replica.gateway.wsUrl, key);
    const { results } = await collect(client, RATE_LIMIT);
    expect(results[0]?.data).toMatchObject({ rateLimit: { cost: 1, remaining: 1999 } });
    expect((results[0]?.extensions as { cost?: unknown } | undefined)?.cost).toMatchObject({
      requestedQueryCost: 1,
    });
    await client.dispose();
  });

  it('refuses requests beyond the concurrency cap, and admits them again after', async () => {
    const key = await tenantKey('parallel');
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => t.graphql(STATS_X3.replace(/b:.*\n|c:.*\n/g, ''), {}, key)),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses).toContain(200);
    const refused = responses.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      expect(r.body.errors?.[0]?.extensions).toMatchObject({
        code: 'RATE_LIMITED',
        reason: 'CONCURRENCY',
      });
      expect(r.headers.get('retry-after')).toBe('1');
    }
    expect((await t.graphql('{ viewer { keyName } }', {}, key)).status).toBe(200);
  });

  it('grants every spend that fits when many race on a fresh bucket, from two replicas', async () => {
    const ledgers = [t, replica].map((stack) => new MongoBudgetLedger(stack.db.models.keyBudgets));
    const toleranceMs = 10_000;
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        ledgers[i % 2]!.spend('racing-key', {
          now: Date.now(),
          spendMs: 100,
          toleranceMs,
          likelyLive: i % 3 === 0,
        }),
      ),
    );
    expect(outcomes.every((o) => o.granted)).toBe(true);
    const stored = await t.db.models.keyBudgets.findById('racing-key').lean();
    // 30 spends of 100 ms each, on top of the earliest now.
    expect(stored!.tat - Math.min(...outcomes.map((o) => o.tat - 100))).toBeGreaterThanOrEqual(
      2900,
    );
  });
});

describe('one key budget for two gateway processes', () => {
  const ADMIN_API_KEY = 'tgw_budget-processes-admin-key-0123';
  let pair: ReplicaPair;
  beforeAll(async () => {
    pair = await startReplicaPair({
      label: 'budget_processes',
      adminKey: ADMIN_API_KEY,
      mock: { tickets: 10 },
      env: BUDGET_ENV,
    });
  });
  afterAll(async () => {
    await pair?.stop();
  });

  it('refuses on one process, over HTTP and WebSocket, what the key spent on the other', async () => {
    const created = await pair.a.graphql(
      CreateApiKeyDocument,
      { input: { name: 'two-processes', tenantId: 'tenant_a' } },
      ADMIN_API_KEY,
    );
    const key = created.body.data!.createApiKey.secret!;
    const statsX3: TypedDocumentNode<unknown, Record<string, never>> = parse(STATS_X3);
    for (let i = 0; i < 6; i++) expect((await pair.a.graphql(statsX3, {}, key)).status).toBe(200);
    const refused = await pair.b.graphql(statsX3, {}, key);
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(100);

    const client = wsClient(`${pair.a.url.replace(/^http/, 'ws')}/graphql`, key);
    const overWs = await collect(client, STATS_X3);
    const [error] = overWs.error as { extensions?: Record<string, unknown> }[];
    expect(error?.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'BUDGET' });
    expect(error?.extensions?.retryAfter).toBeGreaterThan(100);
    await client.dispose();
  });
});
