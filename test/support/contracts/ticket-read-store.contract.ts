import { describe, expect, it } from 'vitest';
import type { TicketSyncStore } from '../../../src/domain/ingestion/ports.js';
import type { PagePlan } from '../../../src/domain/ingestion/ticket-sync.js';
import { toPageRequest, type PageArgs } from '../../../src/domain/pagination/page-args.js';
import {
  DEFAULT_TICKET_ORDER,
  OrderDirection,
  TicketOrderField,
  type TicketFilter,
  type TicketReadStore,
} from '../../../src/domain/tickets/ticket-query.js';
import {
  ChangeAction,
  TicketStatus,
  Urgency,
  type Classification,
} from '../../../src/domain/tickets/ticket.types.js';
import { parsedTicket, testClassification } from '../fakes.js';

const minute = (n: number) => new Date(Date.UTC(2026, 10, 1, 10, n));

/** Five tickets of t1 (e1 oldest … e5 newest) and one of t2, written as ingestion writes them. */
async function seed(sync: TicketSyncStore): Promise<Map<string, string>> {
  const ticket = (externalId: string, n: number, extra: Record<string, unknown> = {}) => {
    const parsed = parsedTicket('t1', externalId, {
      createdAt: minute(n),
      updatedAt: minute(60 - n),
      ...extra,
    });
    if (!parsed.ok) throw new Error('unreachable');
    return parsed.ticket;
  };
  const labels = (urgency: Urgency, needsReview = false): Classification => ({
    ...testClassification(urgency),
    needsReview,
    confidence: needsReview
      ? { urgency: 0.4, sentiment: 0.9, requiresAction: 0.9 }
      : { urgency: 0.9, sentiment: 0.9, requiresAction: 0.9 },
  });
  const creates = [
    { ticket: ticket('e1', 1), classification: labels(Urgency.LOW) },
    {
      ticket: ticket('e2', 2, { subject: 'Is the API down? (Outage?)' }),
      classification: labels(Urgency.HIGH),
    },
    {
      ticket: ticket('e3', 3, { status: TicketStatus.CLOSED }),
      classification: labels(Urgency.MEDIUM, true),
    },
    { ticket: ticket('e4', 4), classification: labels(Urgency.HIGH) },
    { ticket: ticket('e5', 5), classification: labels(Urgency.LOW) },
  ];
  const plan: PagePlan = {
    creates,
    rewrites: [],
    history: creates.map(({ ticket: t }) => ({
      externalId: t.externalId,
      action: ChangeAction.CREATED,
      changes: [{ field: 'subject', from: null, to: t.subject }],
    })),
    alerts: [],
    changes: [],
    counts: { created: creates.length, updated: 0, unchanged: 0 },
  };
  const ids = await sync.applyPlan('t1', 'run-1', plan, minute(10), 1);
  const other = parsedTicket('t2', 'x1');
  if (other.ok)
    await sync.applyPlan(
      't2',
      'run-2',
      {
        ...plan,
        creates: [{ ticket: other.ticket, classification: labels(Urgency.HIGH) }],
        history: [],
      },
      minute(10),
      2,
    );
  // e5 is deleted: two history entries then, the newer one last.
  await sync.softDelete(
    't1',
    'run-3',
    [{ id: ids.get('e5')!, externalId: 'e5', facts: null as never }],
    minute(20),
    3,
  );
  return ids;
}

/**
 * What every TicketReadStore does, over tickets its sync store wrote, run against the
 * in-memory fakes (unit) and the MongoDB adapters (integration) alike. `make` gives both
 * stores over the same empty storage.
 */
export function ticketReadStoreContract(
  name: string,
  make: () => Promise<{ sync: TicketSyncStore; read: TicketReadStore }>,
) {
  describe(`TicketReadStore contract: ${name}`, () => {
    const externalIds = async (
      read: TicketReadStore,
      filter: TicketFilter,
      args: PageArgs = { first: 100 },
      order = DEFAULT_TICKET_ORDER,
    ) => {
      const page = await read.list('t1', filter, order, toPageRequest(args));
      return page.items.map((item) => item.node.externalId);
    };

    it("lists a tenant's live tickets newest first, a page at a time either way", async () => {
      const { sync, read } = await make();
      await seed(sync);
      const first = await read.list('t1', {}, DEFAULT_TICKET_ORDER, toPageRequest({ first: 2 }));
      expect(first.items.map((i) => i.node.externalId)).toEqual(['e4', 'e3']);
      expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
      expect(await first.totalCount()).toBe(4);
      const after = first.pageInfo.endCursor!;
      expect(await externalIds(read, {}, { first: 5, after })).toEqual(['e2', 'e1']);
      const last = await read.list('t1', {}, DEFAULT_TICKET_ORDER, toPageRequest({ last: 1 }));
      expect(last.items.map((i) => i.node.externalId)).toEqual(['e1']);
      expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
      const before = last.pageInfo.startCursor!;
      expect(await externalIds(read, {}, { last: 2, before })).toEqual(['e3', 'e2']);
      expect(await externalIds(read, {}, { first: 0 })).toEqual([]);
    });

    it('filters by each field, searches literally and case-insensitively, and shows deleted on request', async () => {
      const { sync, read } = await make();
      await seed(sync);
      expect(await externalIds(read, { urgency: [Urgency.HIGH] })).toEqual(['e4', 'e2']);
      expect(await externalIds(read, { status: [TicketStatus.CLOSED] })).toEqual(['e3']);
      expect(await externalIds(read, { needsReview: true })).toEqual(['e3']);
      expect(await externalIds(read, { needsReview: false })).toEqual(['e4', 'e2', 'e1']);
      expect(await externalIds(read, { search: 'outage?)' })).toEqual(['e2']);
      expect(await externalIds(read, { search: 'out.ge' })).toEqual([]);
      expect(
        await externalIds(read, { createdAfter: minute(2), createdBefore: minute(4) }),
      ).toEqual(['e3', 'e2']);
      expect(await externalIds(read, { includeDeleted: true })).toEqual([
        'e5',
        'e4',
        'e3',
        'e2',
        'e1',
      ]);
    });

    it('orders by urgency, updatedAt and uncertainty, and refuses a cursor of another order', async () => {
      const { sync, read } = await make();
      await seed(sync);
      const by = (field: TicketOrderField, direction: OrderDirection) =>
        externalIds(read, {}, { first: 100 }, { field, direction });
      // Ties in the same order as the key: the earlier written first when ascending.
      expect(await by(TicketOrderField.URGENCY, OrderDirection.DESC)).toEqual([
        'e4',
        'e2',
        'e3',
        'e1',
      ]);
      expect(await by(TicketOrderField.UPDATED_AT, OrderDirection.ASC)).toEqual([
        'e4',
        'e3',
        'e2',
        'e1',
      ]);
      expect((await by(TicketOrderField.UNCERTAINTY, OrderDirection.DESC))[0]).toBe('e3');
      const page = await read.list('t1', {}, DEFAULT_TICKET_ORDER, toPageRequest({ first: 1 }));
      const foreign = toPageRequest({ first: 1, after: page.pageInfo.endCursor });
      await expect(
        read.list(
          't1',
          {},
          { field: TicketOrderField.URGENCY, direction: OrderDirection.DESC },
          foreign,
        ),
      ).rejects.toThrow(/not a cursor of this list/);
    });

    it("finds a ticket by id, and pages each ticket's history newest first", async () => {
      const { sync, read } = await make();
      const ids = await seed(sync);
      const e5 = ids.get('e5')!;
      expect(await read.findById(e5)).toMatchObject({
        externalId: 'e5',
        tenantId: 't1',
        deletedAt: minute(20),
        classification: { urgency: Urgency.LOW },
        correction: null,
      });
      expect(await read.findById('f'.repeat(24))).toBeNull();
      const counts = await read.historyCounts([e5, ids.get('e1')!, 'f'.repeat(24)]);
      expect([...counts.values()]).toEqual([2, 1, 0]);
      const pages = await read.historyOf([e5], toPageRequest({ first: 1 }));
      const newest = pages.get(e5)!;
      expect(newest.items.map((i) => i.node.action)).toEqual([ChangeAction.DELETED]);
      expect(newest.items[0]!.node).toMatchObject({ at: minute(20), ticketId: e5 });
      expect(newest.pageInfo.hasNextPage).toBe(true);
      const older = await read.historyOf(
        [e5],
        toPageRequest({ first: 5, after: newest.pageInfo.endCursor }),
      );
      expect(older.get(e5)!.items.map((i) => i.node.action)).toEqual([ChangeAction.CREATED]);
    });
  });
}
