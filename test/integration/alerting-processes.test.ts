import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockProvider } from '../../mock-external-api/src/server.js';
import { startTestMock } from '../../mock-external-api/test/helpers.js';
import { NotificationStatus } from '../../src/domain/notifications/notification.types.js';
import { connectDatabase, type Database } from '../../src/infra/mongo/database.js';
import { IngestionRunDocument, StartIngestionDocument } from '../generated/graphql.js';
import { sharedMongoUri, uniqueDatabaseName } from '../support/databases.js';
import { startMainProcess, type MainProcess } from '../support/main-process.js';

const ADMIN_API_KEY = 'tgw_alerting-admin-key-0123456789';

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('alert delivery by two processes, one of them killed', () => {
  let mock: MockProvider;
  let db: Database;
  let a: MainProcess;
  let b: MainProcess;
  beforeAll(async () => {
    mock = await startTestMock({
      tickets: 800,
      notifyLatencyMinMs: 40,
      notifyLatencyMaxMs: 80,
      notifyStormMs: 400,
    });
    const dbName = uniqueDatabaseName('alerting_2p');
    db = await connectDatabase(sharedMongoUri(), { dbName });
    const env = {
      MONGODB_URI: sharedMongoUri(),
      MONGODB_DB: dbName,
      PROVIDER_URL: mock.url,
      ADMIN_API_KEY,
      PROVIDER_RATE_LIMIT: '0',
      NOTIFY_LEASE_MS: '2000',
      NOTIFY_CIRCUIT_OPEN_MS: '200',
      NOTIFY_BACKOFF_BASE_MS: '50',
      NOTIFY_BACKOFF_CAP_MS: '500',
      NOTIFY_MAX_ATTEMPTS: '40',
    };
    [a, b] = await Promise.all([startMainProcess(env), startMainProcess(env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.close();
    await mock?.close();
  });

  it('delivers disjoint sets, and after a SIGKILL the survivor delivers the rest, each alert once', async () => {
    const started = await a.graphql(
      StartIngestionDocument,
      { input: { tenantId: 'tenant_a' } },
      ADMIN_API_KEY,
    );
    const runId = started.body.data!.startIngestion.run!.id;
    await until(
      async () =>
        (await a.graphql(IngestionRunDocument, { id: runId }, ADMIN_API_KEY)).body.data
          ?.ingestionRun?.finishedAt != null,
      30_000,
    );
    const total = await db.models.notifications.countDocuments({});
    expect(total).toBeGreaterThan(50);

    const delivered = () =>
      db.models.notifications.countDocuments({ status: NotificationStatus.DELIVERED });
    await until(async () => (await delivered()) >= total / 4, 60_000);
    await a.stop('SIGKILL');
    await until(async () => (await delivered()) === total, 90_000);

    const owners = await db.models.notifications.distinct('deliveredBy');
    expect(owners).toHaveLength(2);
    const deliveries = mock.notify.deliveries();
    expect(Object.keys(deliveries)).toHaveLength(total);
    expect(Object.values(deliveries).every((count) => count === 1)).toBe(true);
    expect(await db.models.notifications.countDocuments({ leaseOwner: { $nin: [null] } })).toBe(0);
  }, 180_000);
});
