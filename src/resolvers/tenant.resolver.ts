import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { AuthenticatedContext } from '../schema/context.js';
import { ADMIN } from '../schema/auth-checker.js';
import { QUERY_COST } from '../schema/query-cost.js';
import { SelectedStats } from '../schema/selection-args.js';
import type { StatsSelection } from '../domain/stats/tenant-stats.js';
import { PageArgsType } from '../schema/types/connection.type.js';
import { IngestionRunType } from '../schema/types/ingestion.type.js';
import { TenantStatsType } from '../schema/types/tenant-stats.type.js';
import {
  RegisterTenantInput,
  RegisterTenantPayload,
  TenantConnection,
  TenantType,
} from '../schema/types/tenant.type.js';
import { ARG } from '../schema/descriptions.js';

@Resolver(() => TenantType)
export class TenantResolver {
  @Authorized()
  @Query(() => TenantConnection, {
    description:
      'The tenants the gateway knows, oldest first. An admin key sees all; a tenant key sees its own.',
  })
  async tenants(
    @Args(() => PageArgsType) page: PageArgsType,
    @Ctx() ctx: AuthenticatedContext,
  ): Promise<TenantConnection> {
    const tenants = await ctx.services.tenants.list(ctx.principal, page);
    return TenantConnection.ofPage(tenants, (tenant) => TenantType.from(tenant));
  }

  @Authorized()
  @Query(() => TenantType, {
    nullable: true,
    description: 'A tenant by id; null when it is unknown or not yours.',
  })
  async tenant(
    @Arg('id', () => String, { description: 'The tenant id.' }) id: string,
    @Ctx() ctx: AuthenticatedContext,
  ): Promise<TenantType | null> {
    const tenant = await ctx.services.tenants.get(ctx.principal, id);
    return tenant === null ? null : TenantType.from(tenant);
  }

  @Authorized(ADMIN)
  @Mutation(() => RegisterTenantPayload, {
    description:
      'Admin only. Makes a tenant known before any sweep meets its tickets, so that keys, runs and queries may name it. Registering again only updates the name.',
  })
  async registerTenant(
    @Arg('input', () => RegisterTenantInput, { description: ARG.input }) input: RegisterTenantInput,
    @Ctx() ctx: AuthenticatedContext,
  ): Promise<RegisterTenantPayload> {
    const result = await ctx.services.tenants.register(ctx.principal, input);
    if (!result.ok) return { tenant: null, userErrors: [result.error] };
    return { tenant: TenantType.from(result.tenant), userErrors: [] };
  }

  @FieldResolver(() => Int, {
    description: 'Its live tickets (deleted ones excluded).',
    complexity: QUERY_COST.totalCount,
  })
  ticketCount(@Root() tenant: TenantType, @Ctx() ctx: AuthenticatedContext): Promise<number> {
    return ctx.services.tickets.count(ctx.principal, tenant.id);
  }

  @FieldResolver(() => IngestionRunType, {
    nullable: true,
    description: 'Its most recent ingestion run (sweeps excluded); null before the first.',
  })
  async lastRun(
    @Root() tenant: TenantType,
    @Ctx() ctx: AuthenticatedContext,
  ): Promise<IngestionRunType | null> {
    const last = await ctx.services.ingestion.latest(ctx.principal, tenant.id);
    return last === null ? null : IngestionRunType.from(last);
  }

  @FieldResolver(() => TenantStatsType, {
    nullable: true,
    description:
      'Its figures, as tenantStats computes them. Null, with an error on this path, when an argument inside is out of range.',
    complexity: QUERY_COST.tenantStats,
  })
  async stats(
    @Root() tenant: TenantType,
    @Arg('asOf', () => Date, { nullable: true, description: 'Defaults to now.' }) asOf: Date | null,
    @Ctx() ctx: AuthenticatedContext,
    @SelectedStats() selection: StatsSelection,
  ): Promise<TenantStatsType> {
    const stats = await ctx.services.stats.compute(ctx.principal, {
      tenantId: tenant.id,
      asOf,
      selection,
    });
    return TenantStatsType.from(stats);
  }
}
