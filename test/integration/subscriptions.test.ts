import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateApiKeyDocument, StartIngestionDocument } from '../generated/graphql.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { startRun, waitForRun } from '../support/ingestion.js';
import { startReplicaPair, type ReplicaPair } from '../support/main-process.js';
import { collect, wsClient } from '../support/ws.js';

const PROGRESS = `subscription($runId: ID!) {
  ingestionProgress(runId: $runId) { id status progress { processedPages totalPages percent } }
}`;

interface ProgressEvent {
  ingestionProgress: {
    id: string;
    status: string;
    progress: { processedPages: number; totalPages: number | null };
  };
}

describe('ingestionProgress over graphql-ws', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({
      label: 'subscriptions',
      mock: { tickets: 1500, pageLatencyMs: 120 },
    });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('emits on progress changes and once at the end, then completes', async () => {
    const started = await startRun(t, { tenantId: 'tenant_a' });
    const client = wsClient(t.gateway.wsUrl, t.adminKey);
    try {
      const { results, error } = await collect<ProgressEvent>(client, PROGRESS, {
        runId: started.run!.id,
      });
      expect(error).toBeNull();
      const events = results.map((r) => r.data!.ingestionProgress);
      expect(events.length).toBeGreaterThan(3);
      const pages = events.map((e) => e.progress.processedPages);
      expect(pages).toEqual([...pages].sort((a, b) => a - b));
      expect(events.at(-1)!.status).toBe('SUCCEEDED');
      expect(events.slice(0, -1).every((e) => e.status !== 'SUCCEEDED')).toBe(true);
      expect(events.at(-1)!.progress.processedPages).toBe(events.at(-1)!.progress.totalPages);
    } finally {
      await client.dispose();
    }
  });

  it("answers NOT_FOUND for another tenant's run and for unknown runs, alike", async () => {
    const started = await startRun(t, { tenantId: 'tenant_b' });
    const key = await t.graphql(CreateApiKeyDocument, {
      input: { name: 'c-live', tenantId: 'tenant_c' },
    });
    const client = wsClient(t.gateway.wsUrl, key.body.data!.createApiKey.secret!);
    try {
      for (const runId of [
        started.run!.id,
        Buffer.from('IngestionRun:6500000000000000000000ff').toString('base64url'),
      ]) {
        const { results } = await collect(client, PROGRESS, { runId });
        expect(results).toHaveLength(1);
        expect(results[0]!.data ?? null).toBeNull();
        expect(results[0]!.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
        expect(JSON.stringify(results[0])).not.toContain('tenant_b');
      }
    } finally {
      await client.dispose();
    }
    await waitForRun(t, started.run!.id);
  });

  it('stops watching when a client disconnects mid-subscription, and keeps serving', async () => {
    const started = await startRun(t, { tenantId: 'tenant_d' });
    const client = wsClient(t.gateway.wsUrl, t.adminKey);
    let firstEvent: () => void = () => {};
    const gotOne = new Promise<void>((resolve) => (firstEvent = resolve));
    void collect(client, PROGRESS, { runId: started.run!.id }, () => firstEvent());
    await gotOne;
    expect(t.runtime.runFeed.watchedRuns).toBe(1);
    await client.dispose();
    for (let i = 0; i < 50 && t.runtime.runFeed.watchedRuns > 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(t.runtime.runFeed.watchedRuns).toBe(0);
    const run = await waitForRun(t, started.run!.id);
    expect(run.status).toBe('SUCCEEDED');
  });

  it("by tenantId, an admin follows a sweep that ingests the tenant (a first start's)", async () => {
    const client = wsClient(t.gateway.wsUrl, t.adminKey);
    try {
      const watching = collect<ProgressEvent>(
        client,
        `subscription { ingestionProgress(tenantId: "tenant_c") { id status progress { processedPages totalPages percent } } }`,
        {},
      );
      const sweep = await startRun(t, { allTenants: true });
      expect(sweep.userErrors).toEqual([]);
      const { results, error } = await watching;
      expect(error).toBeNull();
      const events = results.map((r) => r.data!.ingestionProgress);
      expect(new Set(events.map((e) => e.id))).toEqual(new Set([sweep.run!.id]));
      expect(events.at(-1)!.status).toBe('SUCCEEDED');
    } finally {
      await client.dispose();
    }
  });
});

describe('ingestionProgress when the run executes on another process', () => {
  const ADMIN_API_KEY = 'tgw_subscription-admin-key-0123456789';
  let pair: ReplicaPair;
  beforeAll(async () => {
    pair = await startReplicaPair({
      label: 'subscriptions_2p',
      adminKey: ADMIN_API_KEY,
      mock: { tickets: 1500, pageLatencyMs: 120 },
    });
  });
  afterAll(async () => {
    await pair?.stop();
  });

  it('delivers every progress change and the end to a subscriber on the other process', async () => {
    const { a, b } = pair;
    const started = await a.graphql(
      StartIngestionDocument,
      { input: { tenantId: 'tenant_a' } },
      ADMIN_API_KEY,
    );
    const client = wsClient(b.url.replace(/^http/, 'ws') + '/graphql', ADMIN_API_KEY);
    try {
      const { results, error } = await collect<ProgressEvent>(client, PROGRESS, {
        runId: started.body.data!.startIngestion.run!.id,
      });
      expect(error).toBeNull();
      const events = results.map((r) => r.data!.ingestionProgress);
      expect(events.length).toBeGreaterThan(3);
      expect(events.at(-1)!.status).toBe('SUCCEEDED');
    } finally {
      await client.dispose();
    }
  });

  it("follows a tenant's next run, and its current one, by tenantId alone, from the other process", async () => {
    const { a, b } = pair;
    const byTenant = `subscription($tenantId: String) {
      ingestionProgress(tenantId: $tenantId) { id status progress { processedPages totalPages percent } }
    }`;
    const client = wsClient(b.url.replace(/^http/, 'ws') + '/graphql', ADMIN_API_KEY);
    try {
      // Before the run exists: the subscription waits for the tenant's next run.
      const next = collect<ProgressEvent>(client, byTenant, { tenantId: 'tenant_b' });
      const started = await a.graphql(
        StartIngestionDocument,
        { input: { tenantId: 'tenant_b' } },
        ADMIN_API_KEY,
      );
      const runId = started.body.data!.startIngestion.run!.id;
      // While it runs: the subscription follows it at once.
      const current = collect<ProgressEvent>(client, byTenant, { tenantId: 'tenant_b' });
      for (const { results, error } of await Promise.all([next, current])) {
        expect(error).toBeNull();
        const events = results.map((r) => r.data!.ingestionProgress);
        expect(new Set(events.map((e) => e.id))).toEqual(new Set([runId]));
        expect(events.at(-1)!.status).toBe('SUCCEEDED');
      }
      const both = await collect(
        client,
        byTenant.replace('tenantId: $tenantId', 'tenantId: $tenantId, runId: "x"'),
        { tenantId: 'tenant_b' },
      );
      expect(both.results[0]!.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    } finally {
      await client.dispose();
    }
  });
});

describe("ingestionProgress while the provider's rate window refills", () => {
  let t: TestGateway;
  beforeAll(async () => {
    // Two calls per 3 s: a run of seven calls waits twice, for seconds each time.
    t = await startTestGateway({
      label: 'subscriptions_wait',
      env: { PROVIDER_RATE_LIMIT: '2', PROVIDER_RATE_WINDOW_MS: '3000' },
      mock: { tickets: 600, rateLimit: 100 },
    });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('says the run waits for the provider, and until when, then clears it', async () => {
    const client = wsClient(t.gateway.wsUrl, t.adminKey);
    try {
      const watching = collect<{
        ingestionProgress: { status: string; progress: { waitingForProviderUntil: string | null } };
      }>(
        client,
        `subscription { ingestionProgress(tenantId: "tenant_a") {
          status progress { waitingForProviderUntil } } }`,
        {},
        undefined,
      );
      const startedAt = Date.now();
      await startRun(t, { tenantId: 'tenant_a' });
      const { results, error } = await watching;
      expect(error).toBeNull();
      const events = results.map((r) => r.data!.ingestionProgress);
      const waits = events
        .map((e) => e.progress.waitingForProviderUntil)
        .filter((until): until is string => until !== null);
      expect(waits.length).toBeGreaterThan(0);
      // Within the run, and no later than one window ahead.
      for (const until of waits) {
        expect(Date.parse(until)).toBeGreaterThan(startedAt);
        expect(Date.parse(until)).toBeLessThanOrEqual(Date.now() + 3000);
      }
      expect(events.at(-1)).toEqual({
        status: 'SUCCEEDED',
        progress: { waitingForProviderUntil: null },
      });
    } finally {
      await client.dispose();
    }
  }, 60_000);
});
