import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { AuthenticatedContext } from '../schema/context.js';
import { HealthType } from '../schema/types/health.type.js';

@Resolver()
export class HealthResolver {
  @Authorized()
  @Query(() => HealthType, {
    description: 'The gateway and its dependencies, probed now.',
  })
  async health(@Ctx() ctx: AuthenticatedContext): Promise<HealthType> {
    return HealthType.from(await ctx.services.health.check());
  }
}
