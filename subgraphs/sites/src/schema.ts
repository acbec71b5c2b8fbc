import { ReferenceResolvers, buildTypeGraphQLSubgraph } from '@practice/common';
import type { GraphQLSchema } from 'graphql';
import { DesignationResolver } from './designation/designation.resolver';
import { ManagerResolver } from './manager/manager.resolver';
import { resolveSiteReference } from './site/site.reference';
import { SiteResolver } from './site/site.resolver';

export function buildSitesSchema(): Promise<GraphQLSchema> {
  return buildTypeGraphQLSubgraph({ resolvers: [SiteResolver, DesignationResolver, ManagerResolver] }, {
    Site: { __resolveReference: resolveSiteReference },
  } as unknown as ReferenceResolvers);
}
