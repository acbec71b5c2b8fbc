import { ReferenceResolvers, buildTypeGraphQLSubgraph } from '@practice/common';
import type { GraphQLSchema } from 'graphql';
import { categoryById } from './category/category.loaders';
import { CategoryResolver } from './category/category.resolver';
import type { ResourcesContext } from './context';
import { menuById } from './menu/menu.loaders';
import { MenuItemResolver, MenuResolver } from './menu/menu.resolver';
import { visibleMenu } from './menu/menu.rules';
import { SiteMenuResolver } from './menu/site-menu.resolver';
import { resolveSiteReference } from './site/site.reference';
import { SiteResourcesResolver } from './site/site.resolver';
import { resolveResourceReference } from './resource/resource.reference';
import { ResourceResolver } from './resource/resource.resolver';
import { ResourceImportResolver } from './resource/resource-import.resolver';

export function buildResourcesSchema(): Promise<GraphQLSchema> {
  return buildTypeGraphQLSubgraph(
    {
      resolvers: [CategoryResolver, ResourceResolver, ResourceImportResolver, SiteResourcesResolver, MenuResolver, MenuItemResolver, SiteMenuResolver],
    },
    {
      Category: { __resolveReference: (reference: { id: string }, ctx: ResourcesContext) => categoryById(ctx).load(reference.id) },
      Resource: { __resolveReference: resolveResourceReference },
      Menu: {
        __resolveReference: async (reference: { id: string }, ctx: ResourcesContext) => visibleMenu(await menuById(ctx).load(reference.id), ctx.principal),
      },
      Site: { __resolveReference: resolveSiteReference },
    } as unknown as ReferenceResolvers,
  );
}
