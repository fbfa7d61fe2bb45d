import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { ADMIN } from '../schema/auth-checker.js';
import type { AuthenticatedContext } from '../schema/context.js';
import {
  ReclassifyTicketsInput,
  ReclassifyTicketsPayload,
} from '../schema/types/reclassification.type.js';
import { ARG } from '../schema/descriptions.js';

@Resolver()
export class ClassificationResolver {
  @Authorized(ADMIN)
  @Mutation(() => ReclassifyTicketsPayload, {
    description:
      'Admin only. Re-classifies stored tickets whose rules version is not the one in force, in batches.',
  })
  async reclassifyTickets(
    @Arg('input', () => ReclassifyTicketsInput, { description: ARG.input })
    input: ReclassifyTicketsInput,
    @Ctx() ctx: AuthenticatedContext,
  ): Promise<ReclassifyTicketsPayload> {
    const { error, ...report } = await ctx.services.reclassification.reclassify(
      ctx.principal,
      input.tenantId ?? null,
    );
    return { ...report, userErrors: error === null ? [] : [error] };
  }
}
