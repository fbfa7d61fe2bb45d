import { badUserInput } from '../../src/domain/errors.js';
import type { Cursor, PageRequest } from '../../src/domain/pagination/page-args.js';
import { encodeCursor } from '../../src/domain/pagination/page-args.js';
import type { Page, PageSlice } from '../../src/domain/pagination/page.js';
import {
  OrderDirection,
  TicketOrderField,
  uncertaintyOf,
  type TicketChangeRecord,
  type TicketFilter,
  type TicketOrder,
  type TicketReadStore,
  type TicketRecord,
} from '../../src/domain/tickets/ticket-query.js';
import { Urgency } from '../../src/domain/tickets/ticket.types.js';
import type { InMemoryTicketSyncStore, MemoryChange, MemoryTicket } from './fakes.js';

const URGENCY_RANK: Record<Urgency, number> = { HIGH: 2, MEDIUM: 1, LOW: 0 };

/** One order of a list: its cursor scope, and each item's sort key. */
interface Order<T> {
  scope: string;
  /** 1 ascending, -1 descending; ties are broken by id in the same direction. */
  direction: 1 | -1;
  keyOf(item: T): number;
  id(item: T): string;
  /** Whether a cursor key can be one of this order. */
  validKey(key: number | string): boolean;
}

const isNumber = (key: number | string): key is number =>
  typeof key === 'number' && Number.isFinite(key);
/** A cursor key that is a real instant (a Date holds at most 10^8 days from the epoch). */
const isDateKey = (key: number | string) =>
  Number.isSafeInteger(key) && Math.abs(key as number) <= 8.64e15;

function compare<T>(order: Order<T>, a: T, b: T): number {
  const byKey = order.keyOf(a) - order.keyOf(b);
  const byId = order.id(a) < order.id(b) ? -1 : order.id(a) > order.id(b) ? 1 : 0;
  return order.direction * (byKey !== 0 ? byKey : byId);
}

/** Whether `item` lies strictly past `cursor` in the order's direction (`sign` 1) or before it (-1). */
function past<T>(order: Order<T>, cursor: Cursor, item: T, sign: 1 | -1): boolean {
  if (cursor.scope !== order.scope || !order.validKey(cursor.key))
    throw badUserInput('The cursor is not a cursor of this list and order.');
  const key = order.keyOf(item) - (cursor.key as number);
  const byId = order.id(item) < cursor.id ? -1 : order.id(item) > cursor.id ? 1 : 0;
  return sign * order.direction * (key !== 0 ? key : byId) > 0;
}

/** Keyset pagination over items in memory, as the MongoDB adapter pages (see paginate.ts). */
function pageOf<T>(items: T[], order: Order<T>, request: PageRequest): PageSlice<T> {
  let within = [...items].sort((a, b) => compare(order, a, b));
  const { after, before } = request;
  if (after !== null) within = within.filter((item) => past(order, after, item, 1));
  if (before !== null) within = within.filter((item) => past(order, before, item, -1));
  const forward = request.direction === 'forward';
  const chosen = forward
    ? within.slice(0, request.size)
    : within.slice(Math.max(0, within.length - request.size));
  const more = within.length > chosen.length;
  const page = chosen.map((node) => ({
    node,
    cursor: encodeCursor({ scope: order.scope, key: order.keyOf(node), id: order.id(node) }),
  }));
  return {
    items: page,
    pageInfo: {
      hasNextPage: forward ? more : before !== null,
      hasPreviousPage: forward ? after !== null : more,
      startCursor: page[0]?.cursor ?? null,
      endCursor: page.at(-1)?.cursor ?? null,
    },
  };
}

function ticketOrder(order: TicketOrder): Order<MemoryTicket> {
  const direction = order.direction === OrderDirection.ASC ? 1 : -1;
  const id = (t: MemoryTicket) => t.id;
  const dates = (path: string, get: (t: MemoryTicket) => Date): Order<MemoryTicket> => ({
    scope: `tickets/${path}/${direction}`,
    direction,
    keyOf: (t) => get(t).getTime(),
    id,
    validKey: isDateKey,
  });
  switch (order.field) {
    case TicketOrderField.UPDATED_AT:
      return dates('updatedAt', (t) => t.updatedAt);
    case TicketOrderField.URGENCY:
      return {
        scope: `tickets/urgencyRank/${direction}`,
        direction,
        keyOf: (t) => URGENCY_RANK[t.classification.urgency],
        id,
        validKey: (key) => Object.values(URGENCY_RANK).includes(key as number),
      };
    case TicketOrderField.UNCERTAINTY:
      return {
        scope: `tickets/uncertainty/${direction}`,
        direction,
        keyOf: (t) => uncertaintyOf(t.classification),
        id,
        validKey: (key) => isNumber(key) && key >= 0 && key <= 1,
      };
    default:
      return dates('createdAt', (t) => t.createdAt);
  }
}

const changeOrder: Order<MemoryChange> = {
  scope: 'ticketHistory/at/-1',
  direction: -1,
  keyOf: (c) => c.at.getTime(),
  id: (c) => c.id,
  validKey: isDateKey,
};

function matches(ticket: MemoryTicket, tenantId: string, filter: TicketFilter): boolean {
  const { classification: c } = ticket;
  const search = filter.search?.toLowerCase();
  return (
    ticket.tenantId === tenantId &&
    (filter.includeDeleted === true || ticket.deletedAt === null) &&
    (!filter.status?.length || filter.status.includes(ticket.status as never)) &&
    (!filter.source?.length || filter.source.includes(ticket.source as never)) &&
    (!filter.urgency?.length || filter.urgency.includes(c.urgency)) &&
    (!filter.sentiment?.length || filter.sentiment.includes(c.sentiment)) &&
    (filter.requiresAction === null ||
      filter.requiresAction === undefined ||
      c.requiresAction === filter.requiresAction) &&
    (filter.needsReview === null ||
      filter.needsReview === undefined ||
      c.needsReview === filter.needsReview) &&
    (!filter.customerId || ticket.customerId === filter.customerId) &&
    (!filter.createdAfter || ticket.createdAt >= filter.createdAfter) &&
    (!filter.createdBefore || ticket.createdAt < filter.createdBefore) &&
    (!search ||
      ticket.subject.toLowerCase().includes(search) ||
      ticket.message.toLowerCase().includes(search))
  );
}

function toRecord(ticket: MemoryTicket): TicketRecord {
  const { facts: _facts, ...record } = structuredClone(ticket);
  return record as TicketRecord;
}

function toChange(change: MemoryChange): TicketChangeRecord {
  const { id, ticketId, at, action, runId, changes } = structuredClone(change);
  return { id, ticketId, at, action, runId, changes, by: null, note: null };
}

/** The read side over the in-memory sync store's tickets and history. */
export class InMemoryTicketReadStore implements TicketReadStore {
  constructor(private readonly stored: InMemoryTicketSyncStore) {}

  async list(
    tenantId: string,
    filter: TicketFilter,
    order: TicketOrder,
    page: PageRequest,
  ): Promise<Page<TicketRecord>> {
    const all = [...this.stored.tickets.values()].filter((t) => matches(t, tenantId, filter));
    const slice = pageOf(all, ticketOrder(order), page);
    return {
      items: slice.items.map(({ node, cursor }) => ({ node: toRecord(node), cursor })),
      pageInfo: slice.pageInfo,
      totalCount: async () => all.length,
    };
  }

  async findById(id: string): Promise<TicketRecord | null> {
    const ticket = [...this.stored.tickets.values()].find((t) => t.id === id);
    return ticket === undefined ? null : toRecord(ticket);
  }

  async historyOf(
    ticketIds: readonly string[],
    page: PageRequest,
  ): Promise<Map<string, PageSlice<TicketChangeRecord>>> {
    return new Map(
      ticketIds.map((id) => {
        const slice = pageOf(
          this.stored.history.filter((c) => c.ticketId === id),
          changeOrder,
          page,
        );
        return [
          id,
          {
            items: slice.items.map(({ node, cursor }) => ({ node: toChange(node), cursor })),
            pageInfo: slice.pageInfo,
          },
        ];
      }),
    );
  }

  async historyCounts(ticketIds: readonly string[]): Promise<Map<string, number>> {
    return new Map(
      ticketIds.map((id) => [id, this.stored.history.filter((c) => c.ticketId === id).length]),
    );
  }
}
