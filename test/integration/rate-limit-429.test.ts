import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busiestWindow } from '../support/rate-window.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { ingest } from '../support/ingestion.js';

/**
 * The gateway believes in 60 calls per minute but the mock allows 15: it meets 429s and
 * must wait each Retry-After out before calling again. Takes a little over a minute.
 */
describe('a provider stricter than the configured budget', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({
      label: 'rate_429',
      mock: { tickets: 2000, rateLimit: 15 },
      env: { PROVIDER_RATE_LIMIT: '60' },
    });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('still succeeds, and no call follows a 429 before its Retry-After ran out', async () => {
    const run = await ingest(t, 'tenant_c', { timeoutMs: 140_000 });
    expect(run.status).toBe('SUCCEEDED');
    expect(run.progress.rateLimitWaits).toBeGreaterThan(0);
    const calls = [...t.mock.calls].sort((x, y) => x.at - y.at);
    const limited = calls.filter((c) => c.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    for (const rejection of limited) {
      const resumeAt = rejection.at + rejection.retryAfter! * 1000;
      const early = calls.filter((c) => c.at > rejection.at && c.at < resumeAt);
      expect(early, `calls within Retry-After of the 429 at ${rejection.at}`).toEqual([]);
    }
    expect(busiestWindow(calls.filter((c) => c.status !== 429))).toBeLessThanOrEqual(15);
  }, 150_000);
});
