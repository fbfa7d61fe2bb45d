import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestionRunDocument, StartIngestionDocument } from '../generated/graphql.js';
import { startTestMock } from '../../mock-external-api/test/helpers.js';
import { startEmbeddedMongo } from '../../src/dev/embedded-mongo.js';
import {
  registerTenants,
  startMainProcess,
  startReplicaPair,
  type ReplicaPair,
} from '../support/main-process.js';
import { eventually } from '../support/eventually.js';
import { wsClient, collect } from '../support/ws.js';

const ADMIN_API_KEY = 'tgw_shutdown-admin-key-0123456789';

describe('graceful shutdown on SIGTERM', () => {
  let pair: ReplicaPair;
  beforeAll(async () => {
    pair = await startReplicaPair({
      label: 'shutdown',
      adminKey: ADMIN_API_KEY,
      mock: { tickets: 3000, pageLatencyMs: 150 },
    });
  });
  afterAll(async () => {
    await pair?.stop();
  });

  it('ends a running run with a clear status, frees its lock at once, and closes sockets with 1001', async () => {
    const { a, b } = pair;
    const started = await a.graphql(
      StartIngestionDocument,
      { input: { tenantId: 'tenant_a' } },
      ADMIN_API_KEY,
    );
    const runId = started.body.data!.startIngestion.run!.id;
    await eventually(
      async () =>
        (await b.graphql(IngestionRunDocument, { id: runId }, ADMIN_API_KEY)).body.data!
          .ingestionRun!.progress.processedPages,
      (pages) => pages >= 2,
      60_000,
    );
    let closeCode = 0;
    const client = wsClient(a.url.replace(/^http/, 'ws') + '/graphql', ADMIN_API_KEY);
    client.on('closed', (event) => (closeCode = (event as { code: number }).code));
    let subscribed: () => void = () => {};
    const firstEvent = new Promise<void>((resolve) => (subscribed = resolve));
    const watching = collect(
      client,
      'subscription($id: ID!) { ingestionProgress(runId: $id) { status } }',
      { id: runId },
      () => subscribed(),
    );
    await firstEvent;

    expect(await a.stop('SIGTERM')).toBe(0);
    await watching;
    expect(closeCode).toBe(1001);

    const run = (await b.graphql(IngestionRunDocument, { id: runId }, ADMIN_API_KEY)).body.data!
      .ingestionRun!;
    expect(run.status).toBe('FAILED');
    expect(run.error).toMatch(/Interrupted: the gateway process shut down/);
    expect(run.finishedAt).not.toBeNull();
    // The lock was released, not left to expire: another replica starts at once.
    const next = await b.graphql(
      StartIngestionDocument,
      { input: { tenantId: 'tenant_a' } },
      ADMIN_API_KEY,
    );
    expect(next.body.data!.startIngestion.userErrors).toEqual([]);
  });
});

describe('shutdown while MongoDB is down', () => {
  it('exits within SHUTDOWN_TIMEOUT_MS, naming what it could not finish', async () => {
    const engine = await startEmbeddedMongo();
    const mock = await startTestMock({ tickets: 3000, pageLatencyMs: 150 });
    const main = await startMainProcess({
      MONGODB_URI: engine.uri,
      PROVIDER_URL: mock.url,
      ADMIN_API_KEY,
      LOG_LEVEL: 'error',
      SHUTDOWN_TIMEOUT_MS: '3000',
    });
    try {
      await registerTenants(main.url, ADMIN_API_KEY, ['tenant_a']);
      const started = await main.graphql(
        StartIngestionDocument,
        { input: { tenantId: 'tenant_a' } },
        ADMIN_API_KEY,
      );
      expect(started.body.data!.startIngestion.run).not.toBeNull();
      await engine.stop();
      const signalled = Date.now();
      const code = await main.stop('SIGTERM');
      const tookMs = Date.now() - signalled;
      expect(tookMs).toBeLessThan(3000 + 2000);
      // Finalising the run cannot reach the database: the deadline ends the wait.
      expect(code).toBe(1);
      expect(main.output.join('\n')).toMatch(/shutdown deadline passed/);
    } finally {
      await main.stop('SIGKILL');
      await mock.close();
      await engine.stop();
    }
  }, 60_000);
});
