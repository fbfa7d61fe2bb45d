import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockProvider } from '../../mock-external-api/src/server.js';
import { startTestMock } from '../../mock-external-api/test/helpers.js';
import { connectDatabase, type Database } from '../../src/infra/mongo/database.js';
import { IngestionRunDocument, StartIngestionDocument } from '../generated/graphql.js';
import { sharedMongoUri, uniqueDatabaseName } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { registerTenants, startMainProcess, type MainProcess } from '../support/main-process.js';
import { expectStatsEqualScan } from '../support/stats-scan.js';

const ADMIN_KEY = 'tgw_stats-sigkill-admin-key-0123456789';
const TENANT = 'tenant_a';

describe('roll-ups after a SIGKILL in the middle of an ingestion', () => {
  let mock: MockProvider;
  let db: Database;
  let env: Record<string, string>;
  const processes: MainProcess[] = [];
  beforeAll(async () => {
    mock = await startTestMock({ tickets: 4000 });
    const dbName = uniqueDatabaseName('stats_sigkill');
    db = await connectDatabase(sharedMongoUri(), { dbName });
    env = {
      MONGODB_URI: sharedMongoUri(),
      MONGODB_DB: dbName,
      PROVIDER_URL: mock.url,
      ADMIN_API_KEY: ADMIN_KEY,
      PROVIDER_RATE_LIMIT: '0',
      NOTIFICATIONS_ENABLED: 'false',
      INGESTION_LOCK_TTL_MS: '3000',
      INGESTION_PAGE_SIZE: '50',
      STATS_LEASE_TTL_MS: '1000',
    };
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop('SIGKILL')));
    await db?.close();
    await mock?.close();
  });

  const start = async () => {
    const gateway = await startMainProcess(env);
    processes.push(gateway);
    return gateway;
  };
  /** Starts a run, waiting while the killed process's run still holds the tenant lock. */
  const ingestOn = async (gateway: MainProcess, full: boolean) => {
    const started = await eventually(
      () =>
        gateway
          .graphql(StartIngestionDocument, { input: { tenantId: TENANT, full } }, ADMIN_KEY)
          .then((r) => r.body.data!.startIngestion),
      (payload) => payload.userErrors.length === 0,
      30_000,
    );
    return started.run!.id;
  };
  const runOf = (gateway: MainProcess, id: string) =>
    gateway
      .graphql(IngestionRunDocument, { id }, ADMIN_KEY)
      .then((r) => r.body.data!.ingestionRun!);
  const repairs = async (gateway: MainProcess) => {
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    return Number(
      /ticket_gateway_stats_repairs_total\{kind="redo"[^}]*\} (\d+)/.exec(metrics)?.[1] ?? 0,
    );
  };

  it('leaves figures that a restart makes equal to a scan again, and the next run keeps them so', async () => {
    const first = await start();
    await registerTenants(first.url, ADMIN_KEY, [TENANT]);
    const seeded = await ingestOn(first, false);
    await eventually(
      () => runOf(first, seeded),
      (r) => r.status === 'SUCCEEDED',
      60_000,
    );

    // Upstream moves on: every tenant_a ticket changes, some go away, some arrive.
    const ours = mock.store.page(1, 100_000, false).tickets.filter((t) => t.tenant_id === TENANT);
    ours.forEach((t, i) => {
      const key = { tenant_id: TENANT, id: String(t.id) };
      if (i % 9 === 0) mock.store.setDeleted(key, true);
      else
        mock.store.modify(key, {
          status: ['open', 'closed', 'pending'][i % 3],
          customer_id: `cust-moved-${i % 11}`,
          ...(i % 4 === 0 ? { created_at: new Date(Date.now() - i * 60_000).toISOString() } : {}),
        });
    });

    // A full run; the process is killed while a roll-up op of the tenant is open.
    await ingestOn(first, true);
    await eventually(
      () => db.models.statsHeads.findOne({ tenantId: TENANT, open: true }).lean(),
      (head) => head !== null,
      30_000,
      1,
    );
    await first.stop('SIGKILL');
    const killedMidOp = (await db.models.statsHeads.findOne({ tenantId: TENANT }).lean())!.open;

    const second = await start();
    // The op it left open is redone (by the repair job, or the tenant's next write).
    await eventually(
      () => db.models.statsHeads.findOne({ tenantId: TENANT }).lean(),
      (head) => head?.open === false,
      30_000,
    );
    if (killedMidOp) expect(await repairs(second)).toBeGreaterThanOrEqual(1);
    const api = { url: `${second.url}/graphql`, key: ADMIN_KEY };
    await expectStatsEqualScan(api, db, TENANT, [new Date()], 'after the restart');

    const again = await ingestOn(second, false);
    await eventually(
      () => runOf(second, again),
      (r) => r.status === 'SUCCEEDED',
      60_000,
    );
    await expectStatsEqualScan(api, db, TENANT, [new Date()], 'after the next run');
  }, 120_000);
});
