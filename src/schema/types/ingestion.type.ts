import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IngestionStatus } from '../../domain/ingestion/ingestion.types.js';
import type { IngestionLockView } from '../../domain/ingestion/ingestion.service.js';
import type { RunProgress, RunRecord } from '../../domain/ingestion/ports.js';
import type { RateBudgetStatus } from '../../domain/budgets/ports.js';
import { toGlobalId } from '../global-id.js';
import { connectionTypes } from './connection.type.js';
import { Node } from './node.interface.js';
import { USER_ERRORS_DESCRIPTION, UserErrorType } from './user-error.type.js';

@ObjectType('IngestionProgress', {
  description: 'Counts of a run so far, persisted after every page.',
})
export class IngestionProgressType {
  @Field(() => Float, { description: '0 to 100.' })
  percent!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Pages the provider reports in all; null until the first page.',
  })
  totalPages!: number | null;

  @Field(() => Int, { description: 'Pages fetched and written so far.' }) processedPages!: number;
  @Field(() => Int, { description: "Tickets of the run's tenant read from the provider." })
  fetched!: number;
  @Field(() => Int, { description: 'Tickets seen for the first time.' }) created!: number;
  @Field(() => Int, {
    description:
      'Tickets in which a field shown in their history changed, or which came back after a deletion.',
  })
  updated!: number;
  @Field(() => Int, {
    description:
      'Tickets read again with no field changed (even when the provider says it updated them).',
  })
  unchanged!: number;
  @Field(() => Int, {
    description: 'Tickets soft-deleted because the provider no longer lists them.',
  })
  deleted!: number;
  @Field(() => Int, { description: 'Malformed tickets skipped (see the run error and the logs).' })
  failed!: number;
  @Field(() => Int, { description: 'High-urgency alerts queued for delivery.' })
  notificationsQueued!: number;
  @Field(() => Int, {
    description: "Times the run waited on the provider's rate limit (its own budget or a 429).",
  })
  rateLimitWaits!: number;
  @Field(() => Date, {
    nullable: true,
    description:
      "While the run waits for the provider's rate window (shared by every run), when it expects to call again; null while it is not waiting.",
  })
  waitingForProviderUntil!: Date | null;

  static from(progress: RunProgress, status: IngestionStatus): IngestionProgressType {
    const done =
      status === IngestionStatus.SUCCEEDED || status === IngestionStatus.PARTIALLY_SUCCEEDED;
    const percent = done
      ? 100
      : progress.totalPages
        ? Math.min(100, (100 * progress.processedPages) / progress.totalPages)
        : 0;
    return Object.assign(new IngestionProgressType(), {
      ...progress,
      percent: Math.round(percent * 10) / 10,
    });
  }
}

@ObjectType('IngestionRun', {
  implements: Node,
  description:
    'One ingestion job of a tenant: its state while it runs, its audit record once finished.',
})
export class IngestionRunType extends Node {
  @Field(() => String, { description: "The tenant it ingests; '*' for a sweep of every tenant." })
  tenantId!: string;
  @Field(() => IngestionStatus, { description: 'Where it stands.' }) status!: IngestionStatus;
  @Field(() => String, {
    description: 'Who asked for it: the name of the API key that started it.',
  })
  requestedBy!: string;
  @Field(() => Boolean, { description: 'A full resync: every ticket rewritten and re-classified.' })
  full!: boolean;
  @Field(() => Date, { description: 'When it was asked for.' }) queuedAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When it began fetching; null while queued.' })
  startedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When it ended; null while active.' })
  finishedAt!: Date | null;
  @Field(() => Int, { nullable: true, description: 'Run time so far, or in all once finished.' })
  durationMs!: number | null;
  @Field(() => IngestionProgressType, { description: 'Its counts so far.' })
  progress!: IngestionProgressType;
  @Field(() => String, { nullable: true, description: 'Why the run failed, or what it skipped.' })
  error!: string | null;

  static from(run: RunRecord, now: Date = new Date()): IngestionRunType {
    const end = run.finishedAt ?? now;
    return Object.assign(new IngestionRunType(), {
      ...run,
      id: toGlobalId('IngestionRun', run.id),
      durationMs:
        run.startedAt === null ? null : Math.max(0, end.getTime() - run.startedAt.getTime()),
      progress: IngestionProgressType.from(run.progress, run.status),
    });
  }
}

export const { Connection: IngestionRunConnection } = connectionTypes(
  'IngestionRun',
  IngestionRunType,
);
export type IngestionRunConnection = InstanceType<typeof IngestionRunConnection>;

@InputType('StartIngestionInput', {
  description: 'What to ingest: one tenant (tenantId), or every tenant (allTenants).',
})
export class StartIngestionInput {
  @Field(() => String, {
    nullable: true,
    description: 'Required for admin keys; must match (or be omitted) for tenant keys.',
  })
  tenantId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'Re-fetch every page even if nothing changed upstream (full resync).',
  })
  full?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description:
      "Admin only, without tenantId: one walk of the provider's pages that writes every tenant " +
      "(the run's tenantId is '*'). It takes each tenant's lock as the tenant appears and skips tenants busy with another run.",
  })
  allTenants?: boolean | null;
}

@ObjectType('StartIngestionPayload', {
  description: 'The run started (it goes on in the background: watch it with ingestionProgress).',
})
export class StartIngestionPayload {
  @Field(() => IngestionRunType, {
    nullable: true,
    description:
      'The new run, or the already-active one when userErrors has INGESTION_ALREADY_RUNNING.',
  })
  run!: IngestionRunType | null;

  @Field(() => [UserErrorType], { description: USER_ERRORS_DESCRIPTION })
  userErrors!: UserErrorType[];
}

@InputType('CancelIngestionInput', { description: 'The run to stop.' })
export class CancelIngestionInput {
  @Field(() => ID, { description: "The run's id (IngestionRun.id)." }) runId!: string;
}

@ObjectType('CancelIngestionPayload', {
  description: 'The run, now CANCELLING; it ends CANCELLED after the page it is on.',
})
export class CancelIngestionPayload {
  @Field(() => IngestionRunType, {
    nullable: true,
    description: 'The run as it is now; null when no run has this id.',
  })
  run!: IngestionRunType | null;
  @Field(() => [UserErrorType], { description: USER_ERRORS_DESCRIPTION })
  userErrors!: UserErrorType[];
}

@ObjectType('IngestionLock', {
  description:
    'Whether a tenant has an ingestion run going right now (one at a time per tenant), and which.',
})
export class IngestionLockType {
  @Field(() => String, { description: "The tenant; '*' for the sweep lock." }) tenantId!: string;
  @Field(() => Boolean, { description: 'A run holds it now.' }) locked!: boolean;
  @Field(() => ID, { nullable: true, description: 'Global id of the run holding the lock.' })
  runId!: string | null;
  @Field(() => String, { nullable: true, description: 'The gateway process holding it.' }) holder!:
    string | null;
  @Field(() => Date, {
    nullable: true,
    description: 'When the lock lapses unless its holder renews it.',
  })
  expiresAt!: Date | null;

  static from(view: IngestionLockView): IngestionLockType {
    return Object.assign(new IngestionLockType(), {
      ...view,
      runId: view.runId === null ? null : toGlobalId('IngestionRun', view.runId),
    });
  }
}

@ObjectType('ProviderRateLimit', {
  description: 'The outbound budget towards the ticket provider, shared by every replica.',
})
export class ProviderRateLimitType {
  @Field(() => Int, { description: 'Calls allowed per rolling minute; 0 means unlimited.' })
  limitPerMinute!: number;
  @Field(() => Int, { description: 'Calls that may be made now; 0 while paused after a 429.' })
  remaining!: number;
  @Field(() => Date, {
    description: 'When a 429 pause ends, or when the oldest call leaves the window.',
  })
  resetAt!: Date;

  static from(status: RateBudgetStatus): ProviderRateLimitType {
    return Object.assign(new ProviderRateLimitType(), status);
  }
}
