import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { TicketsContext } from '../context';
import { TicketFilter } from '../ticket/ticket.inputs';
import { TicketConnection } from '../ticket/ticket.types';
import { viewerOf } from '../ticket/ticket.viewer';
import { SiteReference } from './site.reference';

/** What the tickets subgraph adds to the sites subgraph's Site. */
@Resolver(() => SiteReference)
export class SiteTicketsResolver {
  @FieldResolver(() => TicketConnection, { description: 'Tickets served by this site or a site below it that you may see, newest first' })
  async tickets(
    @Root() site: SiteReference,
    @Ctx() ctx: TicketsContext,
    @Arg('filter', () => TicketFilter, { nullable: true, description: '`siteId` is this site' }) filter?: TicketFilter,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 500 (default 20)' }) first?: number,
  ): Promise<TicketConnection> {
    const { siteId: _ignored, ...rest } = filter ?? {};
    return ctx.ticketQueries.perSite(ctx.loaders, await viewerOf(ctx), rest, first).load(site.id);
  }

  @FieldResolver(() => Int, { description: 'Open tickets (submitted to in progress) served by this site or below it: a count, for everybody' })
  openTicketCount(@Root() site: SiteReference, @Ctx() ctx: TicketsContext): Promise<number> {
    return ctx.ticketQueries.openCounts(ctx.loaders).load(site.id);
  }
}
