import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateApiKeyDocument,
  RebuildTenantStatsDocument,
  TenantStatsCheckDocument,
} from '../generated/graphql.js';
import { errorCodes, startTestGateway, type TestGateway } from '../support/gateway.js';
import { ingest } from '../support/ingestion.js';

const ZONES = ['UTC', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/Los_Angeles'];

describe('operators and the roll-ups', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ label: 'stats_maintenance', mock: { tickets: 800 } });
    await ingest(t, 'tenant_a');
  });
  afterAll(() => t?.stop());

  const check = async (timeZone = 'UTC') => {
    const { body } = await t.graphql(TenantStatsCheckDocument, { tenantId: 'tenant_a', timeZone });
    expect(body.errors).toBeUndefined();
    return body.data!.tenantStatsCheck;
  };
  const repairs = async () => {
    const metrics = await (await fetch(`${t.gateway.url}/metrics`)).text();
    return Number(/stats_repairs_total\{kind="rebuild"[^}]*\} (\d+)/.exec(metrics)?.[1] ?? 0);
  };

  it('finds the roll-ups equal to a scan, part by part, in every zone', async () => {
    for (const zone of ZONES) {
      const report = await check(zone);
      expect(report.complete).toBe(true);
      expect(report.parts.filter((p) => !p.consistent)).toEqual([]);
      expect(report.consistent).toBe(true);
      expect(report.parts.map((p) => p.part)).toEqual([
        'totalTickets',
        'requiresActionCount',
        'needsReviewCount',
        'byStatus',
        'bySource',
        'byUrgency',
        'bySentiment',
        'hourlyTrend',
        'dailyTrend',
        'weeklyTrend',
        'topKeywords',
        'atRiskCustomers',
      ]);
    }
  });

  it('names what differs after roll-ups were damaged, and a rebuild makes them exact again', async () => {
    const { models } = t.db;
    const rollups = models.statsRollups.collection;
    // A restored backup of the roll-ups older than the tickets, as it were.
    await rollups.updateOne({ _id: 'tenant_a|totals' } as never, {
      $inc: { 'byStatus.OPEN': 3, total: 3 },
    });
    const day = await rollups.findOne({ kind: 'day', tenantId: 'tenant_a' });
    const quarter = Object.keys(day!.q as object)[0]!;
    await rollups.updateOne({ _id: day!._id }, { $inc: { [`q.${quarter}`]: 5 } });
    await models.statsCustomers.updateOne(
      { tenantId: 'tenant_a', concern: { $gt: 0 } },
      { $inc: { risk: 100 } },
    );

    const damaged = await check();
    expect(damaged.consistent).toBe(false);
    const differing = Object.fromEntries(
      damaged.parts.filter((p) => !p.consistent).map((p) => [p.part, p.differences]),
    );
    expect(Object.keys(differing).sort()).toEqual(
      ['atRiskCustomers', 'byStatus', 'dailyTrend', 'totalTickets', 'weeklyTrend'].sort(),
    );
    expect(differing.byStatus).toEqual([expect.stringMatching(/^OPEN: roll-ups \d+, scan \d+$/)]);
    expect(differing.totalTickets![0]).toMatch(/^total: roll-ups \d+, scan \d+$/);

    const before = await repairs();
    const { body } = await t.graphql(RebuildTenantStatsDocument, { tenantId: 'tenant_a' });
    expect(body.data!.rebuildTenantStats).toMatchObject({ tenantId: 'tenant_a', userErrors: [] });
    expect(body.data!.rebuildTenantStats.ticketsCounted).toBe(
      await models.tickets.countDocuments({ tenantId: 'tenant_a', deletedAt: null }),
    );
    expect(await repairs()).toBe(before + 1);
    expect((await check()).consistent).toBe(true);
  });

  it('is for admins: a tenant key is refused, an unknown tenant named', async () => {
    const created = await t.graphql(CreateApiKeyDocument, {
      input: { name: 'a', tenantId: 'tenant_a' },
    });
    const tenantKey = created.body.data!.createApiKey.secret!;
    const asTenant = await t.graphql(TenantStatsCheckDocument, { tenantId: 'tenant_a' }, tenantKey);
    expect(errorCodes(asTenant)).toEqual(['FORBIDDEN']);
    const rebuildAsTenant = await t.graphql(
      RebuildTenantStatsDocument,
      { tenantId: 'tenant_a' },
      tenantKey,
    );
    expect(errorCodes(rebuildAsTenant)).toEqual(['FORBIDDEN']);

    const unknown = await t.graphql(TenantStatsCheckDocument, { tenantId: 'nobody' });
    expect(errorCodes(unknown)).toEqual(['UNKNOWN_TENANT']);
    const rebuildUnknown = await t.graphql(RebuildTenantStatsDocument, { tenantId: 'nobody' });
    expect(rebuildUnknown.body.data!.rebuildTenantStats.userErrors).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_TENANT', field: ['tenantId'] }),
    ]);
    const badZone = await t.graphql(TenantStatsCheckDocument, {
      tenantId: 'tenant_a',
      timeZone: 'Mars/Olympus',
    });
    expect(errorCodes(badZone)).toEqual(['BAD_USER_INPUT']);
  });
});
