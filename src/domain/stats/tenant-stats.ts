import type { Principal } from '../auth/principal.js';
import type { TenantService } from '../tenants/tenant.service.js';
import { badUserInput } from '../errors.js';
import { Sentiment, TicketSource, TicketStatus, Urgency } from '../tickets/ticket.types.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
export const HOURLY_POINTS = 24;
export const MAX_TREND_DAYS = 366;
export const MAX_STATS_LIMIT = 100;

/** What the stats pipeline needs to know beyond the tenant: the widest window and lists asked for. */
export interface StatsWindow {
  asOf: Date;
  hourlyFrom: Date;
  dailyFrom: Date;
  days: number;
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

/** The pipeline's answer: counts by key, trend counts by bucket label (UTC "YYYY-MM-DDTHH" / "YYYY-MM-DD"). */
export interface RawStats {
  total: number;
  requiresAction: number;
  byStatus: Map<string, number>;
  bySource: Map<string, number>;
  byUrgency: Map<string, number>;
  bySentiment: Map<string, number>;
  hourly: Map<string, number>;
  daily: Map<string, number>;
  keywords: { keyword: string; count: number }[];
  atRisk: AtRiskCustomer[];
}

export interface StatsStore {
  compute(tenantId: string, window: StatsWindow): Promise<RawStats>;
}

export interface TrendPoint {
  bucketStart: Date;
  count: number;
}

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
  hourlyTrend: TrendPoint[];
  /** `days` points, oldest first; a smaller `days` is the tail of it. */
  dailyTrend: TrendPoint[];
  topKeywords: { keyword: string; count: number }[];
  atRiskCustomers: AtRiskCustomer[];
}

export interface StatsRequest {
  tenantId?: string | null;
  asOf?: Date | null;
  /** The largest `days`, keyword `limit` and at-risk `limit` any selection asks for. */
  days: number;
  keywordLimit: number;
  atRiskLimit: number;
}

function checkRange(value: number, name: string, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw badUserInput(`${name} must be between 1 and ${max}.`);
  return value;
}

export const checkTrendDays = (days: number) => checkRange(days, 'days', MAX_TREND_DAYS);
export const checkStatsLimit = (limit: number) => checkRange(limit, 'limit', MAX_STATS_LIMIT);

function floorTo(date: Date, unitMs: number): Date {
  return new Date(Math.floor(date.getTime() / unitMs) * unitMs);
}

/** UTC bucket labels as the pipeline writes them with $dateToString. */
const hourLabel = (date: Date) => date.toISOString().slice(0, 13);
const dayLabel = (date: Date) => date.toISOString().slice(0, 10);

function zeroFilled(
  counts: Map<string, number>,
  last: Date,
  points: number,
  unitMs: number,
  label: (d: Date) => string,
) {
  return Array.from({ length: points }, (_, i) => {
    const bucketStart = new Date(last.getTime() - (points - 1 - i) * unitMs);
    return { bucketStart, count: counts.get(label(bucketStart)) ?? 0 };
  });
}

function everyValue<T extends string>(values: Record<string, T>, counts: Map<string, number>) {
  return Object.values(values).map((value) => ({ value, count: counts.get(value) ?? 0 }));
}

/**
 * Tenant analytics: one aggregation in MongoDB (the store), shaped here: every enum value
 * listed (zero when absent), trends zero-filled and ending at asOf.
 */
export class TenantStatsService {
  constructor(
    private readonly store: StatsStore,
    private readonly tenants: Pick<TenantService, 'scoped'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async compute(caller: Principal, request: StatsRequest): Promise<TenantStats> {
    const tenantId = await this.tenants.scoped(caller, request.tenantId);
    const asOf = request.asOf ?? this.now();
    const days = checkTrendDays(request.days);
    const window: StatsWindow = {
      asOf,
      hourlyFrom: new Date(floorTo(asOf, HOUR_MS).getTime() - (HOURLY_POINTS - 1) * HOUR_MS),
      dailyFrom: new Date(floorTo(asOf, DAY_MS).getTime() - (days - 1) * DAY_MS),
      days,
      keywordLimit: checkStatsLimit(request.keywordLimit),
      atRiskLimit: checkStatsLimit(request.atRiskLimit),
    };
    const raw = await this.store.compute(tenantId, window);
    const high = raw.byUrgency.get(Urgency.HIGH) ?? 0;
    return {
      tenantId,
      asOf,
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
      hourlyTrend: zeroFilled(
        raw.hourly,
        floorTo(asOf, HOUR_MS),
        HOURLY_POINTS,
        HOUR_MS,
        hourLabel,
      ),
      dailyTrend: zeroFilled(raw.daily, floorTo(asOf, DAY_MS), days, DAY_MS, dayLabel),
      topKeywords: raw.keywords,
      atRiskCustomers: raw.atRisk,
    };
  }
}
