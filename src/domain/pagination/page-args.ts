import { badUserInput } from '../errors.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** A position in a sorted list: the sort key of an item and its id (ties are broken by id). */
export interface Cursor {
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

/** Opaque to clients: base64url of the sort key and the id. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id]), 'utf8').toString('base64url');
}

export function decodeCursor(value: string, argument: string): Cursor {
  try {
    if (value.length > 500 || !/^[A-Za-z0-9_-]+$/.test(value)) throw new Error('shape');
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      (typeof parsed[0] === 'number' || typeof parsed[0] === 'string') &&
      typeof parsed[1] === 'string'
    ) {
      return { key: parsed[0], id: parsed[1] };
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
