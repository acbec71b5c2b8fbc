import { RegionLevel } from '@practice/common';
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { ResourcesContext } from '../context';
import { ResourceDimension, ResourceMeasure } from './resource-stats.enums';
import { ResourceStatsFilter } from './resource-stats.inputs';
import { ResourceMeasures, ResourceStats } from './resource-stats.types';

@Resolver(() => ResourceStats)
export class ResourceStatsResolver {
  @Query(() => ResourceStats, {
    description:
      'Resources, menus, quotas, orders and capacity used, grouped: for analysts and admins, and for site managers and agency admins over their own catalogues',
  })
  resourceStats(
    @Ctx() ctx: ResourcesContext,
    @Arg('groupBy', () => [ResourceDimension], { description: 'At most 4 dimensions, each once; [] for one group of everything' })
    groupBy: ResourceDimension[],
    @Arg('filter', () => ResourceStatsFilter, { nullable: true }) filter?: ResourceStatsFilter,
    @Arg('regionLevel', () => RegionLevel, { defaultValue: RegionLevel.COUNTY, description: 'The level REGION groups at' }) regionLevel?: RegionLevel,
    @Arg('first', () => Int, {
      nullable: true,
      description:
        'Only the largest groups (by orderBy, default RESOURCES), 1 to RESOURCE_STATS_MAX_GROUPS (default 2000); without it every group, refused beyond that limit (TOO_MANY_GROUPS)',
    })
    first?: number,
    @Arg('orderBy', () => ResourceMeasure, { nullable: true, description: 'Largest first by this measure, then by the keys; default by the keys alone' })
    orderBy?: ResourceMeasure,
  ): Promise<ResourceStats> {
    return ctx.resourceStats.stats(ctx.principal, { filter, groupBy, regionLevel, first, orderBy });
  }

  @FieldResolver(() => ResourceMeasures, { description: 'Every resource-month of the answer once: a resource filed under several categories counts once here' })
  totals(@Root() stats: ResourceStats, @Ctx() ctx: ResourcesContext): Promise<ResourceMeasures> {
    return ctx.resourceStats.totals(stats.plan);
  }
}
