import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { AuthenticatedContext } from '../schema/context.js';
import { RateLimitType } from '../schema/types/rate-limit.type.js';

@Resolver()
export class RateLimitResolver {
  @Authorized()
  @Query(() => RateLimitType, {
    description: "This key's query-cost budget, after charging this operation.",
  })
  rateLimit(@Ctx() ctx: AuthenticatedContext): RateLimitType {
    // Every authenticated operation is charged before it executes (src/server/request-budget.ts).
    if (ctx.budget === undefined) throw new Error('The operation was not charged to a budget.');
    return RateLimitType.from(ctx.budget);
  }
}
