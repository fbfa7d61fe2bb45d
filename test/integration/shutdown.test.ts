import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockProvider } from '../../mock-external-api/src/server.js';
import { startTestMock } from '../../mock-external-api/test/helpers.js';
import { IngestionRunDocument, StartIngestionDocument } from '../generated/graphql.js';
import { sharedMongoUri, uniqueDatabaseName } from '../support/databases.js';
import { startMainProcess, type MainProcess } from '../support/main-process.js';
import { wsClient, collect } from '../support/ws.js';

const ADMIN_API_KEY = 'tgw_shutdown-admin-key-0123456789';

describe('graceful shutdown on SIGTERM', () => {
  let mock: MockProvider;
  let a: MainProcess;
  let b: MainProcess;
  beforeAll(async () => {
    mock = await startTestMock({ tickets: 3000, pageLatencyMs: 150 });
    const env = {
      MONGODB_URI: sharedMongoUri(),
      MONGODB_DB: uniqueDatabaseName('shutdown'),
      PROVIDER_URL: mock.url,
      ADMIN_API_KEY,
      PROVIDER_RATE_LIMIT: '0',
    };
    [a, b] = await Promise.all([startMainProcess(env), startMainProcess(env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await mock?.close();
  });

  it('ends a running run with a clear status, frees its lock at once, and closes sockets with 1001', async () => {
    const started = await a.graphql(
      StartIngestionDocument,
      { input: { tenantId: 'tenant_a' } },
      ADMIN_API_KEY,
    );
    const runId = started.body.data!.startIngestion.run!.id;
    for (;;) {
      const run = (await b.graphql(IngestionRunDocument, { id: runId }, ADMIN_API_KEY)).body.data!
        .ingestionRun!;
      if (run.progress.processedPages >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
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
