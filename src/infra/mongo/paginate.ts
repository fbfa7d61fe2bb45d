import { Types, type Model } from 'mongoose';
import { badUserInput } from '../../domain/errors.js';
import { encodeCursor, type Cursor, type PageRequest } from '../../domain/pagination/page-args.js';
import type { Page } from '../../domain/pagination/page.js';

/** Filters are built from validated input by the repositories; paths are checked there. */
export type Filter = Record<string, unknown>;

/** How a list is ordered: one field (ties broken by _id in the same direction). */
export interface SortSpec<Doc> {
  /** The list (its collection), so that a cursor of another list is refused. */
  list: string;
  path: string;
  direction: 1 | -1;
  /** The cursor key of a document (dates as epoch ms). */
  keyOf(doc: Doc): number;
  /** The stored value for a cursor key; undefined when the key cannot be one of this sort. */
  valueOf(key: number | string): unknown;
}

const NOT_A_CURSOR = 'The cursor is not a cursor of this list and order.';

export const dateSort = <Doc>(
  list: string,
  path: string,
  direction: 1 | -1,
  get: (doc: Doc) => Date,
): SortSpec<Doc> => ({
  list,
  path,
  direction,
  keyOf: (doc) => get(doc).getTime(),
  valueOf: (key) => (isDateKey(key) ? new Date(key) : undefined),
});

/** The largest distance from the epoch a Date holds (ECMAScript: 10^8 days in ms). */
const MAX_DATE_MS = 8.64e15;

/** A cursor key that is a real instant: a safe integer of ms within a Date's range. */
function isDateKey(key: number | string): key is number {
  return Number.isSafeInteger(key) && Math.abs(key as number) <= MAX_DATE_MS;
}

function scopeOf(sort: SortSpec<unknown>): string {
  return `${sort.list}/${sort.path}/${sort.direction}`;
}

/** The cursor of a document in this list and order. */
export function cursorOf<Doc extends { _id: Types.ObjectId }>(sort: SortSpec<Doc>, doc: Doc) {
  return encodeCursor({ scope: scopeOf(sort), key: sort.keyOf(doc), id: String(doc._id) });
}

/** Items strictly past `cursor` when walking in `direction` (1 = ascending). */
export function beyond<Doc>(sort: SortSpec<Doc>, cursor: Cursor, direction: 1 | -1): Filter {
  const value = sort.valueOf(cursor.key);
  // A cursor of another list or order, or a forged one, is the caller's mistake.
  if (
    cursor.scope !== scopeOf(sort as SortSpec<unknown>) ||
    value === undefined ||
    !Types.ObjectId.isValid(cursor.id)
  )
    throw badUserInput(NOT_A_CURSOR);
  const op = direction === 1 ? '$gt' : '$lt';
  return {
    $or: [
      { [sort.path]: { [op]: value } },
      { [sort.path]: value, _id: { [op]: new Types.ObjectId(cursor.id) } },
    ],
  };
}

/**
 * Keyset pagination: stable under inserts (a cursor is a position, not an offset) and one
 * indexed range scan per page; `totalCount` runs only when asked for.
 */
export async function paginate<Doc extends { _id: Types.ObjectId }>(
  model: Model<unknown>,
  filter: Filter,
  sort: SortSpec<Doc>,
  request: PageRequest,
): Promise<Page<Doc>> {
  const conditions: Filter[] = [filter];
  if (request.after) conditions.push(beyond(sort, request.after, sort.direction));
  if (request.before) conditions.push(beyond(sort, request.before, -sort.direction as 1 | -1));
  const walk = request.direction === 'forward' ? sort.direction : (-sort.direction as 1 | -1);
  const docs =
    request.size === 0
      ? []
      : await model
          .find(conditions.length === 1 ? filter : { $and: conditions })
          .sort({ [sort.path]: walk, _id: walk })
          .limit(request.size + 1)
          .lean<Doc[]>();
  const more = docs.length > request.size;
  const pageDocs = docs.slice(0, request.size);
  if (request.direction === 'backward') pageDocs.reverse();
  const items = pageDocs.map((node) => ({
    node,
    cursor: cursorOf(sort, node),
  }));
  return {
    items,
    pageInfo: {
      hasNextPage: request.direction === 'forward' ? more : request.before !== null,
      hasPreviousPage: request.direction === 'backward' ? more : request.after !== null,
      startCursor: items[0]?.cursor ?? null,
      endCursor: items[items.length - 1]?.cursor ?? null,
    },
    totalCount: () => model.countDocuments(filter).exec(),
  };
}
