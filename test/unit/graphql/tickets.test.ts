import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangeAction, Urgency } from '../../../src/domain/tickets/ticket.types.js';
import { TicketDocument, TicketsDocument } from '../../generated/graphql.js';
import { parsedTicket, testClassification } from '../../support/fakes.js';
import { inProcessGateway, type InProcessGateway } from '../../support/in-process.js';

/** Writes tickets as ingestion does: e1 oldest, each a minute later; urgencies as given. */
async function seed(g: InProcessGateway, tenantId: string, urgencies: Urgency[]) {
  const creates = urgencies.map((urgency, i) => {
    const at = new Date(Date.UTC(2026, 10, 1, 10, i));
    const parsed = parsedTicket(tenantId, `${tenantId}-e${i + 1}`, {
      createdAt: at,
      updatedAt: at,
    });
    if (!parsed.ok) throw new Error('unreachable');
    return { ticket: parsed.ticket, classification: testClassification(urgency) };
  });
  const history = creates.map(({ ticket }) => ({
    externalId: ticket.externalId,
    action: ChangeAction.CREATED,
    changes: [],
  }));
  const counts = { created: creates.length, updated: 0, unchanged: 0 };
  const plan = { creates, rewrites: [], history, alerts: [], changes: [], counts };
  return g.ticketStore.applyPlan(tenantId, 'run', plan, new Date());
}

/** The tickets API in process, over the ticket stores' fakes (their contract keeps them true). */
describe('tickets, in process', () => {
  let g: InProcessGateway;
  beforeAll(async () => {
    g = await inProcessGateway();
    await seed(g, 'tenant_a', [Urgency.LOW, Urgency.HIGH, Urgency.MEDIUM]);
    await seed(g, 'tenant_b', [Urgency.HIGH]);
  });
  afterAll(() => g.stop());

  const externalIds = (data: { tickets: { edges: { node: { externalId: string } }[] } }) =>
    data.tickets.edges.map((edge) => edge.node.externalId);

  it('walks the pages with cursors, newest first, and counts them', async () => {
    const first = await g.graphql(TicketsDocument, { tenantId: 'tenant_a', first: 2 });
    expect(first.body.errors).toBeUndefined();
    expect(externalIds(first.body.data!)).toEqual(['tenant_a-e3', 'tenant_a-e2']);
    expect(first.body.data!.tickets.totalCount).toBe(3);
    expect(first.body.data!.tickets.pageInfo.hasNextPage).toBe(true);
    const rest = await g.graphql(TicketsDocument, {
      tenantId: 'tenant_a',
      first: 2,
      after: first.body.data!.tickets.pageInfo.endCursor,
    });
    expect(externalIds(rest.body.data!)).toEqual(['tenant_a-e1']);
    expect(rest.body.data!.tickets.pageInfo.hasNextPage).toBe(false);
  });

  it('filters and orders as asked', async () => {
    const high = await g.graphql(TicketsDocument, {
      tenantId: 'tenant_a',
      filter: { urgency: [Urgency.HIGH] },
    });
    expect(externalIds(high.body.data!)).toEqual(['tenant_a-e2']);
    const byUrgency = await g.graphql(TicketsDocument, {
      tenantId: 'tenant_a',
      orderBy: { field: 'URGENCY', direction: 'DESC' },
    } as never);
    expect(externalIds(byUrgency.body.data!)).toEqual([
      'tenant_a-e2',
      'tenant_a-e3',
      'tenant_a-e1',
    ]);
  });

  it("never shows a tenant key another tenant's tickets, by list, id or node", async () => {
    const tenantB = await g.tenantKey('tenant_b');
    const own = await g.graphql(TicketsDocument, {}, tenantB);
    expect(externalIds(own.body.data!)).toEqual(['tenant_b-e1']);
    const aTicket = (await g.graphql(TicketsDocument, { tenantId: 'tenant_a', first: 1 })).body
      .data!.tickets.edges[0]!.node;
    expect(
      (await g.graphql(TicketDocument, { id: aTicket.id }, tenantB)).body.data?.ticket,
    ).toBeNull();
    expect(
      (await g.graphql(TicketDocument, { id: aTicket.id })).body.data?.ticket?.externalId,
    ).toBe(aTicket.externalId);
    const node = await g.graphql<{ node: unknown }>(
      `{ node(id: "${aTicket.id}") { id } }`,
      {},
      tenantB,
    );
    expect(node.body.data?.node).toBeNull();
  });
});
