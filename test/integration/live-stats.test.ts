import type { FormattedExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, postGraphQL, startTestGateway, type TestGateway } from '../support/gateway.js';
import { startReplicaPair, type ReplicaPair } from '../support/main-process.js';
import { insertTickets } from '../support/tickets.js';
import { collect, wsClient } from '../support/ws.js';

const ADMIN_KEY = 'tgw_live-stats-admin-key-0123456789';
const FIGURES = `totalTickets byStatus { status count } byUrgency { urgency count } urgencyHighRatio hourlyTrend { count } dailyTrend(days: 7) { bucketStart count }`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Stats = { tenantStatsUpdated: Record<string, unknown> & { totalTickets: number } };

describe('tenantStatsUpdated across two gateway processes', () => {
  let pair: ReplicaPair;
  beforeAll(async () => {
    pair = await startReplicaPair({
      label: 'live_stats',
      adminKey: ADMIN_KEY,
      mock: { tickets: 1500, pageLatencyMs: 150 },
    });
  });
  afterAll(() => pair?.stop());

  it('sends the figures at once, follows a run on the other process within 2 s of its pages, equals tenantStats, and is silent while nothing changes', async () => {
    const client = wsClient(`${pair.b.url.replace(/^http/, 'ws')}/graphql`, ADMIN_KEY);
    const received: { at: number; result: FormattedExecutionResult<Stats, unknown> }[] = [];
    void collect<Stats>(
      client,
      `subscription { tenantStatsUpdated(tenantId: "tenant_a") { ${FIGURES} } }`,
      {},
      (result) => received.push({ at: Date.now(), result }),
    );
    await expect.poll(() => received.length, { timeout: 10_000 }).toBe(1);
    expect(received[0]!.result.data!.tenantStatsUpdated.totalTickets).toBe(0);

    const startedAt = Date.now();
    const started = await postGraphQL<any>(
      `${pair.a.url}/graphql`,
      'mutation { startIngestion(input: { tenantId: "tenant_a" }) { run { id } } }',
      {},
      ADMIN_KEY,
    );
    const runId = started.body.data.startIngestion.run.id;
    await expect.poll(() => received.length, { timeout: 10_000 }).toBeGreaterThan(1);
    // The first page (150 ms at the mock) changed the figures; the viewer on B saw it soon after.
    expect(received[1]!.at - startedAt).toBeLessThan(2000);

    const runStatus = async () =>
      (
        await postGraphQL<any>(
          `${pair.a.url}/graphql`,
          `{ ingestionRun(id: "${runId}") { status } }`,
          {},
          ADMIN_KEY,
        )
      ).body.data.ingestionRun.status;
    await expect.poll(runStatus, { timeout: 60_000, interval: 200 }).toBe('SUCCEEDED');
    // The run's last figures reach the viewer: they equal tenantStats.
    const direct = async () =>
      (
        await postGraphQL<any>(
          `${pair.a.url}/graphql`,
          `{ tenantStats(tenantId: "tenant_a") { ${FIGURES} } }`,
          {},
          ADMIN_KEY,
        )
      ).body.data.tenantStats;
    const final = await direct();
    await expect
      .poll(() => received.at(-1)!.result.data!.tenantStatsUpdated, { timeout: 10_000 })
      .toEqual(final);
    expect(final.totalTickets).toBeGreaterThan(0);
    const afterRun = received.length;
    // At most one emission a second while the run wrote its pages.
    const gaps = received.slice(2).map((r, i) => r.at - received[i + 1]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(900);

    // allow-sleep: silence is the subject; three seconds are three of the feed's checks.
    await sleep(3000);
    expect(received.length).toBe(afterRun);
    await client.dispose();
  }, 120_000);
});

describe('tenantStats in a time zone, and only what is selected', () => {
  let t: TestGateway;
  // Around the start of summer time in Los Angeles (2026-03-08, 02:00 local) and late
  // evenings UTC that are the next morning in Tokyo.
  const CREATED = [
    '2026-03-06T23:30:00Z',
    '2026-03-07T07:59:00Z',
    '2026-03-07T08:00:00Z',
    '2026-03-08T09:30:00Z',
    '2026-03-08T10:30:00Z',
    '2026-03-09T06:59:00Z',
    '2026-03-09T07:00:00Z',
    '2026-03-09T14:59:00Z',
    '2026-03-09T15:00:00Z',
    '2026-03-10T03:00:00Z',
  ].map((at) => new Date(at));
  const AS_OF = new Date('2026-03-10T04:00:00Z');

  beforeAll(async () => {
    t = await startTestGateway({ label: 'stats_zones', tenants: ['tenant_tz'] });
    await insertTickets(
      t,
      CREATED.map((createdAt, i) => ({
        tenantId: 'tenant_tz',
        externalId: `tz-${i}`,
        subject: 'How do I export a report?',
        createdAt,
      })),
    );
  });
  afterAll(() => t?.stop());

  /** Counts by local date, computed directly from the instants. */
  const byLocalDay = (timeZone: string) => {
    const day = new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' });
    const counts = new Map<string, number>();
    for (const at of CREATED) counts.set(day.format(at), (counts.get(day.format(at)) ?? 0) + 1);
    return counts;
  };

  it.each(['Asia/Tokyo', 'America/Los_Angeles', 'UTC'])(
    'buckets days at local midnight in %s, as a direct count does',
    async (timeZone) => {
      const response = await t.graphql<any, any>(
        `query ($tz: String!, $asOf: DateTime!) {
          tenantStats(tenantId: "tenant_tz", asOf: $asOf) {
            dailyTrend(days: 5, timeZone: $tz) { bucketStart label count }
            weeklyTrend(weeks: 2, timeZone: $tz) { bucketStart label count }
            hourlyTrend(timeZone: $tz) { bucketStart label count }
          }
        }`,
        { tz: timeZone, asOf: AS_OF.toISOString() },
      );
      expect(response.body.errors).toBeUndefined();
      const stats = response.body.data.tenantStats;
      const expected = byLocalDay(timeZone);
      const day = new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' });
      const time = new Intl.DateTimeFormat('en-GB', { timeZone, timeStyle: 'short' });
      for (const point of stats.dailyTrend) {
        const start = new Date(point.bucketStart);
        expect(time.format(start), `${timeZone} day starts at local midnight`).toBe('00:00');
        expect(point.count, day.format(start)).toBe(expected.get(day.format(start)) ?? 0);
        // The label is the local date (en-CA formats it as ISO does).
        expect(point.label).toBe(day.format(start));
      }
      expect(stats.weeklyTrend[0].label).toBe(
        day.format(new Date(stats.weeklyTrend[0].bucketStart)),
      );
      const hourLabel = stats.hourlyTrend[23].label as string;
      expect(hourLabel).toMatch(/^\d{4}-\d\d-\d\dT\d\d:00[+-]\d\d:\d\d$/);
      expect(Date.parse(hourLabel)).toBe(Date.parse(stats.hourlyTrend[23].bucketStart));
      const inDays = stats.dailyTrend.reduce(
        (sum: number, p: { count: number }) => sum + p.count,
        0,
      );
      const firstDay = new Date(stats.dailyTrend[0].bucketStart);
      expect(inDays).toBe(CREATED.filter((at) => at >= firstDay && at <= AS_OF).length);
      const weekStart = new Date(stats.weeklyTrend[0].bucketStart);
      const inWeeks = stats.weeklyTrend.reduce(
        (sum: number, p: { count: number }) => sum + p.count,
        0,
      );
      expect(inWeeks).toBe(CREATED.filter((at) => at >= weekStart && at <= AS_OF).length);
      expect(stats.hourlyTrend).toHaveLength(24);
      const hourFrom = new Date(stats.hourlyTrend[0].bucketStart);
      const inHours = stats.hourlyTrend.reduce(
        (sum: number, p: { count: number }) => sum + p.count,
        0,
      );
      expect(inHours).toBe(CREATED.filter((at) => at >= hourFrom && at <= AS_OF).length);
    },
  );

  it('refuses a time zone that is not an IANA name, on that field', async () => {
    const response = await t.graphql(
      '{ tenantStats(tenantId: "tenant_tz") { dailyTrend(timeZone: "Mars/Olympus") { count } } }',
    );
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.body.errors![0]!.path).toEqual(['tenantStats', 'dailyTrend']);
  });

  it('reads only the roll-up documents the selection needs, once for concurrent callers', async () => {
    const client = t.db.connection.getClient();
    const reads: { command: string; collection: string; ids: string[] }[] = [];
    const listener = (event: { commandName: string; command: any }) => {
      const collection = event.command[event.commandName];
      const figures = ['stats_rollups', 'stats_customers', 'tickets'].includes(collection);
      if (figures && ['find', 'aggregate', 'count'].includes(event.commandName))
        reads.push({
          command: event.commandName,
          collection,
          ids: event.command.filter?._id?.$in ?? [],
        });
    };
    client.on('commandStarted', listener);
    const narrow =
      '{ tenantStats(tenantId: "tenant_tz") { totalTickets byStatus { count } urgencyHighRatio hourlyTrend { count } } }';
    const answers = await Promise.all(Array.from({ length: 5 }, () => t.graphql<any>(narrow)));
    client.off('commandStarted', listener);
    expect(new Set(answers.map((a) => JSON.stringify(a.body.data)))).toHaveProperty('size', 1);
    // One read by id: the totals, the UTC days the 24 hours cover, the quarter-hour of asOf.
    // No scan of the tickets, no customers (atRiskCustomers was not asked for).
    expect(reads.map(({ command, collection }) => `${command} ${collection}`)).toEqual([
      'find stats_rollups',
    ]);
    const ids: string[] = reads[0]!.ids;
    expect(ids).toContain('tenant_tz|totals');
    expect(ids.filter((id) => id.startsWith('tenant_tz|day|')).length).toBeLessThanOrEqual(2);
    expect(ids.filter((id) => id.startsWith('tenant_tz|quarter|'))).toHaveLength(1);
    expect(ids.length).toBeLessThanOrEqual(4);
  });
});
