import { isValidObjectId, Types, type Model } from 'mongoose';
import type { PageRequest } from '../../domain/pagination/page-args.js';
import type { Page, PageSlice } from '../../domain/pagination/page.js';
import {
  OrderDirection,
  TicketOrderField,
  type TicketChangeRecord,
  type TicketFilter,
  type TicketOrder,
  type TicketReadStore,
  type TicketRecord,
} from '../../domain/tickets/ticket-query.js';
import type { TicketHistoryDoc } from './models/ticket-history.model.js';
import type { TicketDoc } from './models/ticket.model.js';
import { storedCorrection, storedRaisesAlert, URGENCY_RANK } from './classification-fields.js';
import { beyond, cursorOf, dateSort, paginate, type Filter, type SortSpec } from './paginate.js';

type StoredTicket = TicketDoc & { _id: Types.ObjectId };
type StoredChange = TicketHistoryDoc & { _id: Types.ObjectId; ticketId: Types.ObjectId };

/** User text becomes a literal pattern: "outage?" finds "outage?", not "outag" or "outage". */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function ticketFilter(tenantId: string, filter: TicketFilter): Filter {
  const query: Filter = { tenantId };
  if (!filter.includeDeleted) query.deletedAt = null;
  if (filter.status?.length) query.status = { $in: filter.status };
  if (filter.source?.length) query.source = { $in: filter.source };
  if (filter.urgency?.length) query['classification.urgency'] = { $in: filter.urgency };
  if (filter.sentiment?.length) query['classification.sentiment'] = { $in: filter.sentiment };
  if (filter.requiresAction !== null && filter.requiresAction !== undefined) {
    query['classification.requiresAction'] = filter.requiresAction;
  }
  if (filter.needsReview === true) query['classification.needsReview'] = true;
  // Tickets stored before review existed have no flag: they do not need review.
  if (filter.needsReview === false) query['classification.needsReview'] = { $ne: true };
  if (filter.customerId) query.customerId = filter.customerId;
  if (filter.createdAfter || filter.createdBefore) {
    query.createdAt = {
      ...(filter.createdAfter ? { $gte: filter.createdAfter } : {}),
      ...(filter.createdBefore ? { $lt: filter.createdBefore } : {}),
    };
  }
  if (filter.search) {
    const pattern = escapeRegex(filter.search);
    query.$or = [
      { subject: { $regex: pattern, $options: 'i' } },
      { message: { $regex: pattern, $options: 'i' } },
    ];
  }
  return query;
}

function ticketSort(order: TicketOrder): SortSpec<StoredTicket> {
  const direction = order.direction === OrderDirection.ASC ? 1 : -1;
  switch (order.field) {
    case TicketOrderField.UPDATED_AT:
      return dateSort('tickets', 'updatedAt', direction, (t) => t.updatedAt);
    case TicketOrderField.URGENCY:
      return {
        list: 'tickets',
        path: 'urgencyRank',
        direction,
        keyOf: (t) => t.urgencyRank,
        valueOf: (key) => (Object.values(URGENCY_RANK).includes(key as number) ? key : undefined),
      };
    case TicketOrderField.UNCERTAINTY:
      return {
        list: 'tickets',
        path: 'uncertainty',
        direction,
        keyOf: (t) => t.uncertainty ?? 0,
        valueOf: (key) => (typeof key === 'number' && key >= 0 && key <= 1 ? key : undefined),
      };
    default:
      return dateSort('tickets', 'createdAt', direction, (t) => t.createdAt);
  }
}

function toTicket(doc: StoredTicket): TicketRecord {
  return {
    id: String(doc._id),
    tenantId: doc.tenantId,
    externalId: doc.externalId,
    source: doc.source,
    customerId: doc.customerId,
    subject: doc.subject,
    message: doc.message,
    status: doc.status,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    deletedAt: doc.deletedAt ?? null,
    classification: {
      urgency: doc.classification.urgency,
      sentiment: doc.classification.sentiment,
      requiresAction: doc.classification.requiresAction,
      signals: doc.classification.signals ?? [],
      keywords: doc.classification.keywords ?? [],
      rulesVersion: doc.classification.rulesVersion,
      confidence: doc.classification.confidence ?? null,
      needsReview: doc.classification.needsReview ?? false,
      raisesAlert: storedRaisesAlert(doc.classification),
    },
    correction: storedCorrection(doc),
  };
}

function toChange(doc: StoredChange): TicketChangeRecord {
  return {
    id: String(doc._id),
    ticketId: String(doc.ticketId),
    at: doc.at,
    action: doc.action,
    runId: doc.runId ?? null,
    changes: (doc.changes ?? []).map((c) => ({
      field: c.field,
      from: c.from ?? null,
      to: c.to ?? null,
    })),
    by: doc.by ?? null,
    note: doc.note ?? null,
  };
}

const changeSort = dateSort<StoredChange>('ticketHistory', 'at', -1, (c) => c.at);

export class MongoTicketReadStore implements TicketReadStore {
  constructor(
    private readonly tickets: Model<TicketDoc>,
    private readonly history: Model<TicketHistoryDoc>,
  ) {}

  async list(
    tenantId: string,
    filter: TicketFilter,
    order: TicketOrder,
    page: PageRequest,
  ): Promise<Page<TicketRecord>> {
    const result = await paginate<StoredTicket>(
      this.tickets as unknown as Model<unknown>,
      ticketFilter(tenantId, filter),
      ticketSort(order),
      page,
    );
    return {
      ...result,
      items: result.items.map(({ node, cursor }) => ({ node: toTicket(node), cursor })),
    };
  }

  async findById(id: string): Promise<TicketRecord | null> {
    if (!isValidObjectId(id)) return null;
    const doc = await this.tickets.findById(id).lean<StoredTicket>();
    return doc === null ? null : toTicket(doc);
  }

  /**
   * The history pages of many tickets in one query (newest first): a ticket holds few
   * changes, so the page of each is cut from one sorted read.
   */
  async historyOf(
    ticketIds: readonly string[],
    page: PageRequest,
  ): Promise<Map<string, PageSlice<TicketChangeRecord>>> {
    const ids = ticketIds.filter((id) => isValidObjectId(id)).map((id) => new Types.ObjectId(id));
    const bounds = [
      ...(page.after ? [beyond(changeSort, page.after, changeSort.direction)] : []),
      ...(page.before ? [beyond(changeSort, page.before, -changeSort.direction as 1 | -1)] : []),
    ];
    const filter: Filter = { ticketId: { $in: ids }, ...(bounds.length ? { $and: bounds } : {}) };
    // Backwards, each ticket's changes are walked from the oldest, then put back in order.
    const backward = page.direction === 'backward';
    const walk = backward ? 1 : -1;
    const docs =
      page.size === 0
        ? []
        : await this.history
            .find(filter)
            .sort({ ticketId: 1, at: walk, _id: walk })
            .lean<StoredChange[]>();
    const byTicket = new Map<string, StoredChange[]>();
    for (const doc of docs) {
      const key = String(doc.ticketId);
      const list = byTicket.get(key) ?? [];
      if (list.length <= page.size) list.push(doc);
      byTicket.set(key, list);
    }
    return new Map(
      ticketIds.map((id) => {
        const list = byTicket.get(id) ?? [];
        const more = list.length > page.size;
        const taken = list.slice(0, page.size);
        const items = (backward ? taken.reverse() : taken).map((doc) => ({
          node: toChange(doc),
          cursor: cursorOf(changeSort, doc),
        }));
        return [
          id,
          {
            items,
            pageInfo: {
              hasNextPage: backward ? page.before !== null : more,
              hasPreviousPage: backward ? more : page.after !== null,
              startCursor: items[0]?.cursor ?? null,
              endCursor: items[items.length - 1]?.cursor ?? null,
            },
          },
        ];
      }),
    );
  }

  async historyCounts(ticketIds: readonly string[]): Promise<Map<string, number>> {
    const ids = ticketIds.filter((id) => isValidObjectId(id)).map((id) => new Types.ObjectId(id));
    const rows = await this.history.aggregate<{ _id: Types.ObjectId; count: number }>([
      { $match: { ticketId: { $in: ids } } },
      { $group: { _id: '$ticketId', count: { $sum: 1 } } },
    ]);
    const counts = new Map(rows.map((row) => [String(row._id), row.count]));
    return new Map(ticketIds.map((id) => [id, counts.get(id) ?? 0]));
  }
}
