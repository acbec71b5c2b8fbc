import { Arg, Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { ResourcesContext } from '../context';
import { SiteMenu } from '../menu/menu.types';
import { ResourceConnection, ResourceFilter } from '../resource/resource.types';
import { periodOrThisMonth } from '../shared/period';
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

  @FieldResolver(() => SiteMenu, {
    description: 'What a citizen at this site can order in a month: its own menu, those of the sites above it and of the sector sub-centers serving it',
  })
  @Directive('@requires(fields: "ancestorIds regionCode")')
  async menu(
    @Root() site: SiteReference,
    @Ctx() ctx: ResourcesContext,
    @Arg('period', () => String, { nullable: true, description: 'YYYY-MM; default this month (China time)' }) period?: string,
  ): Promise<SiteMenu> {
    const month = periodOrThisMonth(period);
    const rows = await ctx.menuQueries.forSites(ctx.loaders, month).load(site);
    return Object.assign(new SiteMenu(), { period: month, rows });
  }
}
