import {
  Arg,
  Args,
  Authorized,
  Ctx,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from 'type-graphql';
import type { RunRecord } from '../domain/ingestion/ports.js';
import { IngestionStatus } from '../domain/ingestion/ingestion.types.js';
import type { RunResult } from '../domain/ingestion/ingestion.service.js';
import type { AuthenticatedContext } from '../schema/context.js';
import { localIdOf } from '../schema/global-id.js';
import {
  CancelIngestionInput,
  CancelIngestionPayload,
  IngestionLockType,
  IngestionRunConnection,
  IngestionRunType,
  ProviderRateLimitType,
  StartIngestionInput,
  StartIngestionPayload,
} from '../schema/types/ingestion.type.js';
import { ARG } from '../schema/descriptions.js';
import { PageArgsType } from '../schema/types/connection.type.js';

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
    @Arg('input', () => StartIngestionInput, { description: ARG.input }) input: StartIngestionInput,
    @Ctx() ctx: AuthenticatedContext,
  ): Promise<StartIngestionPayload> {
    return toPayload(await ctx.services.ingestion.start(ctx.principal, input));
  }

  @Authorized()
  @Mutation(() => CancelIngestionPayload, {
    description:
      'Asks a run to stop after the page it is on; what it wrote stays. It ends CANCELLED.',
  })
  async cancelIngestion(
    @Arg('input', () => CancelIngestionInput, { description: ARG.input })
    input: CancelIngestionInput,
    @Ctx() ctx: AuthenticatedContext,
  ): Promise<CancelIngestionPayload> {
    return toPayload(
      await ctx.services.ingestion.cancel(ctx.principal, localIdOf('IngestionRun', input.runId)),
    );
  }

  @Authorized()
  @Query(() => IngestionRunType, {
    nullable: true,
    description: 'A run by id; null when it does not exist or is not yours.',
  })
  async ingestionRun(
    @Arg('id', () => ID, { description: "The run's id (IngestionRun.id)." }) id: string,
    @Ctx() ctx: AuthenticatedContext,
  ): Promise<IngestionRunType | null> {
    const localId = localIdOf('IngestionRun', id);
    const run = localId === null ? null : await ctx.services.ingestion.get(ctx.principal, localId);
    return run === null ? null : IngestionRunType.from(run);
  }

  @Authorized()
  @Query(() => IngestionRunConnection, {
    description:
      "A tenant's runs, newest first. Admin keys must pass tenantId ('*' lists sweeps over all tenants).",
  })
  async ingestionRuns(
    @Arg('tenantId', () => String, {
      nullable: true,
      description: `${ARG.tenantId} '*' lists the sweeps over every tenant.`,
    })
    tenantId: string | null,
    @Arg('status', () => [IngestionStatus], {
      nullable: true,
      description: 'Only runs with any of these statuses.',
    })
    status: IngestionStatus[] | null,
    @Args(() => PageArgsType) page: PageArgsType,
    @Ctx() ctx: AuthenticatedContext,
  ): Promise<IngestionRunConnection> {
    const runs = await ctx.services.ingestion.list(ctx.principal, { tenantId, status, ...page });
    return IngestionRunConnection.ofPage(runs, (run) => IngestionRunType.from(run));
  }

  @Authorized()
  @Query(() => IngestionLockType, {
    description: "The tenant's ingestion lock. Admin keys must pass tenantId.",
  })
  async ingestionLock(
    @Arg('tenantId', () => String, { nullable: true, description: ARG.tenantId })
    tenantId: string | null,
    @Ctx() ctx: AuthenticatedContext,
  ): Promise<IngestionLockType> {
    return IngestionLockType.from(await ctx.services.ingestion.lock(ctx.principal, tenantId));
  }

  @Authorized()
  @Query(() => ProviderRateLimitType, {
    description: 'The shared outbound budget towards the ticket provider.',
  })
  async providerRateLimit(@Ctx() ctx: AuthenticatedContext): Promise<ProviderRateLimitType> {
    return ProviderRateLimitType.from(await ctx.services.providerBudget.status());
  }

  @Authorized()
  @Subscription(() => IngestionRunType, {
    description:
      "Emits the run on every progress change and once more when it reaches a final status, then completes. Works whichever replica executes the run. The run is the one runId names or, without it, the tenant's current run (its next one when none is running: nothing is emitted until it starts).",
    subscribe: ({
      args,
      context,
    }: SubscribeResolverData<
      unknown,
      { runId?: string | null; tenantId?: string | null },
      AuthenticatedContext
    >) =>
      context.services.ingestion.watch(context.principal, {
        ...(args.runId == null ? {} : { runId: localIdOf('IngestionRun', args.runId) }),
        tenantId: args.tenantId,
      }),
  })
  ingestionProgress(
    @Root() run: RunRecord,
    @Arg('runId', () => ID, {
      nullable: true,
      description:
        "The run's id, as startIngestion returned it. Or leave it out and pass tenantId.",
    })
    _runId: string | null,
    @Arg('tenantId', () => String, {
      nullable: true,
      description:
        "Follow the tenant's current run, or its next one when none is running (no id to copy); for an admin key a sweep over every tenant counts. Tenant keys may leave it out; admin keys name the tenant.",
    })
    _tenantId: string | null,
  ): IngestionRunType {
    return IngestionRunType.from(run);
  }
}
