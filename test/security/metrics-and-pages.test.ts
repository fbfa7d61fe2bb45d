import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

/** Hardening round 3 (issue 22): what anyone can reach without a key. */
describe('the metrics and the pages, as strangers reach them', () => {
  let t: TestGateway;
  beforeAll(async () => {
    // The strangers come from many addresses (as one trusted proxy in front would say).
    t = await startTestGateway({
      label: 'security_metrics',
      mock: { tickets: 0 },
      env: { TRUST_PROXY_HOPS: '1' },
    });
  });
  afterAll(async () => {
    await t?.stop();
  });

  const operationLabels = (metrics: string) =>
    new Set(
      [
        ...metrics.matchAll(/graphql_operation_duration_seconds_count\{[^}]*operation="([^"]*)"/g),
      ].map((match) => match[1]),
    );

  it('1: 25,000 distinct operation names leave /metrics small, its labels a bounded set', async () => {
    const before = (await (await fetch(`${t.gateway.url}/metrics`)).text()).length;
    /** Request n comes from its own address. */
    const send = (name: string, key: string | null, n: number) =>
      fetch(t.gateway.graphqlUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
          ...(key === null ? {} : { authorization: `Bearer ${key}` }),
        },
        body: JSON.stringify({ query: `query ${name} { __typename }` }),
      });
    // Strangers (no key), 100 at a time, then a key's own 300 names.
    for (let i = 0; i < 25_000; i += 100)
      await Promise.all(Array.from({ length: 100 }, (_, j) => send(`Op_${i + j}_x`, null, i + j)));
    for (let i = 0; i < 300; i += 50)
      await Promise.all(
        Array.from({ length: 50 }, (_, j) => send(`Mine_${i + j}`, t.adminKey, 30_000 + i + j)),
      );
    const metrics = await (await fetch(`${t.gateway.url}/metrics`)).text();
    expect(metrics.length).toBeLessThan(200_000);
    expect(metrics.length - before).toBeLessThan(150_000);
    const labels = operationLabels(metrics);
    expect(labels.has('unauthenticated')).toBe(true);
    expect(labels.has('other')).toBe(true);
    expect([...labels].filter((label) => label!.startsWith('Op_'))).toEqual([]);
    expect(labels.size).toBeLessThanOrEqual(50 + 3);
  }, 120_000);

  it('1: /metrics is open to a scraper, not to a scrape loop', async () => {
    const scrape = () =>
      fetch(`${t.gateway.url}/metrics`, { headers: { 'x-forwarded-for': '192.0.2.99' } });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await scrape()).status);
    expect(statuses).toEqual(Array(30).fill(200));
    // The loop goes on at once: refused (each refusal is held about a second).
    const loop = await Promise.all(Array.from({ length: 10 }, scrape));
    expect(loop.map((response) => response.status)).toContain(429);
    expect(loop.find((response) => response.status === 429)?.headers.get('retry-after')).toMatch(
      /^[12]$/,
    );
  });

  it('1: unmatched paths share one route label', async () => {
    for (let i = 0; i < 20; i++) await fetch(`${t.gateway.url}/nowhere-${i}`);
    const metrics = await (await fetch(`${t.gateway.url}/metrics`)).text();
    expect(metrics).not.toMatch(/route="\/nowhere-/);
    expect(metrics).toMatch(/route="unmatched"/);
  });

  it('10: the pages may not be framed, sniffed or leak their address', async () => {
    const pages = [
      fetch(`${t.gateway.url}/dashboard`),
      fetch(t.gateway.graphqlUrl, { headers: { accept: 'text/html' } }),
    ];
    for (const page of await Promise.all(pages)) {
      expect(page.status, page.url).toBe(200);
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(csp).toMatch(/script-src 'self'/);
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      expect(page.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    }
  });
});
