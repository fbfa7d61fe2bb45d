import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, startTestGateway, type TestGateway } from '../support/gateway.js';

/** Hardening round 3 (issue 22): what anyone can reach without a key. */
describe('the metrics and the pages, as strangers reach them', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ label: 'security_metrics', mock: { tickets: 0 } });
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
    const send = (name: string, key: string | null) =>
      postGraphQL(t.gateway.graphqlUrl, `query ${name} { __typename }`, undefined, key);
    // Strangers (no key), 50 at a time, then a key's own 300 names.
    for (let i = 0; i < 25_000; i += 100)
      await Promise.all(Array.from({ length: 100 }, (_, j) => send(`Op_${i + j}_x`, null)));
    for (let i = 0; i < 300; i += 50)
      await Promise.all(Array.from({ length: 50 }, (_, j) => send(`Mine_${i + j}`, t.adminKey)));
    const metrics = await (await fetch(`${t.gateway.url}/metrics`)).text();
    expect(metrics.length).toBeLessThan(200_000);
    expect(metrics.length - before).toBeLessThan(150_000);
    const labels = operationLabels(metrics);
    expect(labels.has('unauthenticated')).toBe(true);
    expect(labels.has('other')).toBe(true);
    expect([...labels].filter((label) => label!.startsWith('Op_'))).toEqual([]);
    expect(labels.size).toBeLessThanOrEqual(50 + 3);
  }, 120_000);

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
