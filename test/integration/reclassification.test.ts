import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateApiKeyDocument, ReclassifyTicketsDocument } from '../generated/graphql.js';
import { errorCodes, startTestGateway, type TestGateway } from '../support/gateway.js';
import { productionClassifier } from '../support/classifier.js';
import { expectStatsEqualScan } from '../support/stats-scan.js';
import { insertTickets, rebuildStats } from '../support/tickets.js';
import { ChangeAction, TicketStatus } from '../../src/domain/tickets/ticket.types.js';

/** The version the gateway's classifier (rules and model) writes. */
const CURRENT_VERSION = productionClassifier().rulesVersion;

describe('reclassifyTickets', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ label: 'reclassify' });
    const stale = (tenantId: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        tenantId,
        externalId: `ext-${i}`,
        subject: i % 2 === 0 ? 'My lawyer will call' : 'How do I export?',
        rulesVersion: 'old-rules',
      }));
    await insertTickets(t, [...stale('tenant_a', 1200), ...stale('tenant_b', 30)]);
    // Make the stored labels wrong, as an older rule set might have left them (from before
    // raisesAlert existed: their urgency alone said whether they raised an alert).
    await t.db.models.tickets.updateMany(
      {},
      {
        $set: { 'classification.urgency': 'LOW', 'classification.signals': [] },
        $unset: { 'classification.raisesAlert': 1 },
      },
    );
    await rebuildStats(t, ['tenant_a', 'tenant_b']);
  });
  afterAll(async () => {
    await t.stop();
  });

  it('re-classifies one tenant in batches and reports the counts', async () => {
    const response = await t.graphql(ReclassifyTicketsDocument, {
      input: { tenantId: 'tenant_a' },
    });
    expect(response.body.data?.reclassifyTickets).toEqual({
      rulesVersion: CURRENT_VERSION,
      scanned: 1200,
      reclassified: 1200,
      // The lawyer tickets were stored LOW: now HIGH, each gets its alert.
      notificationsQueued: 600,
    });
    expect(await t.db.models.notifications.countDocuments({ tenantId: 'tenant_a' })).toBe(600);
    const lawyer = await t.db.models.tickets
      .findOne({ tenantId: 'tenant_a', externalId: 'ext-0' })
      .lean();
    expect(lawyer?.classification).toMatchObject({
      urgency: 'HIGH',
      rulesVersion: CURRENT_VERSION,
    });
    expect(lawyer?.classification.signals).toContain('legal:lawyer «lawyer»');
    // Each ticket whose labels changed says so in its history; the others record nothing.
    expect(
      await t.db.models.ticketHistory.countDocuments({
        tenantId: 'tenant_a',
        action: ChangeAction.RECLASSIFIED,
      }),
    ).toBe(600);
    const entry = await t.db.models.ticketHistory
      .findOne({ tenantId: 'tenant_a', externalId: 'ext-0', action: ChangeAction.RECLASSIFIED })
      .lean();
    expect(entry?.changes).toContainEqual({ field: 'urgency', from: 'LOW', to: 'HIGH' });
    // The figures moved with the labels: 600 tickets are HIGH now.
    await expectStatsEqualScan(
      { url: t.gateway.graphqlUrl, key: t.adminKey },
      t.db,
      'tenant_a',
      [new Date()],
      'after re-classification',
    );
    const stats = await t.graphql<{
      tenantStats: { byUrgency: { urgency: string; count: number }[] };
    }>('{ tenantStats(tenantId: "tenant_a") { byUrgency { urgency count } } }');
    expect(stats.body.data!.tenantStats.byUrgency).toContainEqual({ urgency: 'HIGH', count: 600 });
    expect(
      await t.db.models.tickets.countDocuments({
        tenantId: 'tenant_b',
        'classification.rulesVersion': 'old-rules',
      }),
    ).toBe(30);
  });

  it('leaves nothing to do on a second run, and covers every tenant without tenantId', async () => {
    const all = await t.graphql(ReclassifyTicketsDocument, { input: {} });
    expect(all.body.data?.reclassifyTickets).toMatchObject({
      scanned: 30,
      reclassified: 30,
      notificationsQueued: 15,
    });
    const again = await t.graphql(ReclassifyTicketsDocument, { input: {} });
    expect(again.body.data?.reclassifyTickets).toMatchObject({ scanned: 0, reclassified: 0 });
  });

  it('gives tickets that became HIGH their alert by the same rule: closed or stale ones are skipped', async () => {
    const old = new Date(Date.now() - 3 * 86_400_000);
    await insertTickets(t, [
      {
        tenantId: 'tenant_c',
        externalId: 'closed',
        subject: 'My lawyer will call',
        status: TicketStatus.CLOSED,
        rulesVersion: 'old-rules',
      },
      {
        tenantId: 'tenant_c',
        externalId: 'old',
        subject: 'My lawyer will call',
        createdAt: old,
        rulesVersion: 'old-rules',
      },
      {
        tenantId: 'tenant_c',
        externalId: 'fresh',
        subject: 'My lawyer will call',
        rulesVersion: 'old-rules',
      },
    ]);
    await t.db.models.tickets.updateMany(
      { tenantId: 'tenant_c' },
      { $set: { 'classification.urgency': 'LOW', 'classification.raisesAlert': false } },
    );
    const response = await t.graphql(ReclassifyTicketsDocument, {
      input: { tenantId: 'tenant_c' },
    });
    expect(response.body.data?.reclassifyTickets).toMatchObject({
      scanned: 3,
      notificationsQueued: 1,
    });
    const alerts = await t.db.models.notifications.find({ tenantId: 'tenant_c' }).lean();
    expect(
      Object.fromEntries(alerts.map((a) => [a.externalId, `${a.status}:${a.skipReason ?? null}`])),
    ).toEqual({ closed: 'SKIPPED:CLOSED', old: 'SKIPPED:STALE', fresh: 'PENDING:null' });
  });

  it('is admin only', async () => {
    const key = await t.graphql(CreateApiKeyDocument, {
      input: { name: 'a', tenantId: 'tenant_a' },
    });
    const response = await t.graphql(
      ReclassifyTicketsDocument,
      { input: {} },
      key.body.data?.createApiKey.secret,
    );
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
  });
});
