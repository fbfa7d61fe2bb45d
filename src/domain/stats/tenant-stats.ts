import { setImmediate } from 'node:timers/promises';
import type { Principal } from '../auth/principal.js';
import type { TenantService } from '../tenants/tenant.service.js';
import { badUserInput } from '../errors.js';
import { Sentiment, TicketSource, TicketStatus, Urgency } from '../tickets/ticket.types.js';
import {
  dayBuckets,
  hourBuckets,
  weekBuckets,
  type Bucket,
  type WeekBucket,
} from './time-buckets.js';

export const HOURLY_POINTS = 24;
export const MAX_TREND_DAYS = 366;
export const MAX_TREND_WEEKS = 104;
/** Distinct time zones in the trends of one TenantStats (their buckets are Node's work). */
export const MAX_TREND_ZONES = 4;
export const MAX_STATS_LIMIT = 100;

/** Figures a selection may ask for, beyond the trends; each is one facet of the pipeline. */
export enum StatsPart {
  TOTAL = 'total',
  REQUIRES_ACTION = 'requiresAction',
  NEEDS_REVIEW = 'needsReview',
  BY_STATUS = 'byStatus',
  BY_SOURCE = 'bySource',
  BY_URGENCY = 'byUrgency',
  BY_SENTIMENT = 'bySentiment',
  KEYWORDS = 'keywords',
  AT_RISK = 'atRisk',
}

/**
 * What a selection (or several, merged) asks for: the parts, each trend in each time zone
 * with its longest length, and the longest lists. Only this is computed.
 */
export interface StatsSelection {
  parts: StatsPart[];
  hourly: string[];
  daily: { timeZone: string; days: number }[];
  weekly: { timeZone: string; weeks: number }[];
  keywordLimit: number;
  atRiskLimit: number;
}

/** A zone's buckets, oldest first; each ends where the next starts, the last at asOf. */
export interface ZoneBuckets {
  timeZone: string;
  buckets: Bucket[];
}

/**
 * What the store counts: the selection's parts, and the buckets of each trend, computed once
 * per zone. Weekly trends are summed from the days, so `daily` reaches back as far as any
 * daily or weekly trend of the zone needs.
 */
export interface StatsPlan {
  asOf: Date;
  parts: StatsPart[];
  hourly: ZoneBuckets[];
  daily: ZoneBuckets[];
  weekly: { timeZone: string; weeks: WeekBucket[] }[];
  keywordLimit: number;
  atRiskLimit: number;
}

export interface AtRiskCustomer {
  customerId: string;
  negativeTickets: number;
  highUrgencyTickets: number;
  openTickets: number;
  lastTicketAt: Date;
  riskScore: number;
}

/** The pipeline's answer: counts by key; trend counts by zone, then by bucket label. Parts not planned are empty. */
export interface RawStats {
  total: number;
  requiresAction: number;
  needsReview: number;
  byStatus: Map<string, number>;
  bySource: Map<string, number>;
  byUrgency: Map<string, number>;
  bySentiment: Map<string, number>;
  hourly: Map<string, Map<string, number>>;
  daily: Map<string, Map<string, number>>;
  keywords: { keyword: string; count: number }[];
  atRisk: AtRiskCustomer[];
}

export interface StatsStore {
  compute(tenantId: string, plan: StatsPlan): Promise<RawStats>;
}

export interface TrendPoint {
  bucketStart: Date;
  /** The bucket in the asked zone's own terms: `2026-12-03` (a day, a week's Monday) or `2026-12-03T14:00+09:00` (an hour). */
  label: string;
  count: number;
}

/** A tenant's figures; what the selection did not ask for is empty (zero). */
export interface TenantStats {
  tenantId: string;
  asOf: Date;
  totalTickets: number;
  byStatus: { status: TicketStatus; count: number }[];
  bySource: { source: TicketSource; count: number }[];
  byUrgency: { urgency: Urgency; count: number }[];
  bySentiment: { sentiment: Sentiment; count: number }[];
  urgencyHighRatio: number;
  requiresActionCount: number;
  needsReviewCount: number;
  /** By zone: 24 points, oldest first. */
  hourlyTrends: Map<string, TrendPoint[]>;
  /** By zone: the longest `days` asked for, oldest first; a shorter one is its tail. */
  dailyTrends: Map<string, TrendPoint[]>;
  /** By zone: the longest `weeks` asked for, oldest first. */
  weeklyTrends: Map<string, TrendPoint[]>;
  topKeywords: { keyword: string; count: number }[];
  atRiskCustomers: AtRiskCustomer[];
}

export interface StatsRequest {
  tenantId?: string | null;
  /** A past instant, computed as asked; now (shared, see SharedStats) when omitted. */
  asOf?: Date | null;
  selection: StatsSelection;
}

function checkRange(value: number, name: string, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw badUserInput(`${name} must be between 1 and ${max}.`);
  return value;
}

export const checkTrendDays = (days: number) => checkRange(days, 'days', MAX_TREND_DAYS);
export const checkTrendWeeks = (weeks: number) => checkRange(weeks, 'weeks', MAX_TREND_WEEKS);
export const checkStatsLimit = (limit: number) => checkRange(limit, 'limit', MAX_STATS_LIMIT);

/** Several selections as one: what any of them asks for, at its longest. */
export function mergeSelections(selections: StatsSelection[]): StatsSelection {
  const longest = <K extends string>(
    items: ({ timeZone: string } & Record<K, number>)[],
    key: K,
  ) => {
    const byZone = new Map<string, number>();
    for (const item of items)
      byZone.set(item.timeZone, Math.max(byZone.get(item.timeZone) ?? 0, item[key]));
    return [...byZone]
      .sort()
      .map(([timeZone, n]) => ({ timeZone, [key]: n }) as { timeZone: string } & Record<K, number>);
  };
  return {
    parts: [...new Set(selections.flatMap((s) => s.parts))].sort(),
    hourly: [...new Set(selections.flatMap((s) => s.hourly))].sort(),
    daily: longest(
      selections.flatMap((s) => s.daily),
      'days',
    ),
    weekly: longest(
      selections.flatMap((s) => s.weekly),
      'weeks',
    ),
    keywordLimit: Math.max(0, ...selections.map((s) => s.keywordLimit)),
    atRiskLimit: Math.max(0, ...selections.map((s) => s.atRiskLimit)),
  };
}

/** A selection's identity: equal keys ask for the same work. */
export const selectionKey = (selection: StatsSelection) =>
  JSON.stringify(mergeSelections([selection]));

/** The store's plan: the buckets of every trend asked for, in each zone. */
export function planFor(asOf: Date, selection: StatsSelection): StatsPlan {
  const daysByZone = new Map<string, number>();
  const reach = (timeZone: string, days: number) =>
    daysByZone.set(timeZone, Math.max(daysByZone.get(timeZone) ?? 0, days));
  for (const { timeZone, days } of selection.daily) reach(timeZone, days);
  // A week's days start at most 7 × weeks days back.
  for (const { timeZone, weeks } of selection.weekly) reach(timeZone, weeks * 7);
  return {
    asOf,
    parts: selection.parts,
    hourly: selection.hourly.map((timeZone) => ({
      timeZone,
      buckets: hourBuckets(asOf, timeZone, HOURLY_POINTS),
    })),
    daily: [...daysByZone].map(([timeZone, days]) => ({
      timeZone,
      buckets: dayBuckets(asOf, timeZone, days),
    })),
    weekly: selection.weekly.map(({ timeZone, weeks }) => ({
      timeZone,
      weeks: weekBuckets(asOf, timeZone, weeks),
    })),
    keywordLimit: selection.parts.includes(StatsPart.KEYWORDS) ? selection.keywordLimit : 0,
    atRiskLimit: selection.parts.includes(StatsPart.AT_RISK) ? selection.atRiskLimit : 0,
  };
}

/** The time zones a selection's trends use. */
export const zonesOf = (selection: StatsSelection) =>
  new Set([
    ...selection.hourly,
    ...selection.daily.map((trend) => trend.timeZone),
    ...selection.weekly.map((trend) => trend.timeZone),
  ]);

/**
 * The plan, one zone at a time, letting the event loop serve others in between: a zone's
 * buckets at the longest (104 weeks) are several milliseconds of CPU, and a request may
 * ask for a few zones.
 */
async function planInTurns(asOf: Date, selection: StatsSelection): Promise<StatsPlan> {
  const zones = [...zonesOf(selection)];
  if (zones.length <= 1) return planFor(asOf, selection);
  const plan = planFor(asOf, { ...selection, hourly: [], daily: [], weekly: [] });
  for (const zone of zones) {
    await setImmediate();
    const part = planFor(asOf, {
      ...selection,
      hourly: selection.hourly.filter((timeZone) => timeZone === zone),
      daily: selection.daily.filter((trend) => trend.timeZone === zone),
      weekly: selection.weekly.filter((trend) => trend.timeZone === zone),
    });
    plan.hourly.push(...part.hourly);
    plan.daily.push(...part.daily);
    plan.weekly.push(...part.weekly);
  }
  return plan;
}

const filled = (buckets: Bucket[], counts: Map<string, number> | undefined): TrendPoint[] =>
  buckets.map(({ start, label }) => ({
    bucketStart: start,
    label,
    count: counts?.get(label) ?? 0,
  }));

function everyValue<T extends string>(values: Record<string, T>, counts: Map<string, number>) {
  return Object.values(values).map((value) => ({ value, count: counts.get(value) ?? 0 }));
}

/** Shapes the store's answer: every enum value listed (zero when absent), trends zero-filled and ending at asOf. */
export function shapeStats(
  tenantId: string,
  plan: StatsPlan,
  selection: StatsSelection,
  raw: RawStats,
): TenantStats {
  const high = raw.byUrgency.get(Urgency.HIGH) ?? 0;
  const dailyOf = new Map(plan.daily.map(({ timeZone, buckets }) => [timeZone, buckets]));
  return {
    tenantId,
    asOf: plan.asOf,
    totalTickets: raw.total,
    byStatus: everyValue(TicketStatus, raw.byStatus).map(({ value, count }) => ({
      status: value,
      count,
    })),
    bySource: everyValue(TicketSource, raw.bySource).map(({ value, count }) => ({
      source: value,
      count,
    })),
    byUrgency: everyValue(Urgency, raw.byUrgency).map(({ value, count }) => ({
      urgency: value,
      count,
    })),
    bySentiment: everyValue(Sentiment, raw.bySentiment).map(({ value, count }) => ({
      sentiment: value,
      count,
    })),
    urgencyHighRatio: raw.total === 0 ? 0 : high / raw.total,
    requiresActionCount: raw.requiresAction,
    needsReviewCount: raw.needsReview,
    hourlyTrends: new Map(
      plan.hourly.map(({ timeZone, buckets }) => [
        timeZone,
        filled(buckets, raw.hourly.get(timeZone)),
      ]),
    ),
    dailyTrends: new Map(
      selection.daily.map(({ timeZone, days }) => [
        timeZone,
        filled(dailyOf.get(timeZone)!.slice(-days), raw.daily.get(timeZone)),
      ]),
    ),
    weeklyTrends: new Map(
      plan.weekly.map(({ timeZone, weeks }) => {
        const days = raw.daily.get(timeZone);
        const points = weeks.map((week) => ({
          bucketStart: week.start,
          label: week.label,
          count: week.days.reduce((sum, day) => sum + (days?.get(day) ?? 0), 0),
        }));
        return [timeZone, points];
      }),
    ),
    topKeywords: raw.keywords,
    atRiskCustomers: raw.atRisk,
  };
}

/** The figures now, shared by every caller of the same selection (SharedStats). */
export interface FiguresNow {
  current(tenantId: string, selection: StatsSelection): Promise<TenantStats>;
}

/**
 * Tenant analytics: one aggregation in MongoDB (the store) holding only the facets the
 * selection needs. Figures "now" are shared (SharedStats): queries and live subscriptions
 * with the same selection reuse one computation while the tenant's data is unchanged.
 */
export class TenantStatsService {
  constructor(
    private readonly store: StatsStore,
    private readonly shared: FiguresNow,
    private readonly tenants: Pick<TenantService, 'scoped'>,
  ) {}

  async compute(caller: Principal, request: StatsRequest): Promise<TenantStats> {
    const tenantId = await this.tenants.scoped(caller, request.tenantId);
    if (request.asOf) return computeStats(this.store, tenantId, request.asOf, request.selection);
    return this.shared.current(tenantId, request.selection);
  }
}

/** The figures as of `asOf`, computed now: one aggregation, or none when only asOf is asked. */
export async function computeStats(
  store: StatsStore,
  tenantId: string,
  asOf: Date,
  asked: StatsSelection,
): Promise<TenantStats> {
  // One trend per zone, at the longest length any alias asked for.
  const selection = mergeSelections([asked]);
  const plan = await planInTurns(asOf, selection);
  const nothingToCount =
    plan.parts.length === 0 && plan.hourly.length === 0 && plan.daily.length === 0;
  const raw = nothingToCount ? emptyRaw() : await store.compute(tenantId, plan);
  return shapeStats(tenantId, plan, selection, raw);
}

export function emptyRaw(): RawStats {
  return {
    total: 0,
    requiresAction: 0,
    needsReview: 0,
    byStatus: new Map(),
    bySource: new Map(),
    byUrgency: new Map(),
    bySentiment: new Map(),
    hourly: new Map(),
    daily: new Map(),
    keywords: [],
    atRisk: [],
  };
}
