import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Sentiment,
  TicketSource,
  TicketStatus,
  Urgency,
} from '../../src/domain/tickets/ticket.types.js';
import {
  CreateApiKeyDocument,
  IngestionRunsDocument,
  NotificationCircuitDocument,
  TenantStatsDocument,
  TicketsDocument,
  TicketsWithNestedDocument,
  type TicketsQuery,
  type TicketsQueryVariables,
} from '../generated/graphql.js';
import { SEED_TENANTS } from '../../mock-external-api/src/seed-data.js';
import { errorCodes, startTestGateway, type TestGateway } from '../support/gateway.js';
import { ingest } from '../support/ingestion.js';
import { insertTickets } from '../support/tickets.js';

type Edge = TicketsQuery['tickets']['edges'][number];

describe('the tickets API', () => {
  let t: TestGateway;
  let tenantBKey: string;
  beforeAll(async () => {
    t = await startTestGateway({
      label: 'tickets_api',
      mock: { tickets: 1200 },
      // A registered tenant whose tickets were never ingested.
      tenants: [...SEED_TENANTS, 'tenant_nobody'],
    });
    await ingest(t, 'tenant_a');
    await ingest(t, 'tenant_b');
    await insertTickets(t, [
      {
        tenantId: 'tenant_a',
        externalId: 'lit-1',
        subject: 'Is there an outage?',
        createdAt: new Date(Date.now() - 5000),
      },
      {
        tenantId: 'tenant_a',
        externalId: 'lit-2',
        subject: 'outage today',
        message: 'no question mark here',
      },
      {
        tenantId: 'tenant_a',
        externalId: 'lit-3',
        subject: 'Billing',
        message: 'I was CHARGED TWICE!!! again',
      },
      { tenantId: 'tenant_a', externalId: 'lit-4', subject: 'Gone', deletedAt: new Date() },
    ]);
    const key = await t.graphql(CreateApiKeyDocument, {
      input: { name: 'b-dash', tenantId: 'tenant_b' },
    });
    tenantBKey = key.body.data!.createApiKey.secret!;
  });
  afterAll(async () => {
    await t.stop();
  });

  async function page(variables: TicketsQueryVariables, key?: string) {
    const response = await t.graphql(TicketsDocument, variables, key);
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.tickets;
  }

  async function walk(variables: TicketsQueryVariables, backwards = false): Promise<Edge[]> {
    const edges: Edge[] = [];
    let cursor: string | null = null;
    for (;;) {
      const result = await page(
        backwards
          ? { ...variables, last: 37, before: cursor }
          : { ...variables, first: 37, after: cursor },
      );
      if (backwards) edges.unshift(...result.edges);
      else edges.push(...result.edges);
      const more = backwards ? result.pageInfo.hasPreviousPage : result.pageInfo.hasNextPage;
      if (!more) return edges;
      cursor = backwards ? result.pageInfo.startCursor : result.pageInfo.endCursor;
    }
  }

  it('walks every live ticket once, newest first, forwards and backwards', async () => {
    const expected = await t.db.models.tickets
      .find({ tenantId: 'tenant_a', deletedAt: null })
      .sort({ createdAt: -1, _id: -1 })
      .lean();
    const forwards = await walk({ tenantId: 'tenant_a' });
    expect(forwards.map((e) => e.node.externalId)).toEqual(expected.map((d) => d.externalId));
    const backwards = await walk({ tenantId: 'tenant_a' }, true);
    expect(backwards.map((e) => e.node.externalId)).toEqual(expected.map((d) => d.externalId));
    expect((await page({ tenantId: 'tenant_a', first: 1 })).totalCount).toBe(expected.length);
  });

  it('orders by urgency and by updatedAt, stably', async () => {
    const byUrgency = await walk({
      tenantId: 'tenant_a',
      orderBy: { field: 'URGENCY', direction: 'DESC' },
    });
    const rank = { HIGH: 2, MEDIUM: 1, LOW: 0 } as const;
    const ranks = byUrgency.map((e) => rank[e.node.classification.urgency]);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(new Set(byUrgency.map((e) => e.node.id)).size).toBe(byUrgency.length);
    const byUpdate = await walk({
      tenantId: 'tenant_a',
      orderBy: { field: 'UPDATED_AT', direction: 'ASC' },
    });
    const times = byUpdate.map((e) => Date.parse(e.node.updatedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // Without a direction, the order is DESC.
    const newestFirst = await walk({ tenantId: 'tenant_a', orderBy: { field: 'UPDATED_AT' } });
    const descending = newestFirst.map((e) => Date.parse(e.node.updatedAt));
    expect(descending).toEqual([...times].sort((a, b) => b - a));
  });

  it('applies every filter field as a direct count does', async () => {
    const since = new Date(Date.now() - 10 * 24 * 3600 * 1000);
    const until = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    const cases: [TicketsQueryVariables['filter'], Record<string, unknown>][] = [
      [
        { status: ['OPEN', 'PENDING'] },
        { status: { $in: [TicketStatus.OPEN, TicketStatus.PENDING] } },
      ],
      [{ urgency: ['HIGH'] }, { 'classification.urgency': Urgency.HIGH }],
      [{ sentiment: ['NEGATIVE'] }, { 'classification.sentiment': Sentiment.NEGATIVE }],
      [{ source: ['CHAT', 'API'] }, { source: { $in: [TicketSource.CHAT, TicketSource.API] } }],
      [{ requiresAction: false }, { 'classification.requiresAction': false }],
      [{ customerId: 'cust-a-007' }, { customerId: 'cust-a-007' }],
      [
        { createdAfter: since.toISOString(), createdBefore: until.toISOString() },
        { createdAt: { $gte: since, $lt: until } },
      ],
      [{ includeDeleted: true }, { deletedAt: { $exists: true } }],
    ];
    for (const [filter, query] of cases) {
      const expected = await t.db.models.tickets.countDocuments({
        tenantId: 'tenant_a',
        ...(filter?.includeDeleted ? {} : { deletedAt: null }),
        ...query,
      });
      expect(
        (await page({ tenantId: 'tenant_a', filter, first: 1 })).totalCount,
        JSON.stringify(filter),
      ).toBe(expected);
    }
  });

  it('searches subject and message literally and case-insensitively', async () => {
    const found = async (search: string) =>
      (await page({ tenantId: 'tenant_a', filter: { search }, first: 100 })).edges.map(
        (e) => e.node.externalId,
      );
    expect(await found('outage?')).toEqual(['lit-1']);
    expect(await found('charged twice!!!')).toEqual(['lit-3']);
    expect(await found('OUTAGE')).toEqual(expect.arrayContaining(['lit-1', 'lit-2']));
    expect(await found('.*')).toEqual([]);
    expect(await found('Gone')).toEqual([]);
    const withDeleted = await page({
      tenantId: 'tenant_a',
      filter: { search: 'Gone', includeDeleted: true },
      first: 5,
    });
    expect(withDeleted.edges[0]?.node.deletedAt).not.toBeNull();
  });

  // Page sizes, search length and enums are refused in process (test/unit/graphql).
  it('rejects cursors that are not cursors', async () => {
    for (const variables of [
      { after: 'not-a-cursor' },
      { before: Buffer.from('[1,"zz"]').toString('base64url') },
    ] as TicketsQueryVariables[]) {
      const response = await t.graphql(TicketsDocument, { tenantId: 'tenant_a', ...variables });
      expect(errorCodes(response), JSON.stringify(variables)).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('refuses forged cursors and cursors of another list or order as BAD_USER_INPUT', async () => {
    const page = await t.graphql(TicketsDocument, { tenantId: 'tenant_a', first: 2 });
    const createdAtCursor = page.body.data!.tickets.pageInfo.endCursor!;
    const runs = await t.graphql(IngestionRunsDocument, { tenantId: 'tenant_a', first: 1 });
    const runCursor = runs.body.data!.ingestionRuns.pageInfo.endCursor!;
    const [scope, , id] = JSON.parse(Buffer.from(createdAtCursor, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify([scope, 'not-a-date', id])).toString('base64url');
    for (const variables of [
      { after: forged },
      { after: runCursor },
      { after: createdAtCursor, orderBy: { field: 'URGENCY', direction: 'DESC' } },
      { before: createdAtCursor, orderBy: { field: 'CREATED_AT', direction: 'ASC' } },
    ] as TicketsQueryVariables[]) {
      const response = await t.graphql(TicketsDocument, { tenantId: 'tenant_a', ...variables });
      expect(errorCodes(response), JSON.stringify(variables)).toEqual(['BAD_USER_INPUT']);
    }
    const next = await t.graphql(TicketsDocument, { tenantId: 'tenant_a', after: createdAtCursor });
    expect(next.body.errors).toBeUndefined();
  });

  // Tickets by list, id and node: in process (test/unit/graphql/tickets.test.ts).
  it("never shows a tenant key another tenant's stats, runs or lock", async () => {
    const own = await page({ first: 100 }, tenantBKey);
    expect(own.edges.every((e) => e.node.tenantId === 'tenant_b')).toBe(true);
    const stats = await t.graphql(TenantStatsDocument, { tenantId: 'tenant_a' }, tenantBKey);
    expect(errorCodes(stats)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(stats.body)).not.toMatch(/tenant_a.*\d/);
    expect(
      errorCodes(await t.graphql(IngestionRunsDocument, { tenantId: 'tenant_a' }, tenantBKey)),
    ).toEqual(['FORBIDDEN']);
    const ownRuns = await t.graphql(IngestionRunsDocument, {}, tenantBKey);
    expect(ownRuns.body.data?.ingestionRuns.nodes.every((run) => run.tenantId === 'tenant_b')).toBe(
      true,
    );
    expect(ownRuns.body.data?.ingestionRuns.totalCount).toBe(1);
  });

  it('computes tenantStats equal to direct counts of the same tickets', async () => {
    const asOf = new Date();
    const response = await t.graphql(TenantStatsDocument, {
      tenantId: 'tenant_a',
      asOf: asOf.toISOString(),
      days: 30,
      limit: 5,
    });
    expect(response.body.errors).toBeUndefined();
    const stats = response.body.data!.tenantStats;
    const live = await t.db.models.tickets.find({ tenantId: 'tenant_a', deletedAt: null }).lean();
    expect(stats.totalTickets).toBe(live.length);
    const count = (predicate: (d: (typeof live)[number]) => boolean) =>
      live.filter(predicate).length;
    for (const { status, count: n } of stats.byStatus)
      expect(n, status).toBe(count((d) => d.status === status));
    for (const { source, count: n } of stats.bySource)
      expect(n, source).toBe(count((d) => d.source === source));
    for (const { urgency, count: n } of stats.byUrgency)
      expect(n).toBe(count((d) => d.classification.urgency === urgency));
    for (const { sentiment, count: n } of stats.bySentiment)
      expect(n).toBe(count((d) => d.classification.sentiment === sentiment));
    expect(stats.byStatus).toHaveLength(3);
    expect(stats.requiresActionCount).toBe(count((d) => d.classification.requiresAction));
    expect(stats.urgencyHighRatio).toBeCloseTo(
      count((d) => d.classification.urgency === 'HIGH') / live.length,
      10,
    );

    expect(stats.hourlyTrend).toHaveLength(24);
    const hourStart = Date.parse(stats.hourlyTrend[0]!.bucketStart);
    expect(Date.parse(stats.hourlyTrend[23]!.bucketStart)).toBe(
      Math.floor(asOf.getTime() / 3_600_000) * 3_600_000,
    );
    expect(stats.hourlyTrend.reduce((sum, p) => sum + p.count, 0)).toBe(
      count((d) => d.createdAt.getTime() >= hourStart && d.createdAt <= asOf),
    );
    expect(stats.dailyTrend).toHaveLength(30);
    const dayStart = Date.parse(stats.dailyTrend[0]!.bucketStart);
    expect(stats.dailyTrend.reduce((sum, p) => sum + p.count, 0)).toBe(
      count((d) => d.createdAt.getTime() >= dayStart && d.createdAt <= asOf),
    );
    expect(stats.week).toEqual(stats.dailyTrend.slice(-7));

    const keywordCounts = new Map<string, number>();
    for (const d of live)
      for (const k of d.classification.keywords)
        keywordCounts.set(k, (keywordCounts.get(k) ?? 0) + 1);
    expect(stats.topKeywords).toHaveLength(5);
    for (const { keyword, count: n } of stats.topKeywords)
      expect(n, keyword).toBe(keywordCounts.get(keyword));
    expect(Math.max(...keywordCounts.values())).toBe(stats.topKeywords[0]!.count);

    const top = stats.atRiskCustomers[0]!;
    const mine = live.filter((d) => d.customerId === top.customerId);
    expect(top.highUrgencyTickets).toBe(
      mine.filter((d) => d.classification.urgency === 'HIGH').length,
    );
    expect(top.negativeTickets).toBe(
      mine.filter((d) => d.classification.sentiment === 'NEGATIVE').length,
    );
    expect(top.openTickets).toBe(mine.filter((d) => d.status !== 'CLOSED').length);
    expect(top.riskScore).toBe(
      3 * top.highUrgencyTickets + 2 * top.negativeTickets + top.openTickets,
    );
    const scores = stats.atRiskCustomers.map((c) => c.riskScore);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('answers zeros for a tenant with no tickets and rejects out-of-range arguments', async () => {
    const empty = await t.graphql(TenantStatsDocument, {
      tenantId: 'tenant_nobody',
      days: 3,
      limit: 3,
    });
    expect(empty.body.data?.tenantStats).toMatchObject({
      totalTickets: 0,
      urgencyHighRatio: 0,
      topKeywords: [],
      atRiskCustomers: [],
    });
    expect(empty.body.data?.tenantStats.hourlyTrend.every((p) => p.count === 0)).toBe(true);
    expect(
      errorCodes(await t.graphql(TenantStatsDocument, { tenantId: 'tenant_a', days: 0 })),
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      errorCodes(await t.graphql(TenantStatsDocument, { tenantId: 'tenant_a', limit: 1000 })),
    ).toEqual(['BAD_USER_INPUT']);
  });

  it('loads history and notifications of a 100-ticket page in a constant number of database commands', async () => {
    const client = t.db.connection.getClient();
    const countCommands = async (first: number) => {
      const commands: string[] = [];
      // Named with their collection, so a failure says which command came extra.
      const listener = (event: { commandName: string; command: Record<string, unknown> }) =>
        commands.push(`${event.commandName}:${String(event.command[event.commandName])}`);
      client.on('commandStarted', listener);
      const response = await t.graphql(TicketsWithNestedDocument, { tenantId: 'tenant_a', first });
      client.off('commandStarted', listener);
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data?.tickets.nodes).toHaveLength(first);
      return commands;
    };
    // The gateway's background jobs (health pings, learning, roll-ups) share the client and
    // only ever add commands: the fewest of three runs are the request's own.
    const fewest = async (first: number) => {
      let best = await countCommands(first);
      for (let run = 1; run < 3; run++) {
        const next = await countCommands(first);
        if (next.length < best.length) best = next;
      }
      return best;
    };
    const small = await fewest(10);
    const large = await fewest(100);
    expect(large.length, large.join(', ')).toBe(small.length);
    expect(large.length, large.join(', ')).toBeLessThanOrEqual(6);
    const nested = await t.graphql(TicketsWithNestedDocument, { tenantId: 'tenant_a', first: 100 });
    const nodes = nested.body.data!.tickets.nodes;
    // Tickets written by ingestion have a CREATED entry; the ones inserted directly have none.
    const ingested = nodes.filter((n) => !n.externalId.startsWith('lit-'));
    expect(ingested.length).toBeGreaterThan(90);
    for (const n of ingested) {
      expect(n.history.totalCount).toBeGreaterThanOrEqual(1);
      expect(n.history.nodes.at(-1)?.action).toBe('CREATED');
    }
    expect(
      nodes.filter((n) => n.externalId.startsWith('lit-')).every((n) => n.history.totalCount === 0),
    ).toBe(true);
    const alerted = nodes.filter((n) => n.notification !== null);
    expect(alerted.length).toBe(
      await t.db.models.notifications.countDocuments({
        ticketId: {
          $in: nodes.map((n) => Buffer.from(n.id, 'base64url').toString().split(':')[1]!),
        },
      }),
    );
    // Delivery is off here: each alert is due (PENDING) or skipped with its reason.
    for (const { notification } of alerted) {
      expect(notification!.attempts).toBe(0);
      expect(notification!.status === 'SKIPPED').toBe(notification!.skipReason !== null);
      expect(['PENDING', 'SKIPPED']).toContain(notification!.status);
    }
  });

  it('pages ingestion runs and filters them by status', async () => {
    const all = await t.graphql(IngestionRunsDocument, { tenantId: 'tenant_a', first: 1 });
    expect(all.body.data?.ingestionRuns.totalCount).toBe(1);
    const failed = await t.graphql(IngestionRunsDocument, {
      tenantId: 'tenant_a',
      status: ['FAILED'],
    });
    expect(failed.body.data?.ingestionRuns.totalCount).toBe(0);
  });

  it('pages ingestion runs backwards with last and before', async () => {
    await ingest(t, 'tenant_c');
    await ingest(t, 'tenant_c');
    await ingest(t, 'tenant_c');
    type Runs = { ingestionRuns: { edges: { cursor: string; node: { id: string } }[] } };
    const runs = async (args: string) =>
      (
        await t.graphql<Runs>(
          `{ ingestionRuns(tenantId: "tenant_c", ${args}) { edges { cursor node { id } } } }`,
        )
      ).body.data!.ingestionRuns.edges;
    const newestFirst = await runs('first: 3');
    const ids = newestFirst.map((e) => e.node.id);
    expect((await runs('last: 2')).map((e) => e.node.id)).toEqual(ids.slice(1));
    const oldest = newestFirst[2]!.cursor;
    expect((await runs(`last: 1, before: "${oldest}"`)).map((e) => e.node.id)).toEqual([ids[1]]);
  });

  it('reports the notification circuit', async () => {
    const response = await t.graphql(NotificationCircuitDocument);
    expect(response.body.data?.notificationCircuit).toMatchObject({
      state: 'CLOSED',
      windowSize: 10,
    });
  });
});
