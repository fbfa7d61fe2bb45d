import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RunResult } from '../domain/ingestion/ingestion.service.js';
import type { GatewayContext } from '../schema/context.js';
import { localIdOf } from '../schema/global-id.js';
import {
  CancelIngestionInput,
  CancelIngestionPayload,
  IngestionLockType,
  IngestionRunType,
  ProviderRateLimitType,
  StartIngestionInput,
  StartIngestionPayload,
} from '../schema/types/ingestion.type.js';

function toPayload(result: RunResult): StartIngestionPayload & CancelIngestionPayload {
  return {
    run: result.run === null ? null : IngestionRunType.from(result.run),
    userErrors: result.ok ? [] : [result.error],
  };
}

@Resolver()
export class IngestionResolver {
  @Authorized()
  @Mutation(() => StartIngestionPayload, {
    description:
      'Starts an ingestion run in the background and returns it at once. One run per tenant at a time, across all replicas.',
  })
  async startIngestion(
    @Arg('input', () => StartIngestionInput) input: StartIngestionInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<StartIngestionPayload> {
    return toPayload(await ctx.services.ingestion.start(ctx.principal!, input));
  }

  @Authorized()
  @Mutation(() => CancelIngestionPayload, {
    description:
      'Asks a run to stop after the page it is on; what it wrote stays. It ends CANCELLED.',
  })
  async cancelIngestion(
    @Arg('input', () => CancelIngestionInput) input: CancelIngestionInput,
    @Ctx() ctx: GatewayContext,
  ): Promise<CancelIngestionPayload> {
    return toPayload(
      await ctx.services.ingestion.cancel(ctx.principal!, localIdOf('IngestionRun', input.runId)),
    );
  }

  @Authorized()
  @Query(() => IngestionRunType, {
    nullable: true,
    description: 'A run by id; null when it does not exist or is not yours.',
  })
  async ingestionRun(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: GatewayContext,
  ): Promise<IngestionRunType | null> {
    const localId = localIdOf('IngestionRun', id);
    const run = localId === null ? null : await ctx.services.ingestion.get(ctx.principal!, localId);
    return run === null ? null : IngestionRunType.from(run);
  }

  @Authorized()
  @Query(() => IngestionLockType, {
    description: "The tenant's ingestion lock. Admin keys must pass tenantId.",
  })
  async ingestionLock(
    @Arg('tenantId', () => String, { nullable: true }) tenantId: string | null,
    @Ctx() ctx: GatewayContext,
  ): Promise<IngestionLockType> {
    return IngestionLockType.from(await ctx.services.ingestion.lock(ctx.principal!, tenantId));
  }

  @Authorized()
  @Query(() => ProviderRateLimitType, {
    description: 'The shared outbound budget towards the ticket provider.',
  })
  async providerRateLimit(@Ctx() ctx: GatewayContext): Promise<ProviderRateLimitType> {
    return ProviderRateLimitType.from(await ctx.services.providerBudget.status());
  }
}
