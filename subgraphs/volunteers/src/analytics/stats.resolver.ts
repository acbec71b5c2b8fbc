import { RegionLevel } from '@practice/common';
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { VolunteersContext } from '../context';
import { Team } from '../team/team.entity';
import { teamById } from '../team/team.loaders';
import { ServiceHourDimension, ServiceHourStatsFilter } from './service-hour-stats.inputs';
import { ServiceHourGroupKey, ServiceHourStats } from './service-hour-stats.types';
import { VolunteerDimension, VolunteerStatsFilter } from './volunteer-stats.inputs';
import { VolunteerGroupKey, VolunteerStats } from './volunteer-stats.types';

const FIRST = 'Only the largest groups, largest first (1 to VOLUNTEER_STATS_MAX_GROUPS); without it every group, in the order of its keys';
const WHO = 'For analysts and admins; site managers and agency admins get the figures of their sites and below';

@Resolver()
export class StatsResolver {
  @Query(() => VolunteerStats, { description: `Registered and active volunteers, their verified hours and star levels, per group. ${WHO}` })
  volunteerStats(
    @Ctx() ctx: VolunteersContext,
    @Arg('groupBy', () => [VolunteerDimension], { description: 'Up to 4 dimensions, each once; none for one group of everything' })
    groupBy: VolunteerDimension[],
    @Arg('filter', () => VolunteerStatsFilter, { nullable: true }) filter?: VolunteerStatsFilter,
    @Arg('regionLevel', () => RegionLevel, { defaultValue: RegionLevel.TOWNSHIP, description: 'The level REGION groups at' }) regionLevel?: RegionLevel,
    @Arg('first', () => Int, { nullable: true, description: FIRST }) first?: number,
  ): Promise<VolunteerStats> {
    return ctx.volunteerStats.stats(ctx.principal, groupBy, filter ?? undefined, regionLevel, first);
  }

  @Query(() => ServiceHourStats, { description: `Service hours, records and the volunteers who served, per group, over a period of service. ${WHO}` })
  serviceHourStats(
    @Ctx() ctx: VolunteersContext,
    @Arg('filter', () => ServiceHourStatsFilter) filter: ServiceHourStatsFilter,
    @Arg('groupBy', () => [ServiceHourDimension], { description: 'Up to 4 dimensions, each once; none for one group of everything' })
    groupBy: ServiceHourDimension[],
    @Arg('regionLevel', () => RegionLevel, { defaultValue: RegionLevel.TOWNSHIP, description: 'The level REGION groups at' }) regionLevel?: RegionLevel,
    @Arg('first', () => Int, { nullable: true, description: FIRST }) first?: number,
  ): Promise<ServiceHourStats> {
    return ctx.serviceHourStats.stats(ctx.principal, groupBy, filter, regionLevel, first);
  }
}

/** The team of a TEAM group, batched for every group of the answer. */
@Resolver(() => VolunteerGroupKey)
export class VolunteerGroupKeyResolver {
  @FieldResolver(() => Team, { nullable: true, description: 'TEAM: the team; null also for the group of volunteers in no team' })
  team(@Root() key: VolunteerGroupKey, @Ctx() ctx: VolunteersContext): Promise<Team | null> | null {
    return key.teamId ? teamById(ctx).load(key.teamId) : null;
  }
}

@Resolver(() => ServiceHourGroupKey)
export class ServiceHourGroupKeyResolver {
  @FieldResolver(() => Team, { nullable: true, description: 'TEAM: the team; null also for the group of volunteers in no team' })
  team(@Root() key: ServiceHourGroupKey, @Ctx() ctx: VolunteersContext): Promise<Team | null> | null {
    return key.teamId ? teamById(ctx).load(key.teamId) : null;
  }
}
