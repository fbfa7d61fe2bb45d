import { expect } from 'vitest';
import {
  computeStats,
  StatsPart,
  type StatsSelection,
  type TenantStats,
} from '../../src/domain/stats/tenant-stats.js';
import type { Database } from '../../src/infra/mongo/database.js';
import { RollupStatsStore } from '../../src/infra/mongo/rollup-stats.repository.js';
import { ScanStatsStore } from '../../src/infra/mongo/scan-stats.repository.js';
import { postGraphQL } from './stack.js';

/** The zones the exactness tests read every trend in: whole, half and quarter-hour offsets, and summer time. */
export const ZONES = ['UTC', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/Los_Angeles'] as const;
const DAYS = 120;
const WEEKS = 20;
const LIMIT = 100;

const alias = (zone: string) => zone.replace(/\W/g, '_');

/** Every part of the figures, each trend in each zone, the lists at their longest. */
export const EVERY_PART_FIELDS = `
    totalTickets requiresActionCount needsReviewCount urgencyHighRatio
    byStatus { status count } bySource { source count }
    byUrgency { urgency count } bySentiment { sentiment count }
    ${ZONES.map(
      (zone) => `
    hourly_${alias(zone)}: hourlyTrend(timeZone: "${zone}") { bucketStart count }
    daily_${alias(zone)}: dailyTrend(days: ${DAYS}, timeZone: "${zone}") { bucketStart count }
    weekly_${alias(zone)}: weeklyTrend(weeks: ${WEEKS}, timeZone: "${zone}") { bucketStart count }`,
    ).join('')}
    topKeywords(limit: ${LIMIT}) { keyword count }
    atRiskCustomers(limit: ${LIMIT}) { customerId negativeTickets highUrgencyTickets openTickets lastTicketAt riskScore }`;

/** tenantStats with every part. */
export const EVERY_PART = `query EveryPart($tenantId: String!, $asOf: DateTime) {
  tenantStats(tenantId: $tenantId, asOf: $asOf) { ${EVERY_PART_FIELDS} }
}`;

const SELECTION: StatsSelection = {
  parts: Object.values(StatsPart),
  hourly: [...ZONES],
  daily: ZONES.map((timeZone) => ({ timeZone, days: DAYS })),
  weekly: ZONES.map((timeZone) => ({ timeZone, weeks: WEEKS })),
  keywordLimit: LIMIT,
  atRiskLimit: LIMIT,
};

const points = (trend: { bucketStart: Date; count: number }[] | undefined) =>
  (trend ?? []).map((p) => ({ bucketStart: p.bucketStart.toISOString(), count: p.count }));

/** A scan's figures in the shape EVERY_PART answers them. */
function asAnswered(stats: TenantStats) {
  return {
    totalTickets: stats.totalTickets,
    requiresActionCount: stats.requiresActionCount,
    needsReviewCount: stats.needsReviewCount,
    urgencyHighRatio: stats.urgencyHighRatio,
    byStatus: stats.byStatus,
    bySource: stats.bySource,
    byUrgency: stats.byUrgency,
    bySentiment: stats.bySentiment,
    ...Object.fromEntries(
      ZONES.flatMap((zone) => [
        [`hourly_${alias(zone)}`, points(stats.hourlyTrends.get(zone))],
        [`daily_${alias(zone)}`, points(stats.dailyTrends.get(zone))],
        [`weekly_${alias(zone)}`, points(stats.weeklyTrends.get(zone))],
      ]),
    ),
    topKeywords: stats.topKeywords,
    atRiskCustomers: stats.atRiskCustomers.map((c) => ({
      ...c,
      lastTicketAt: c.lastTicketAt.toISOString(),
    })),
  };
}

/**
 * Every part of tenantStats, as the API answers it (from the roll-ups), equals a scan of the
 * tenant's tickets at the same instants.
 */
export async function expectStatsEqualScan(
  api: { url: string; key: string },
  db: Database,
  tenantId: string,
  instants: Date[],
  context: string,
): Promise<void> {
  const scan = new ScanStatsStore(db.models.tickets);
  for (const asOf of instants) {
    const answer = await postGraphQL<{ tenantStats: unknown }>(
      api.url,
      EVERY_PART,
      { tenantId, asOf: asOf.toISOString() },
      api.key,
    );
    expect(answer.body.errors, context).toBeUndefined();
    const expected = asAnswered(await computeStats(scan, tenantId, asOf, SELECTION));
    expect(answer.body.data!.tenantStats, `${context}, asOf ${asOf.toISOString()}`).toEqual(
      expected,
    );
  }
}

/** The same, straight from the stores: the roll-ups read as tenantStats reads them, and a scan. */
export async function expectRollupsEqualScan(
  db: Database,
  tenantId: string,
  instants: Date[],
  context: string,
): Promise<void> {
  const { models } = db;
  const scan = new ScanStatsStore(models.tickets);
  const rollups = new RollupStatsStore(
    { rollups: models.statsRollups, customers: models.statsCustomers },
    {
      compute: () => {
        throw new Error(`${context}: the roll-ups of ${tenantId} are not built`);
      },
    },
  );
  for (const asOf of instants)
    expect(
      await computeStats(rollups, tenantId, asOf, SELECTION),
      `${context}, asOf ${asOf.toISOString()}`,
    ).toEqual(await computeStats(scan, tenantId, asOf, SELECTION));
}
