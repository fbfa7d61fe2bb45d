import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { AuthenticatedContext } from '../schema/context.js';
import { ViewerType } from '../schema/types/viewer.type.js';

@Resolver()
export class ViewerResolver {
  @Authorized()
  @Query(() => ViewerType, { description: 'Who the API key of this request belongs to.' })
  viewer(@Ctx() ctx: AuthenticatedContext): ViewerType {
    return ViewerType.from(ctx.principal);
  }
}
