import { ReferenceResolvers, buildTypeGraphQLSubgraph } from '@practice/common';
import type { GraphQLSchema } from 'graphql';
import { categoryById } from './category/category.loaders';
import { CategoryResolver } from './category/category.resolver';
import type { ResourcesContext } from './context';
import { resolveSiteReference } from './site/site.reference';
import { SiteResourcesResolver } from './site/site.resolver';
import { resolveResourceReference } from './resource/resource.reference';
import { ResourceResolver } from './resource/resource.resolver';

export function buildResourcesSchema(): Promise<GraphQLSchema> {
  return buildTypeGraphQLSubgraph(
    {
      resolvers: [CategoryResolver, ResourceResolver, SiteResourcesResolver],
    },
    {
      Category: { __resolveReference: (reference: { id: string }, ctx: ResourcesContext) => categoryById(ctx).load(reference.id) },
      Resource: { __resolveReference: resolveResourceReference },
      Site: { __resolveReference: resolveSiteReference },
    } as unknown as ReferenceResolvers,
  );
}
