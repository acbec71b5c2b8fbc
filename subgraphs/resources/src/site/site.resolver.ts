import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { ResourcesContext } from '../context';
import { ResourceConnection, ResourceFilter } from '../resource/resource.types';
import { SiteReference } from './site.reference';

/** What the resources subgraph adds to the sites subgraph's Site. */
@Resolver(() => SiteReference)
export class SiteResourcesResolver {
  @FieldResolver(() => ResourceConnection, { description: 'The catalogue this site publishes (published resources unless told), in creation order' })
  resources(
    @Root() site: SiteReference,
    @Ctx() ctx: ResourcesContext,
    @Arg('filter', () => ResourceFilter, { nullable: true, description: '`publisherIds` is this site' }) filter?: ResourceFilter,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 500 (default 20)' }) first?: number,
  ): Promise<ResourceConnection> {
    const { publisherIds: _ignored, ...rest } = filter ?? {};
    return ctx.resourceQueries.perPublisher(ctx.loaders, ctx.principal, rest, first).load(site.id);
  }
}
