import { Arg, Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { checkStatsLimit, checkTrendDays } from '../domain/stats/tenant-stats.js';
import type { AuthenticatedContext } from '../schema/context.js';
import { QUERY_COST } from '../schema/query-cost.js';
import { SelectedStatsSizes, type StatsSizes } from '../schema/selection-args.js';
import {
  AtRiskCustomerType,
  KeywordCountType,
  TenantStatsType,
  TrendPointType,
} from '../schema/types/tenant-stats.type.js';
import { ARG } from '../schema/descriptions.js';

const DEFAULT_DAYS = 30;
const DEFAULT_LIMIT = 10;

@Resolver(() => TenantStatsType)
export class TenantStatsResolver {
  @Authorized()
  @Query(() => TenantStatsType, {
    description: "A tenant's analytics. Admin keys must pass tenantId.",
    complexity: QUERY_COST.tenantStats,
  })
  async tenantStats(
    @Arg('tenantId', () => String, { nullable: true, description: ARG.tenantId })
    tenantId: string | null,
    @Arg('asOf', () => Date, { nullable: true, description: 'Defaults to now.' }) asOf: Date | null,
    @Ctx() ctx: AuthenticatedContext,
    @SelectedStatsSizes() sizes: StatsSizes,
  ): Promise<TenantStatsType> {
    const stats = await ctx.services.stats.compute(ctx.principal, { tenantId, asOf, ...sizes });
    return TenantStatsType.from(stats);
  }

  @FieldResolver(() => [TrendPointType], {
    description:
      'Tickets created per day (UTC) over the given number of days before asOf (1 to 366), zero-filled.',
  })
  dailyTrend(
    @Root() root: TenantStatsType,
    @Arg('days', () => Int, {
      nullable: true,
      defaultValue: DEFAULT_DAYS,
      description: 'How many days, 1 to 366, the last one being the day of asOf.',
    })
    days: number,
  ): TrendPointType[] {
    return root.stats.dailyTrend.slice(-checkTrendDays(days));
  }

  @FieldResolver(() => [KeywordCountType], {
    description: 'The most frequent matched rule terms (limit 1 to 100).',
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
    description: 'Customers most at risk first (limit 1 to 100).',
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
