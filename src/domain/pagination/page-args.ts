import { badUserInput } from '../errors.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/**
 * A position in a sorted list: the list and order it belongs to (`scope`), the sort key of
 * an item and its id (ties are broken by id).
 */
export interface Cursor {
  scope: string;
  key: number | string;
  id: string;
}

export interface PageRequest {
  /** forward: `first` items after `after`; backward: `last` items before `before`. */
  direction: 'forward' | 'backward';
  size: number;
  after: Cursor | null;
  before: Cursor | null;
}

/** Opaque to clients: base64url of the scope, the sort key and the id. */
export function encodeCursor(cursor: Cursor): string {
  const fields = [cursor.scope, cursor.key, cursor.id];
  return Buffer.from(JSON.stringify(fields), 'utf8').toString('base64url');
}

export function decodeCursor(value: string, argument: string): Cursor {
  try {
    if (value.length > 500 || !/^[A-Za-z0-9_-]+$/.test(value)) throw new Error('shape');
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 3 &&
      typeof parsed[0] === 'string' &&
      (typeof parsed[1] === 'number' || typeof parsed[1] === 'string') &&
      typeof parsed[2] === 'string'
    ) {
      return { scope: parsed[0], key: parsed[1], id: parsed[2] };
    }
  } catch {
    // Reported below as one kind of error, whatever was wrong.
  }
  throw badUserInput(`${argument} is not a cursor of this list.`);
}

function checkSize(value: number | null | undefined, argument: string): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < 0 || value > MAX_PAGE_SIZE) {
    throw badUserInput(`${argument} must be between 0 and ${MAX_PAGE_SIZE}.`);
  }
  return value;
}

/** Validates Relay arguments: sizes within 0..100, never first and last together, real cursors. */
export function toPageRequest(args: PageArgs): PageRequest {
  const first = checkSize(args.first, 'first');
  const last = checkSize(args.last, 'last');
  if (first !== null && last !== null) throw badUserInput('Pass first or last, not both.');
  const after = args.after ? decodeCursor(args.after, 'after') : null;
  const before = args.before ? decodeCursor(args.before, 'before') : null;
  if (last !== null) return { direction: 'backward', size: last, after, before };
  return { direction: 'forward', size: first ?? DEFAULT_PAGE_SIZE, after, before };
}
