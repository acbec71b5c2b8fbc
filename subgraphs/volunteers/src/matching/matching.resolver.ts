import { Arg, Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { VolunteersContext } from '../context';
import { VolunteerCandidate } from './matching.types';
import { TicketReference } from './ticket.reference';

/** What the volunteers subgraph adds to the tickets subgraph's Ticket. */
@Resolver(() => TicketReference)
export class TicketMatchingResolver {
  @FieldResolver(() => [VolunteerCandidate], {
    description:
      'Volunteers who pass the hard filters (active, qualified, serving the area, available in the window), best first by a weighted score with its parts; for site managers, agency admins, analysts and admins',
  })
  @Directive(
    '@requires(fields: "categoryCode neededSkillCodes servingSiteId servingSiteRegionCode servingSiteAncestorIds latitude longitude desiredFrom desiredTo")',
  )
  candidateVolunteers(
    @Root() ticket: TicketReference,
    @Ctx() ctx: VolunteersContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 10, description: '1 to 100' }) first: number | null,
  ): Promise<VolunteerCandidate[]> {
    return ctx.matching.candidates(ctx, ticket, first ?? 10);
  }
}
