import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { TicketsContext } from '../context';
import { TicketFilter } from '../ticket/ticket.inputs';
import { TicketConnection } from '../ticket/ticket.types';
import { viewerOf } from '../ticket/ticket.viewer';
import { VolunteerReference } from './volunteer.reference';

/** What the tickets subgraph adds to the volunteers subgraph's Volunteer. */
@Resolver(() => VolunteerReference)
export class VolunteerTicketsResolver {
  @FieldResolver(() => TicketConnection, { description: 'Tickets dispatched to or taken by this volunteer that you may see, newest first' })
  async assignedTickets(
    @Root() volunteer: VolunteerReference,
    @Ctx() ctx: TicketsContext,
    @Arg('filter', () => TicketFilter, { nullable: true, description: '`assignedVolunteerId` is this volunteer' }) filter?: TicketFilter,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 500 (default 20)' }) first?: number,
  ): Promise<TicketConnection> {
    const { assignedVolunteerId: _ignored, ...rest } = filter ?? {};
    return ctx.ticketQueries.perVolunteer(ctx.loaders, await viewerOf(ctx), rest, first).load(volunteer.id);
  }
}
