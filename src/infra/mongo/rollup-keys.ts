import { QUARTER_MS, QUARTERS_PER_DAY } from '../../domain/stats/rollup-delta.js';

const DAY_MS = QUARTER_MS * QUARTERS_PER_DAY;

/** A tenant id as the start of a roll-up `_id`: never holds the `|` that ends it. */
const prefix = (tenantId: string) => `${encodeURIComponent(tenantId)}|`;

/**
 * Roll-up document ids: `<tenant>|totals`, `<tenant>|day|2026-12-04`,
 * `<tenant>|quarter|2026-12-04T10:45Z`. A tenant's documents sort together, so ranged
 * sharding on `_id` keeps them on few shards and every command names one tenant's ids.
 */
export const rollupId = {
  totals: (tenantId: string) => `${prefix(tenantId)}totals`,
  day: (tenantId: string, day: number) =>
    `${prefix(tenantId)}day|${new Date(day * DAY_MS).toISOString().slice(0, 10)}`,
  quarter: (tenantId: string, quarter: number) =>
    `${prefix(tenantId)}quarter|${new Date(quarter * QUARTER_MS).toISOString().slice(0, 16)}Z`,
  /** Every id of the tenant ('}' is the character after '|'). */
  range: (tenantId: string) => ({
    $gt: prefix(tenantId),
    $lt: `${prefix(tenantId).slice(0, -1)}}`,
  }),
};

/** The day (days since 1970) and quarter (of the day) a `day` or `quarter` id names. */
export function dayOfId(id: string): number {
  return Date.parse(`${id.slice(id.lastIndexOf('|') + 1)}T00:00:00Z`) / DAY_MS;
}

export function quarterOfId(id: string): number {
  return Date.parse(id.slice(id.lastIndexOf('|') + 1)) / QUARTER_MS;
}

const ESCAPES: Record<string, string> = { '%': '%25', '.': '%2E', $: '%24' };
const UNESCAPES: Record<string, string> = { '%25': '%', '%2E': '.', '%24': '$' };

/** A keyword as a field name: no dots or dollars (MongoDB would read them as paths or operators). */
export const fieldName = (key: string) => key.replace(/[%.$]/g, (c) => ESCAPES[c]!);
export const fromFieldName = (name: string) => name.replace(/%(25|2E|24)/g, (e) => UNESCAPES[e]!);
