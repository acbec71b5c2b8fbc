import { ReferenceResolvers, buildTypeGraphQLSubgraph } from '@practice/common';
import type { GraphQLSchema } from 'graphql';
import { TicketStatsResolver } from './analytics/stats.resolver';
import type { TicketsContext } from './context';
import { ResourceOrdersResolver } from './resource/resource.resolver';
import { SiteTicketsResolver } from './site/site.resolver';
import { seesTicket } from './ticket/ticket.access';
import { ticketById } from './ticket/ticket.loaders';
import { TicketMutations } from './ticket/ticket.mutations';
import { TicketResolver } from './ticket/ticket.resolver';
import { viewerOf } from './ticket/ticket.viewer';
import { VolunteerTicketsResolver } from './volunteer/volunteer.resolver';

export function buildTicketsSchema(): Promise<GraphQLSchema> {
  return buildTypeGraphQLSubgraph(
    { resolvers: [TicketResolver, TicketMutations, SiteTicketsResolver, VolunteerTicketsResolver, ResourceOrdersResolver, TicketStatsResolver] },
    {
      // Batched, and only the tickets the caller may see: the same rule for the gateway's entity fetches.
      Ticket: {
        __resolveReference: async (reference: { id: string }, ctx: TicketsContext) => {
          const ticket = await ticketById(ctx).load(reference.id);
          return ticket && seesTicket(ctx.principal, ticket, (await viewerOf(ctx)).relation) ? ticket : null;
        },
      },
      Site: { __resolveReference: (reference: { id: string }) => reference },
      Volunteer: { __resolveReference: (reference: { id: string }) => reference },
      Resource: { __resolveReference: (reference: { id: string }) => reference },
    } as unknown as ReferenceResolvers,
  );
}
