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
import { toPageRequest } from '../domain/pagination/page-args.js';
import type { AuthenticatedContext, GatewayContext } from '../schema/context.js';
import { ticketsCost } from '../schema/query-cost.js';
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
class TicketsArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Required for admin keys; optional (and must match) for tenant keys.',
  })
  tenantId?: string | null;
  @Field(() => TicketFilterInput, { nullable: true }) filter?: TicketFilterInput | null;
  @Field(() => TicketOrderInput, { nullable: true, description: 'Newest first by default.' })
  orderBy?: TicketOrderInput | null;
  @Field(() => Int, {
    nullable: true,
    description: 'At most 100; 20 when neither first nor last is given.',
  })
  first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
  @Field(() => Int, { nullable: true, description: 'At most 100.' }) last?: number | null;
  @Field(() => String, { nullable: true }) before?: string | null;
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
    @Arg('id', () => ID) id: string,
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
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: GatewayContext,
  ): Promise<TicketChangeConnection> {
    toPageRequest({ first, after }); // Validates before the batch, so one bad argument fails alone.
    const page = await ctx.loaders.history.load({
      ticketId: ticket.localId,
      first,
      after: after ?? null,
    });
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
