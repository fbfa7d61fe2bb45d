import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { AuthenticatedContext } from '../schema/context.js';
import { fromGlobalId } from '../schema/global-id.js';
import { ApiKeyType } from '../schema/types/api-key.type.js';
import { IngestionRunType } from '../schema/types/ingestion.type.js';
import { TicketType } from '../schema/types/ticket.type.js';
import { Node } from '../schema/types/node.interface.js';

@Resolver()
export class NodeResolver {
  @Authorized()
  @Query(() => Node, {
    nullable: true,
    description: 'Fetches any object by global id; null when it does not exist or is not yours.',
  })
  async node(
    @Arg('id', () => ID, { description: 'A global id, as any id field returns it.' }) id: string,
    @Ctx() ctx: AuthenticatedContext,
  ): Promise<Node | null> {
    const parsed = fromGlobalId(id);
    if (parsed === null) return null;
    switch (parsed.type) {
      case 'ApiKey': {
        const key = await ctx.services.apiKeys.findForCaller(ctx.principal, parsed.id);
        return key === null ? null : ApiKeyType.from(key);
      }
      case 'Ticket': {
        const ticket = await ctx.services.tickets.get(ctx.principal, parsed.id);
        return ticket === null ? null : TicketType.from(ticket);
      }
      case 'IngestionRun': {
        const run = await ctx.services.ingestion.get(ctx.principal, parsed.id);
        return run === null ? null : IngestionRunType.from(run);
      }
      default:
        return null;
    }
  }
}
