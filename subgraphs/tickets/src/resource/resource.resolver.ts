import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { TicketsContext } from '../context';
import { TicketFilter } from '../ticket/ticket.inputs';
import { TicketConnection } from '../ticket/ticket.types';
import { viewerOf } from '../ticket/ticket.viewer';
import { ResourceReference } from './resource.reference';

/** What the tickets subgraph adds to the resources subgraph's Resource. */
@Resolver(() => ResourceReference)
export class ResourceOrdersResolver {
  @FieldResolver(() => TicketConnection, { description: 'Orders of this resource that you may see (its agency sees them all), newest first' })
  async orders(
    @Root() resource: ResourceReference,
    @Ctx() ctx: TicketsContext,
    @Arg('filter', () => TicketFilter, { nullable: true, description: '`resourceId` is this resource; kinds is ORDER' }) filter?: TicketFilter,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 500 (default 20)' }) first?: number,
  ): Promise<TicketConnection> {
    const { resourceId: _ignored, ...rest } = filter ?? {};
    return ctx.ticketQueries.perResource(ctx.loaders, await viewerOf(ctx), rest, first).load(resource.id);
  }
}
