import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockProvider } from '../../mock-external-api/src/server.js';
import { startTestMock } from '../../mock-external-api/test/helpers.js';
import { IngestionRunDocument, StartIngestionDocument } from '../generated/graphql.js';
import { sharedMongoUri, uniqueDatabaseName } from '../support/databases.js';
import { startMainProcess, type MainProcess } from '../support/main-process.js';

const ADMIN_API_KEY = 'tgw_processes-admin-key-0123456789';
const LOCK_TTL_MS = 6000;

/** Two gateway processes on one database and one mock provider, as two replicas would be. */
describe('ingestion across two gateway processes', () => {
  let mock: MockProvider;
  let a: MainProcess;
  let b: MainProcess;
  beforeAll(async () => {
    mock = await startTestMock({ tickets: 3000, pageLatencyMs: 150 });
    const env = {
      MONGODB_URI: sharedMongoUri(),
      MONGODB_DB: uniqueDatabaseName('processes'),
      PROVIDER_URL: mock.url,
      ADMIN_API_KEY,
      PROVIDER_RATE_LIMIT: '0',
      INGESTION_LOCK_TTL_MS: String(LOCK_TTL_MS),
    };
    [a, b] = await Promise.all([startMainProcess(env), startMainProcess(env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await mock?.close();
  });

  const start = (gateway: MainProcess, tenantId: string) =>
    gateway
      .graphql(StartIngestionDocument, { input: { tenantId } }, ADMIN_API_KEY)
      .then((r) => r.body.data!.startIngestion);
  const run = (gateway: MainProcess, id: string) =>
    gateway
      .graphql(IngestionRunDocument, { id }, ADMIN_API_KEY)
      .then((r) => r.body.data!.ingestionRun!);
  async function until<T>(
    probe: () => Promise<T>,
    done: (value: T) => boolean,
    timeoutMs: number,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`timed out: ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('yields exactly one run for 20 concurrent starts sent to both processes', async () => {
    const payloads = await Promise.all(
      Array.from({ length: 20 }, (_, i) => start(i % 2 === 0 ? a : b, 'tenant_b')),
    );
    const winners = payloads.filter((p) => p.userErrors.length === 0);
    expect(winners).toHaveLength(1);
    const runId = winners[0]!.run!.id;
    for (const loser of payloads.filter((p) => p.userErrors.length > 0)) {
      expect(loser.userErrors[0]!.code).toBe('INGESTION_ALREADY_RUNNING');
      expect(loser.run?.id).toBe(runId);
    }
    const finished = await until(
      () => run(b, runId),
      (r) => r.finishedAt !== null,
      60_000,
    );
    expect(finished.status).toBe('SUCCEEDED');
  });

  it('lets another process take over within the lock expiry after a SIGKILL, and finalises the dead run', async () => {
    const started = await start(a, 'tenant_a');
    const runId = started.run!.id;
    await until(
      () => run(b, runId),
      (r) => r.progress.processedPages >= 2,
      30_000,
    );
    await a.stop('SIGKILL');
    const killedAt = Date.now();

    const blocked = await start(b, 'tenant_a');
    expect(blocked.userErrors[0]?.code).toBe('INGESTION_ALREADY_RUNNING');
    expect(blocked.run?.id).toBe(runId);

    const takeover = await until(
      () => start(b, 'tenant_a'),
      (p) => p.userErrors.length === 0,
      LOCK_TTL_MS * 3,
    );
    expect(Date.now() - killedAt).toBeLessThan(LOCK_TTL_MS + 3000);
    const dead = await run(b, runId);
    expect(dead.status).toBe('FAILED');
    expect(dead.error).toMatch(/Abandoned/);
    const fresh = await until(
      () => run(b, takeover.run!.id),
      (r) => r.finishedAt !== null,
      60_000,
    );
    expect(fresh.status).toBe('SUCCEEDED');
  });
});
