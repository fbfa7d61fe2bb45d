import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessGateway, type InProcessGateway } from '../../support/in-process.js';

/** Small budgets, so a test can spend one: 2,000 points, one back per second, 2 at once. */
const BUDGET_ENV = {
  KEY_BUDGET_POINTS: '2000',
  KEY_BUDGET_RESTORE_PER_SECOND: '1',
  KEY_MAX_CONCURRENT_REQUESTS: '2',
};

const RATE_LIMIT = '{ rateLimit { cost limit remaining resetAt restorePerSecond maxConcurrent } }';

/**
 * A key's budget of query cost, in process over the ledger's fake (test/integration/
 * key-budgets.test.ts keeps what needs two replicas, sockets and concurrency).
 */
describe('query-cost budgets per key, in process', () => {
  let g: InProcessGateway;
  beforeAll(async () => {
    g = await inProcessGateway({ env: BUDGET_ENV });
  });
  afterAll(() => g.stop());

  it('reports the cost and what is left in rateLimit, extensions.cost and x-ratelimit headers', async () => {
    const key = await g.tenantKey('tenant_a', 'reporting');
    const response = await g.graphql(RATE_LIMIT, {}, key);
    const rateLimit = (response.body.data as { rateLimit: Record<string, unknown> }).rateLimit;
    expect(rateLimit).toMatchObject({
      cost: 1,
      limit: 2000,
      remaining: 1999,
      restorePerSecond: 1,
      maxConcurrent: 2,
    });
    expect(Date.parse(rateLimit.resetAt as string)).toBeGreaterThan(Date.now());
    expect(response.headers.get('x-ratelimit-limit')).toBe('2000');
    expect(response.headers.get('x-ratelimit-remaining')).toBe('1999');
    expect(response.headers.get('x-ratelimit-cost')).toBe('1');
    expect(Number(response.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect(response.body.extensions?.cost).toMatchObject({
      requestedQueryCost: 1,
      throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1999, restoreRate: 1 },
    });
    const next = await g.graphql(RATE_LIMIT, {}, key);
    expect(next.headers.get('x-ratelimit-remaining')).toBe('1998');
  });

  it('refuses, as invalid, a query that costs more than the whole budget', async () => {
    const key = await g.tenantKey('tenant_a', 'too-costly');
    const aliases = Array.from(
      { length: 21 }, // 21 × 100 points, above the 2,000 of the bucket
      (_, i) =>
        `s${i}: tenantStats(asOf: "2026-01-${String(i + 1).padStart(2, '0')}T00:00:00Z") { totalTickets }`,
    ).join('\n');
    const response = await g.graphql(`{ ${aliases} }`, {}, key);
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.body.errors?.[0]?.message).toMatch(/more than this key's whole budget of 2000/);
  });
});
