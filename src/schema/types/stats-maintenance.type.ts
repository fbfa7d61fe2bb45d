import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { UserErrorType, USER_ERRORS_DESCRIPTION } from './user-error.type.js';

@ObjectType('StatsPartCheck', {
  description: 'One part of tenantStats, from the roll-ups and from a scan of the tickets.',
})
export class StatsPartCheckType {
  @Field(() => String, {
    description: 'The tenantStats field compared (totalTickets, byStatus, dailyTrend, …).',
  })
  part!: string;

  @Field(() => Boolean, { description: 'True when both give the same values.' })
  consistent!: boolean;

  @Field(() => Int, { description: 'How many values differ.' })
  differenceCount!: number;

  @Field(() => [String], {
    description:
      'The first 20 differences, e.g. "OPEN: roll-ups 10, scan 11" or "2026-12-01T00:00:00.000Z: roll-ups 4, scan 5".',
  })
  differences!: string[];
}

@ObjectType('StatsCheck', {
  description:
    "A tenant's roll-ups compared with a scan of its tickets, every part at its longest (366 days, 104 weeks, the top 100 lists). Writes of the tenant wait while it runs, so both see the same tickets.",
})
export class StatsCheckType {
  @Field(() => String, { description: 'The tenant checked.' })
  tenantId!: string;

  @Field(() => Date, { description: 'The instant the trends end at.' })
  asOf!: Date;

  @Field(() => Boolean, {
    description:
      'The roll-ups are built. When false (never built, or a rebuild under way), figures come from scans and nothing is compared.',
  })
  complete!: boolean;

  @Field(() => Boolean, { description: 'Complete, and every part consistent.' })
  consistent!: boolean;

  @Field(() => [StatsPartCheckType], { description: 'Each part compared.' })
  parts!: StatsPartCheckType[];
}

@InputType('RebuildTenantStatsInput', { description: 'Whose roll-ups to rebuild.' })
export class RebuildTenantStatsInput {
  @Field(() => String, { description: 'The tenant.' })
  tenantId!: string;
}

@ObjectType('RebuildTenantStatsPayload', {
  description: "What a rebuild did: the tenant's roll-ups counted afresh from its tickets.",
})
export class RebuildTenantStatsPayload {
  @Field(() => String, { description: 'The tenant rebuilt.' })
  tenantId!: string;

  @Field(() => Int, { description: 'Live tickets counted.' })
  ticketsCounted!: number;

  @Field(() => Int, { description: 'How long the rebuild took, in milliseconds.' })
  tookMs!: number;

  @Field(() => [UserErrorType], { description: USER_ERRORS_DESCRIPTION })
  userErrors!: UserErrorType[];
}
