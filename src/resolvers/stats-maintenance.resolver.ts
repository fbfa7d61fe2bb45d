import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { checkTimeZone, UTC } from '../domain/stats/time-buckets.js';
import { ADMIN } from '../schema/auth-checker.js';
import type { AuthenticatedContext } from '../schema/context.js';
import { ARG } from '../schema/descriptions.js';
import { QUERY_COST } from '../schema/query-cost.js';
import {
  RebuildTenantStatsInput,
  RebuildTenantStatsPayload,
  StatsCheckType,
} from '../schema/types/stats-maintenance.type.js';

@Resolver()
export class StatsMaintenanceResolver {
  @Authorized(ADMIN)
  @Query(() => StatsCheckType, {
    description:
      "Admin only. Compares a tenant's roll-ups (what tenantStats reads) with a scan of its tickets, part by part: run it after restoring a backup or when figures look wrong, and rebuildTenantStats when it finds differences.",
    complexity: QUERY_COST.statsCheck,
  })
  async tenantStatsCheck(
    @Arg('tenantId', () => String, { description: ARG.tenantId }) tenantId: string,
    @Arg('timeZone', () => String, {
      nullable: true,
      defaultValue: UTC,
      description: 'The zone of the trends compared (an IANA name); UTC by default.',
    })
    timeZone: string,
    @Arg('asOf', () => Date, {
      nullable: true,
      description: 'The instant the trends end at; now when omitted.',
    })
    asOf: Date | null,
    @Ctx() ctx: AuthenticatedContext,
  ): Promise<StatsCheckType> {
    return ctx.services.statsMaintenance.check(ctx.principal, tenantId, {
      timeZone: checkTimeZone(timeZone),
      asOf,
    });
  }

  @Authorized(ADMIN)
  @Mutation(() => RebuildTenantStatsPayload, {
    description:
      "Admin only. Counts a tenant's roll-ups afresh from its tickets (writes of the tenant wait meanwhile; its figures come from scans until it ends).",
  })
  async rebuildTenantStats(
    @Arg('input', () => RebuildTenantStatsInput, { description: ARG.input })
    input: RebuildTenantStatsInput,
    @Ctx() ctx: AuthenticatedContext,
  ): Promise<RebuildTenantStatsPayload> {
    const { error, ...report } = await ctx.services.statsMaintenance.rebuild(
      ctx.principal,
      input.tenantId,
    );
    return { ...report, userErrors: error === null ? [] : [error] };
  }
}
