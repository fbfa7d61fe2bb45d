import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/domain/pagination/page-args.js';
import { errorCodes, startTestGateway, type TestGateway } from '../support/gateway.js';
import { startRun, waitForRun } from '../support/ingestion.js';

/**
 * Hardening round 3 (issue 22), the defects a single request shows: each test sends the
 * attack of its defect at test size.
 */
describe('requests that used to be mispriced, mistyped or fatal', () => {
  let t: TestGateway;
  let ticketId: string;
  beforeAll(async () => {
    t = await startTestGateway({ label: 'security_requests', mock: { tickets: 300 } });
    const run = await startRun(t, { tenantId: 'tenant_a' });
    await waitForRun(t, run.run!.id);
    const listed = await t.graphql<any, any>(
      'query { tickets(tenantId: "tenant_a", first: 1) { nodes { id } } }',
    );
    ticketId = listed.body.data.tickets.nodes[0].id;
  });
  afterAll(async () => {
    await t?.stop();
  });

  const stats = (trend: string) =>
    t.graphql<any, any>(`query { tenantStats(tenantId: "tenant_a") { ${trend} } }`);

  it('5: zones are understood whatever their case, and every zone Node knows works', async () => {
    const answered = await stats(
      `a: hourlyTrend(timeZone: "utc") { count } b: dailyTrend(days: 3, timeZone: "europe/paris") { count }
       c: dailyTrend(days: 3, timeZone: "America/Coyhaique") { count } d: hourlyTrend(timeZone: "EST") { count }`,
    );
    expect(answered.body.errors).toBeUndefined();
    const { a, b, c, d } = answered.body.data.tenantStats;
    expect([a.length, b.length, c.length, d.length]).toEqual([24, 3, 3, 24]);
    // The figures in a zone are those of the zone's canonical name.
    const canonical = await stats(`a: hourlyTrend(timeZone: "UTC") { count }`);
    expect(canonical.body.data.tenantStats.a).toEqual(a);
  });

  it('5: a null or unknown zone is BAD_USER_INPUT on its field, not an internal error', async () => {
    for (const zone of ['null', '"Mars/Olympus"', '"+09:00"']) {
      const answered = await stats(`totalTickets hourlyTrend(timeZone: ${zone}) { count }`);
      expect(errorCodes(answered), zone).toEqual(['BAD_USER_INPUT']);
      expect(answered.body.errors![0]!.message).toMatch(/IANA/);
      expect(answered.body.errors![0]!.path, zone).toEqual(['tenantStats', 'hourlyTrend']);
    }
  });

  it('3: more zones than a request may use are refused with a clear error', async () => {
    const zones = ['UTC', 'Europe/Paris', 'Asia/Tokyo', 'America/Denver', 'Australia/Sydney'];
    const answered = await stats(
      zones
        .map((zone, i) => `z${i}: weeklyTrend(weeks: 4, timeZone: "${zone}") { count }`)
        .join(' '),
    );
    expect(errorCodes(answered)).toEqual(['BAD_USER_INPUT']);
    expect(answered.body.errors![0]!.message).toMatch(/at most 4 time zones/);
  });

  it('3: trends are priced by the days they cover, per alias, so heavy ones cannot hide under one price', async () => {
    const charged = async (trends: string) => {
      const answered = await stats(trends);
      expect(answered.body.errors).toBeUndefined();
      return (answered.body.extensions as any).cost.requestedQueryCost as number;
    };
    const zones = ['UTC', 'Europe/Paris', 'Asia/Tokyo', 'America/Denver'];
    const one = await charged('totalTickets');
    const week = await charged('weeklyTrend(weeks: 104) { count }');
    const thirty = await charged(
      Array.from(
        { length: 30 },
        (_, i) => `w${i}: weeklyTrend(weeks: 104, timeZone: "${zones[i % 4]}") { count }`,
      ).join(' '),
    );
    expect(week - one).toBeGreaterThanOrEqual(73);
    expect(thirty - one).toBeGreaterThanOrEqual(30 * (week - one));
  });

  // 6 (a list variable longer than allowed: 400 BAD_USER_INPUT) is tested in process.

  it('7: history is charged for the page it serves, last as well as first', async () => {
    const cost = async (args: string) => {
      const answered = await t.graphql<any, any>(
        `query($id: ID!) { ticket(id: $id) { history(${args}) { nodes { action changes { field } } } } }`,
        { id: ticketId },
      );
      expect(answered.body.errors).toBeUndefined();
      return (answered.body.extensions as any).cost.requestedQueryCost as number;
    };
    const byFirst = await cost('first: 100');
    expect(await cost('first: 0, last: 100')).toBeGreaterThanOrEqual(byFirst);
    expect(await cost('last: 100')).toBeGreaterThanOrEqual(byFirst);
  });

  it('12: a well-formed cursor with an out-of-range date key is BAD_USER_INPUT on every list', async () => {
    const cursor = (scope: string) => encodeCursor({ scope, key: 9e15, id: '0'.repeat(24) });
    const nodes = '{ nodes { __typename } }';
    const lists = [
      [`tickets(tenantId: "tenant_a", after: $c) ${nodes}`, 'tickets/updatedAt/-1'],
      [`ingestionRuns(tenantId: "tenant_a", after: $c) ${nodes}`, 'ingestionRuns/queuedAt/-1'],
      [`tenants(after: $c) ${nodes}`, 'tenants/knownSince/1'],
      [`apiKeys(after: $c) ${nodes}`, 'apiKeys/createdAt/-1'],
      [`ticket(id: "${ticketId}") { history(after: $c) ${nodes} }`, 'ticketHistory/at/-1'],
    ];
    for (const [field, scope] of lists) {
      const answered = await t.graphql<any, any>(`query($c: String) { ${field} }`, {
        c: cursor(scope!),
      });
      expect(errorCodes(answered), field).toEqual(['BAD_USER_INPUT']);
    }
  });
});
