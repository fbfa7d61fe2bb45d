import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, toPageRequest } from '../domain/pagination/page-args.js';
import type { AuthenticatedContext, GatewayContext } from '../schema/context.js';
import { ARG } from '../schema/descriptions.js';
import { ticketsCost } from '../schema/query-cost.js';
import { PageArgsType } from '../schema/types/connection.type.js';
import { localIdOf } from '../schema/global-id.js';
import {
  NotificationType,
  TicketChangeConnection,
  TicketChangeType,
  TicketConnection,
  TicketFilterInput,
  TicketOrderInput,
  TicketType,
} from '../schema/types/ticket.type.js';

@ArgsType()
class TicketsArgs extends PageArgsType {
  @Field(() => String, { nullable: true, description: ARG.tenantId })
  tenantId?: string | null;
  @Field(() => TicketFilterInput, {
    nullable: true,
    description: 'Only tickets meeting every condition; all live tickets when omitted.',
  })
  filter?: TicketFilterInput | null;
  @Field(() => TicketOrderInput, { nullable: true, description: 'Newest first by default.' })
  orderBy?: TicketOrderInput | null;
}

@Resolver(() => TicketType)
export class TicketResolver {
  @Authorized()
  @Query(() => TicketConnection, {
    description: 'Tenant keys see only their own tenant; admin keys must pass tenantId.',
    complexity: ticketsCost,
  })
  async tickets(
    @Args(() => TicketsArgs) args: TicketsArgs,
    @Ctx() ctx: AuthenticatedContext,
  ): Promise<TicketConnection> {
    return TicketConnection.ofPage(
      await ctx.services.tickets.list(ctx.principal, args),
      TicketType.from,
    );
  }

  @Authorized()
  @Query(() => TicketType, {
    nullable: true,
    description: 'A ticket by global id; null when it does not exist or is not yours.',
  })
  async ticket(
    @Arg('id', () => ID, { description: "The ticket's id (Ticket.id)." }) id: string,
    @Ctx() ctx: AuthenticatedContext,
  ): Promise<TicketType | null> {
    const localId = localIdOf('Ticket', id);
    const ticket = localId === null ? null : await ctx.services.tickets.get(ctx.principal, localId);
    return ticket === null ? null : TicketType.from(ticket);
  }

  @FieldResolver(() => TicketChangeConnection, {
    description: 'Field-level change history, newest first.',
  })
  async history(
    @Root() ticket: TicketType,
    @Arg('first', () => Int, {
      nullable: true,
      defaultValue: DEFAULT_PAGE_SIZE,
      description: `How many changes from the newest (or after \`after\`): 0 to ${MAX_PAGE_SIZE}. Ignored when last is given.`,
    })
    first: number | null,
    @Arg('after', () => String, {
      nullable: true,
      description: 'The endCursor of the page before, to go to older changes.',
    })
    after: string | null,
    @Arg('last', () => Int, {
      nullable: true,
      description: `How many changes from the oldest (or before \`before\`): 0 to ${MAX_PAGE_SIZE}.`,
    })
    last: number | null,
    @Arg('before', () => String, {
      nullable: true,
      description: 'The startCursor of the page after, to go to newer changes.',
    })
    before: string | null,
    @Ctx() ctx: GatewayContext,
  ): Promise<TicketChangeConnection> {
    // first has a default (the contract's), so it gives way when the caller pages backwards.
    const args = { first: last == null ? first : null, after, last, before };
    toPageRequest(args); // Validates before the batch, so one bad argument fails alone.
    const page = await ctx.loaders.history.load({ ticketId: ticket.localId, page: args });
    return TicketChangeConnection.from(page, TicketChangeType.from, () =>
      ctx.loaders.historyCount.load(ticket.localId),
    );
  }

  @FieldResolver(() => NotificationType, {
    nullable: true,
    description: 'Delivery state of the high-urgency alert, null when none was due.',
  })
  async notification(
    @Root() ticket: TicketType,
    @Ctx() ctx: GatewayContext,
  ): Promise<NotificationType | null> {
    const record = await ctx.loaders.notification.load(ticket.localId);
    return record === null ? null : NotificationType.from(record);
  }
}
