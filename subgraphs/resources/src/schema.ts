import { ReferenceResolvers, buildTypeGraphQLSubgraph } from '@practice/common';
import type { GraphQLSchema } from 'graphql';
import { MenuCoverageResolver } from './analytics/menu-coverage.resolver';
import { ResourceStatsResolver } from './analytics/resource-stats.resolver';
import { resolveCategoryReference } from './category/category.reference';
import { CategoryResolver } from './category/category.resolver';
import type { ResourcesContext } from './context';
import { menuById } from './menu/menu.loaders';
import { MenuItemResolver, MenuResolver } from './menu/menu.resolver';
import { visibleMenu } from './menu/menu.rules';
import { SiteMenuResolver } from './menu/site-menu.resolver';
import { resolveSiteReference } from './site/site.reference';
import { SiteCoverageResolver } from './site/site-coverage.resolver';
import { SiteResourcesResolver } from './site/site.resolver';
import { resolveResourceReference } from './resource/resource.reference';
import { ResourceResolver } from './resource/resource.resolver';
import { ResourceImportResolver } from './resource/resource-import.resolver';
import { TicketSuggestionResolver } from './suggestion/suggestion.resolver';
import { TicketReference, resolveTicketReference } from './ticket/ticket.reference';
import { MenuItemUsageResolver, ResourceUsageResolver, SiteMenuItemUsageResolver } from './usage/usage.resolver';

export function buildResourcesSchema(): Promise<GraphQLSchema> {
  return buildTypeGraphQLSubgraph(
    {
      resolvers: [
        CategoryResolver,
        ResourceResolver,
        ResourceImportResolver,
        SiteResourcesResolver,
        MenuResolver,
        MenuItemResolver,
        SiteMenuResolver,
        ResourceUsageResolver,
        MenuItemUsageResolver,
        SiteMenuItemUsageResolver,
        TicketSuggestionResolver,
        ResourceStatsResolver,
        SiteCoverageResolver,
        MenuCoverageResolver,
      ],
      // No field of this subgraph returns a Ticket: it is an entity only to be extended.
      orphanedTypes: [TicketReference],
    },
    {
      Category: { __resolveReference: resolveCategoryReference },
      Resource: { __resolveReference: resolveResourceReference },
      Menu: {
        __resolveReference: async (reference: { id: string }, ctx: ResourcesContext) => visibleMenu(await menuById(ctx).load(reference.id), ctx.principal),
      },
      Site: { __resolveReference: resolveSiteReference },
      Ticket: { __resolveReference: resolveTicketReference },
    } as unknown as ReferenceResolvers,
  );
}
