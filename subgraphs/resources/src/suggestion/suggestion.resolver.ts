import { Arg, Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { ResourcesContext } from '../context';
import { TicketReference } from '../ticket/ticket.reference';
import { DEFAULT_SUGGESTIONS, MAX_SUGGESTIONS } from './suggestion.service';
import { ResourceSuggestion } from './suggestion.types';

/** What the resources subgraph adds to the tickets subgraph's Ticket. Published resources are public: anybody may ask. */
@Resolver(() => TicketReference)
export class TicketSuggestionResolver {
  @FieldResolver(() => [ResourceSuggestion], {
    description:
      'Published resources that could serve the ticket: their service area covers the serving site, a category is the ticket’s or a term below or above it, and the month of desiredFrom has room; nearest publisher first, then category, then on a menu, then room left. Empty without a category',
  })
  @Directive('@requires(fields: "categoryCode servingSiteId servingSiteRegionCode servingSiteAncestorIds desiredFrom")')
  suggestedResources(
    @Root() ticket: TicketReference,
    @Ctx() ctx: ResourcesContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_SUGGESTIONS, description: `1 to ${MAX_SUGGESTIONS}` }) first?: number,
  ): Promise<ResourceSuggestion[]> {
    return ctx.suggestions.suggest(ctx, ticket, first);
  }
}
