import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationStatus } from '../../src/domain/alerting/alert.types.js';
import { connectDatabase, type Database } from '../../src/infra/mongo/database.js';
import { IngestionRunDocument, StartIngestionDocument } from '../generated/graphql.js';
import { sharedMongoUri } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { startReplicaPair, type ReplicaPair } from '../support/main-process.js';

const ADMIN_API_KEY = 'tgw_alerting-admin-key-0123456789';

describe('alert delivery by two processes, one of them killed', () => {
  let pair: ReplicaPair;
  let db: Database;
  beforeAll(async () => {
    pair = await startReplicaPair({
      label: 'alerting_2p',
      adminKey: ADMIN_API_KEY,
      mock: { tickets: 800, notifyLatencyMinMs: 40, notifyLatencyMaxMs: 80, notifyStormMs: 400 },
      env: {
        NOTIFICATIONS_ENABLED: 'true',
        // The seed's tickets are up to 30 days old: without an age limit every open HIGH one is due.
        ALERT_MAX_AGE: '0',
        NOTIFY_LEASE_MS: '2000',
        NOTIFY_CIRCUIT_OPEN_MS: '200',
        NOTIFY_BACKOFF_BASE_MS: '50',
        NOTIFY_BACKOFF_CAP_MS: '500',
        NOTIFY_MAX_ATTEMPTS: '40',
      },
    });
    db = await connectDatabase(sharedMongoUri(), { dbName: pair.dbName });
  });
  afterAll(async () => {
    await pair?.stop();
    await db?.close();
  });

  it('delivers disjoint sets, and after a SIGKILL the survivor delivers the rest, each alert once', async () => {
    const { a, mock } = pair;
    const started = await a.graphql(
      StartIngestionDocument,
      { input: { tenantId: 'tenant_a' } },
      ADMIN_API_KEY,
    );
    const runId = started.body.data!.startIngestion.run!.id;
    await eventually(
      async () =>
        (await a.graphql(IngestionRunDocument, { id: runId }, ADMIN_API_KEY)).body.data
          ?.ingestionRun?.finishedAt != null,
      (done) => done,
      30_000,
    );
    const total = await db.models.notifications.countDocuments({
      status: { $ne: NotificationStatus.SKIPPED },
    });
    expect(total).toBeGreaterThan(30);

    const delivered = () =>
      db.models.notifications.countDocuments({ status: NotificationStatus.DELIVERED });
    // Both replicas take part (each alert has one deliverer: the sets are disjoint) ...
    const owners = () =>
      db.models.notifications.distinct('deliveredBy', { status: NotificationStatus.DELIVERED });
    await eventually(owners, (list) => list.length === 2, 90_000);
    expect(await delivered()).toBeLessThan(total);
    await a.stop('SIGKILL');
    await eventually(
      async () => (await delivered()) === total,
      (done) => done,
      90_000,
    );

    // ... and after the kill the survivor delivers the rest.
    expect(await owners()).toHaveLength(2);
    const deliveries = mock.notify.deliveries();
    expect(Object.keys(deliveries)).toHaveLength(total);
    expect(Object.values(deliveries).every((count) => count === 1)).toBe(true);
    expect(await db.models.notifications.countDocuments({ leaseOwner: { $nin: [null] } })).toBe(0);
  }, 180_000);
});
