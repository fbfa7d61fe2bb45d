import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  Int,
  Query,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from 'type-graphql';
import {
  checkStatsLimit,
  checkTrendDays,
  checkTrendWeeks,
  type TenantStats,
  type TrendPoint,
} from '../domain/stats/tenant-stats.js';
import { checkTimeZone, UTC } from '../domain/stats/time-buckets.js';
import type { AuthenticatedContext } from '../schema/context.js';
import { ARG } from '../schema/descriptions.js';
import { QUERY_COST, TREND_COST } from '../schema/query-cost.js';
import { SelectedStats, statsSelectionOf } from '../schema/selection-args.js';
import type { StatsSelection } from '../domain/stats/tenant-stats.js';
import {
  AtRiskCustomerType,
  KeywordCountType,
  TenantStatsType,
  TrendPointType,
} from '../schema/types/tenant-stats.type.js';

const DEFAULT_DAYS = 30;
const DEFAULT_WEEKS = 12;
const DEFAULT_LIMIT = 10;
const TIME_ZONE_ARG = {
  nullable: true,
  defaultValue: UTC,
  description:
    'An IANA time zone ("Asia/Tokyo", "America/Los_Angeles"): buckets start at its local hours and midnights, summer time included. UTC by default.',
} as const;

/** A trend the parent computed for this zone (it computes every valid one selected). */
function trendIn(trends: Map<string, TrendPoint[]>, timeZone: string): TrendPoint[] {
  return trends.get(checkTimeZone(timeZone)) ?? [];
}

@Resolver(() => TenantStatsType)
export class TenantStatsResolver {
  @Authorized()
  @Query(() => TenantStatsType, {
    description:
      "A tenant's figures. Only what the selection asks for is computed; while the tenant's data is unchanged, the figures now are shared by every caller of this replica (asOf says when they were computed, at most a minute ago).",
    complexity: QUERY_COST.tenantStats,
  })
  async tenantStats(
    @Arg('tenantId', () => String, { nullable: true, description: ARG.tenantId })
    tenantId: string | null,
    @Arg('asOf', () => Date, {
      nullable: true,
      description: 'Figures as of this instant (computed afresh); now when omitted.',
    })
    asOf: Date | null,
    @Ctx() ctx: AuthenticatedContext,
    @SelectedStats() selection: StatsSelection,
  ): Promise<TenantStatsType> {
    const stats = await ctx.services.stats.compute(ctx.principal, { tenantId, asOf, selection });
    return TenantStatsType.from(stats);
  }

  @Authorized()
  @Subscription(() => TenantStatsType, {
    description:
      "tenantStats, live: the figures at once, then again whenever the tenant's data changes (new, updated, deleted or restored tickets, re-classification) on any replica; at most once a second, never while nothing changed.",
    complexity: QUERY_COST.tenantStats,
    subscribe: ({
      args,
      context,
      info,
    }: SubscribeResolverData<unknown, { tenantId?: string | null }, AuthenticatedContext>) =>
      context.services.liveStats.watch(context.principal, args.tenantId, statsSelectionOf(info)),
  })
  tenantStatsUpdated(
    @Root() stats: TenantStats,
    @Arg('tenantId', () => String, { nullable: true, description: ARG.tenantId })
    _tenantId: string | null,
  ): TenantStatsType {
    return TenantStatsType.from(stats);
  }

  @FieldResolver(() => [TrendPointType], {
    description:
      'Tickets created per hour over the 24 hours up to asOf: exactly 24 points, oldest first, zero-filled.',
    complexity: TREND_COST.hourly,
  })
  hourlyTrend(
    @Root() root: TenantStatsType,
    @Arg('timeZone', () => String, TIME_ZONE_ARG) timeZone: string,
  ): TrendPointType[] {
    return trendIn(root.stats.hourlyTrends, timeZone);
  }

  @FieldResolver(() => [TrendPointType], {
    description:
      'Tickets created per day over the given number of days up to asOf (the last is the day of asOf), zero-filled.',
    complexity: TREND_COST.daily,
  })
  dailyTrend(
    @Root() root: TenantStatsType,
    @Arg('days', () => Int, {
      nullable: true,
      defaultValue: DEFAULT_DAYS,
      description: 'How many days, 1 to 366.',
    })
    days: number,
    @Arg('timeZone', () => String, TIME_ZONE_ARG) timeZone: string,
  ): TrendPointType[] {
    const wanted = checkTrendDays(days);
    return trendIn(root.stats.dailyTrends, timeZone).slice(-wanted);
  }

  @FieldResolver(() => [TrendPointType], {
    description:
      'Tickets created per week (Monday to Sunday) over the given number of weeks up to asOf (the last is the week of asOf, so far), zero-filled.',
    complexity: TREND_COST.weekly,
  })
  weeklyTrend(
    @Root() root: TenantStatsType,
    @Arg('weeks', () => Int, {
      nullable: true,
      defaultValue: DEFAULT_WEEKS,
      description: 'How many weeks, 1 to 104.',
    })
    weeks: number,
    @Arg('timeZone', () => String, TIME_ZONE_ARG) timeZone: string,
  ): TrendPointType[] {
    const wanted = checkTrendWeeks(weeks);
    return trendIn(root.stats.weeklyTrends, timeZone).slice(-wanted);
  }

  @FieldResolver(() => [KeywordCountType], {
    description: 'The most frequent matched rule terms.',
  })
  topKeywords(
    @Root() root: TenantStatsType,
    @Arg('limit', () => Int, {
      nullable: true,
      defaultValue: DEFAULT_LIMIT,
      description: 'How many, 1 to 100.',
    })
    limit: number,
  ): KeywordCountType[] {
    return root.stats.topKeywords.slice(0, checkStatsLimit(limit));
  }

  @FieldResolver(() => [AtRiskCustomerType], {
    description: 'Customers most at risk first.',
  })
  atRiskCustomers(
    @Root() root: TenantStatsType,
    @Arg('limit', () => Int, {
      nullable: true,
      defaultValue: DEFAULT_LIMIT,
      description: 'How many, 1 to 100.',
    })
    limit: number,
  ): AtRiskCustomerType[] {
    return root.stats.atRiskCustomers.slice(0, checkStatsLimit(limit));
  }
}
