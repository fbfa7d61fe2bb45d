import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { ingest } from '../support/ingestion.js';

describe('a broken or hanging provider', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({
      label: 'provider_faults',
      mock: { tickets: 300 },
      env: { PROVIDER_TIMEOUT_MS: '400' },
    });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('fails the run with a clear error when a page has the wrong shape', async () => {
    t.mock.config.brokenPages = true;
    const run = await ingest(t, 'tenant_a');
    t.mock.config.brokenPages = false;
    expect(run.status).toBe('FAILED');
    expect(run.error).toMatch(/Provider page 1 is malformed/);
    expect(await t.db.models.tickets.countDocuments({})).toBe(0);
  });

  it('times out a hanging provider, retries with backoff, then fails the run and audits it', async () => {
    t.mock.config.pageLatencyMs = 5000;
    const run = await ingest(t, 'tenant_a', { timeoutMs: 60_000 });
    t.mock.config.pageLatencyMs = 0;
    expect(run.status).toBe('FAILED');
    expect(run.error).toMatch(/Provider unavailable after 5 attempts .*timed out/i);
    expect(run.finishedAt).not.toBeNull();
    expect((await ingest(t, 'tenant_a')).status).toBe('SUCCEEDED');
  });

  it('answers batched operations (not supported) with a 400 and keeps serving', async () => {
    const response = await fetch(t.gateway.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.adminKey}` },
      body: JSON.stringify([
        { query: '{ viewer { isAdmin } }' },
        { query: '{ viewer { keyName } }' },
      ]),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/batch/i);
    expect((await t.graphql('{ viewer { isAdmin } }')).body.data).toEqual({
      viewer: { isAdmin: true },
    });
  });
});
