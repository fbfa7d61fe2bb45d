import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestionRunDocument, StartIngestionDocument } from '../generated/graphql.js';
import { eventually } from '../support/eventually.js';
import { expectOneWinner } from '../support/ingestion.js';
import { startReplicaPair, type MainProcess, type ReplicaPair } from '../support/main-process.js';

const ADMIN_API_KEY = 'tgw_processes-admin-key-0123456789';
const LOCK_TTL_MS = 6000;

describe('ingestion across two gateway processes', () => {
  let pair: ReplicaPair;
  beforeAll(async () => {
    pair = await startReplicaPair({
      label: 'processes',
      adminKey: ADMIN_API_KEY,
      mock: { tickets: 3000, pageLatencyMs: 150 },
      env: { INGESTION_LOCK_TTL_MS: String(LOCK_TTL_MS) },
    });
  });
  afterAll(async () => {
    await pair?.stop();
  });

  const start = (gateway: MainProcess, tenantId: string) =>
    gateway
      .graphql(StartIngestionDocument, { input: { tenantId } }, ADMIN_API_KEY)
      .then((r) => r.body.data!.startIngestion);
  const run = (gateway: MainProcess, id: string) =>
    gateway
      .graphql(IngestionRunDocument, { id }, ADMIN_API_KEY)
      .then((r) => r.body.data!.ingestionRun!);

  it('yields exactly one run for 20 concurrent starts sent to both processes', async () => {
    const { a, b } = pair;
    const payloads = await Promise.all(
      Array.from({ length: 20 }, (_, i) => start(i % 2 === 0 ? a : b, 'tenant_b')),
    );
    const runId = expectOneWinner(payloads);
    const finished = await eventually(
      () => run(b, runId),
      (r) => r.finishedAt !== null,
      60_000,
    );
    expect(finished.status).toBe('SUCCEEDED');
  });

  it('lets another process take over within the lock expiry after a SIGKILL, and finalises the dead run', async () => {
    const { a, b } = pair;
    const started = await start(a, 'tenant_a');
    const runId = started.run!.id;
    await eventually(
      () => run(b, runId),
      (r) => r.progress.processedPages >= 2,
      30_000,
    );
    await a.stop('SIGKILL');
    const killedAt = Date.now();

    const blocked = await start(b, 'tenant_a');
    expect(blocked.userErrors[0]?.code).toBe('INGESTION_ALREADY_RUNNING');
    expect(blocked.run?.id).toBe(runId);

    const takeover = await eventually(
      () => start(b, 'tenant_a'),
      (p) => p.userErrors.length === 0,
      LOCK_TTL_MS * 3,
    );
    expect(Date.now() - killedAt).toBeLessThan(LOCK_TTL_MS + 3000);
    const dead = await run(b, runId);
    expect(dead.status).toBe('FAILED');
    expect(dead.error).toMatch(/Abandoned/);
    const fresh = await eventually(
      () => run(b, takeover.run!.id),
      (r) => r.finishedAt !== null,
      60_000,
    );
    expect(fresh.status).toBe('SUCCEEDED');
  });
});
