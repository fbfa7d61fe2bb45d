import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/dev/embedded-mongo.js';
import { IngestionRunDocument, TicketsDocument } from '../generated/graphql.js';
import { eventually } from '../support/eventually.js';
import { errorCodes, startTestGateway, type TestGateway } from '../support/gateway.js';
import { ingest, startRun } from '../support/ingestion.js';

/** The database (a persistent embedded engine) dies in the middle of a run and comes back. */
describe('the database killed and restarted mid-run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'engine-h2-'));
  const file = join(dir, 'gateway.mv');
  let engine: EmbeddedMongo;
  let t: TestGateway;
  beforeAll(async () => {
    engine = await startEmbeddedMongo({ file });
    t = await startTestGateway({
      label: 'db_restart',
      mongoUri: engine.uri,
      mock: { tickets: 3000, pageLatencyMs: 150 },
      env: { INGESTION_LOCK_TTL_MS: '6000' },
    });
  });
  afterAll(async () => {
    await t.stop();
    await engine.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers typed errors while down, ends the run FAILED, and a new run leaves no duplicate or lost ticket', async () => {
    const started = await startRun(t, { tenantId: 'tenant_a' });
    const runId = started.run!.id;
    await eventually(
      () => t.graphql(IngestionRunDocument, { id: runId }),
      (r) => (r.body.data?.ingestionRun?.progress.processedPages ?? 0) >= 3,
      30_000,
    );
    await engine.stop();

    const down = await t.graphql(TicketsDocument, { tenantId: 'tenant_a', first: 1 });
    expect(errorCodes(down)).toEqual(['SERVICE_UNAVAILABLE']);
    expect((await fetch(`${t.gateway.url}/health`)).status).toBe(503);

    engine = await startEmbeddedMongo({ port: engine.port, file });
    await eventually(
      () => fetch(`${t.gateway.url}/health`),
      (r) => r.status === 200,
      30_000,
    );
    const dead = await eventually(
      () => t.graphql(IngestionRunDocument, { id: runId }),
      (r) => r.body.data?.ingestionRun?.finishedAt != null,
      90_000,
    );
    expect(dead.body.data!.ingestionRun!.status).toBe('FAILED');
    // It says what happened: the process lived on, the database went away.
    expect(dead.body.data!.ingestionRun!.error).toMatch(/^The database became unreachable/);

    const again = await eventually(
      () => ingest(t, 'tenant_a'),
      (run) => run.status === 'SUCCEEDED',
      60_000,
    );
    expect(again.progress.failed).toBe(0);
    const visible = t.mock.store
      .page(1, 100_000, false)
      .tickets.filter((x) => x.tenant_id === 'tenant_a').length;
    expect(await t.db.models.tickets.countDocuments({ tenantId: 'tenant_a' })).toBe(visible);
    const ids = await t.db.models.tickets.distinct('externalId', { tenantId: 'tenant_a' });
    expect(ids).toHaveLength(visible);
  }, 180_000);
});
