import { riskOf, sameFacts, type FactsChange, type StatsFacts } from './ticket-facts.js';

/**
 * Every IANA offset in use since 1972 is a multiple of 15 minutes, so the local hours, days
 * and weeks of any zone are sums of these UTC quarter-hours.
 */
export const QUARTER_MS = 15 * 60_000;
export const QUARTERS_PER_DAY = 96;

export const quarterOf = (ms: number) => Math.floor(ms / QUARTER_MS);

/** One customer's counters (the at-risk figures), and the creation times that came or went. */
export interface CustomerDelta {
  tickets: number;
  negative: number;
  high: number;
  open: number;
  /** Net live tickets per creation time (ms): the customer's latest ticket moves with these. */
  instants: Map<number, number>;
}

const bump = <K>(map: Map<K, number>, key: K, by: number) => {
  const next = (map.get(key) ?? 0) + by;
  if (next === 0) map.delete(key);
  else map.set(key, next);
};

/**
 * What a set of ticket writes adds to a tenant's roll-ups: the totals and breakdowns, the
 * keyword counts, tickets per quarter-hour of creation (the trends), tickets per creation
 * instant (the exact edge of a trend at asOf), and the at-risk counters per customer. Counts
 * that cancel out are dropped, so a write that changes nothing the figures count is empty.
 */
export class RollupDelta {
  total = 0;
  requiresAction = 0;
  needsReview = 0;
  readonly byStatus = new Map<string, number>();
  readonly bySource = new Map<string, number>();
  readonly byUrgency = new Map<string, number>();
  readonly bySentiment = new Map<string, number>();
  readonly keywords = new Map<string, number>();
  /** Quarter index (quarterOf) -> tickets. */
  readonly quarters = new Map<number, number>();
  /** Creation time (ms) -> tickets. */
  readonly instants = new Map<number, number>();
  readonly customers = new Map<string, CustomerDelta>();

  static of(changes: Iterable<FactsChange>): RollupDelta {
    const delta = new RollupDelta();
    for (const { from, to } of changes) {
      if (sameFacts(from, to)) continue;
      if (from !== null) delta.add(from, -1);
      if (to !== null) delta.add(to, 1);
    }
    return delta;
  }

  add(facts: StatsFacts, sign: 1 | -1): void {
    const at = facts.createdAt.getTime();
    this.total += sign;
    if (facts.requiresAction) this.requiresAction += sign;
    if (facts.needsReview) this.needsReview += sign;
    bump(this.byStatus, facts.status, sign);
    bump(this.bySource, facts.source, sign);
    bump(this.byUrgency, facts.urgency, sign);
    bump(this.bySentiment, facts.sentiment, sign);
    for (const keyword of facts.keywords) bump(this.keywords, keyword, sign);
    bump(this.quarters, quarterOf(at), sign);
    bump(this.instants, at, sign);
    const customer = this.customers.get(facts.customerId) ?? {
      tickets: 0,
      negative: 0,
      high: 0,
      open: 0,
      instants: new Map<number, number>(),
    };
    const risk = riskOf(facts);
    customer.tickets += sign;
    customer.negative += sign * risk.negative;
    customer.high += sign * risk.high;
    customer.open += sign * risk.open;
    bump(customer.instants, at, sign);
    if (isNothing(customer)) this.customers.delete(facts.customerId);
    else this.customers.set(facts.customerId, customer);
  }

  get isEmpty(): boolean {
    return (
      this.total === 0 &&
      this.requiresAction === 0 &&
      this.needsReview === 0 &&
      this.quarters.size === 0 &&
      this.customers.size === 0 &&
      [this.byStatus, this.bySource, this.byUrgency, this.bySentiment, this.keywords].every(
        (map) => map.size === 0,
      )
    );
  }

  /** Customers who lost a live ticket: their latest ticket time must be read again. */
  customersLosingTickets(): string[] {
    return [...this.customers]
      .filter(([, customer]) => [...customer.instants.values()].some((n) => n < 0))
      .map(([customerId]) => customerId);
  }
}

/** The newest creation time a customer gained, if any. */
export function latestGained(customer: CustomerDelta): Date | null {
  let latest: number | null = null;
  for (const [at, n] of customer.instants)
    if (n > 0 && (latest === null || at > latest)) latest = at;
  return latest === null ? null : new Date(latest);
}

const isNothing = (c: CustomerDelta) =>
  c.tickets === 0 && c.negative === 0 && c.high === 0 && c.open === 0 && c.instants.size === 0;
