import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { ADMIN } from '../schema/auth-checker.js';
import type { AuthenticatedContext } from '../schema/context.js';
import { localIdOf } from '../schema/global-id.js';
import {
  CorrectClassificationInput,
  CorrectClassificationPayload,
} from '../schema/types/correction.type.js';
import { TicketType } from '../schema/types/ticket.type.js';
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

  @Authorized()
  @Mutation(() => CorrectClassificationPayload, {
    description:
      "Sets a ticket's labels as a person judges them (a tenant key on its own tickets, or an admin). The correction sticks through re-classification and later ingestion, is recorded in the ticket's history (CORRECTED, with the key and note), moves the figures at once, and decides the alert again: a ticket corrected to HIGH is alerted once (when open and fresh); one corrected away from HIGH is not sent (SKIPPED, CORRECTED).",
  })
  async correctClassification(
    @Arg('input', () => CorrectClassificationInput, { description: ARG.input })
    input: CorrectClassificationInput,
    @Ctx() ctx: AuthenticatedContext,
  ): Promise<CorrectClassificationPayload> {
    const result = await ctx.services.corrections.correct(ctx.principal, {
      ...input,
      ticketId: localIdOf('Ticket', input.ticketId) ?? '',
    });
    return result.ok
      ? { ticket: TicketType.from(result.ticket), userErrors: [] }
      : { ticket: null, userErrors: result.errors };
  }
}
