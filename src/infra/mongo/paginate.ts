import { Types, type Model } from 'mongoose';
import { badUserInput } from '../../domain/errors.js';
import { encodeCursor, type Cursor, type PageRequest } from '../../domain/pagination/page-args.js';
import type { Page } from '../../domain/pagination/page.js';

/** Filters are built from validated input by the repositories; paths are checked there. */
export type Filter = Record<string, unknown>;

/** How a list is ordered: one field (ties broken by _id in the same direction). */
export interface SortSpec<Doc> {
  path: string;
  direction: 1 | -1;
  /** The cursor key of a document (dates as epoch ms). */
  keyOf(doc: Doc): number | string;
  /** The stored value for a cursor key. */
  valueOf(key: number | string): unknown;
}

export const dateSort = <Doc>(
  path: string,
  direction: 1 | -1,
  get: (doc: Doc) => Date,
): SortSpec<Doc> => ({
  path,
  direction,
  keyOf: (doc) => get(doc).getTime(),
  valueOf: (key) => new Date(Number(key)),
});

function objectId(cursor: Cursor): Types.ObjectId {
  if (!Types.ObjectId.isValid(cursor.id))
    throw badUserInput('The cursor is not a cursor of this list.');
  return new Types.ObjectId(cursor.id);
}

/** Items strictly past `cursor` when walking in `direction` (1 = ascending). */
export function beyond<Doc>(sort: SortSpec<Doc>, cursor: Cursor, direction: 1 | -1): Filter {
  const op = direction === 1 ? '$gt' : '$lt';
  const value = sort.valueOf(cursor.key);
  return {
    $or: [
      { [sort.path]: { [op]: value } },
      { [sort.path]: value, _id: { [op]: objectId(cursor) } },
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
    cursor: encodeCursor({ key: sort.keyOf(node), id: String(node._id) }),
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
