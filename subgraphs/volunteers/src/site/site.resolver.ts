import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { VolunteersContext } from '../context';
import { PeriodInput } from '../service-record/service-record.inputs';
import { LeaderboardEntry } from '../service-record/service-record.types';
import { Team } from '../team/team.entity';
import { TeamLevel } from '../team/team.enums';
import { VolunteerStatus } from '../volunteer/volunteer.enums';
import { VolunteerFilter } from '../volunteer/volunteer.inputs';
import { VolunteerConnection } from '../volunteer/volunteer.types';
import { SiteReference } from './site.reference';

/** What the volunteers subgraph adds to the sites subgraph's Site. */
@Resolver(() => SiteReference)
export class SiteVolunteersResolver {
  @FieldResolver(() => VolunteerConnection, { description: 'Volunteers whose home site is this site or lies below it, in registration order' })
  volunteers(
    @Root() site: SiteReference,
    @Ctx() ctx: VolunteersContext,
    @Arg('filter', () => VolunteerFilter, { nullable: true, description: '`siteId` is this site' }) filter?: VolunteerFilter,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 500 (default 20)' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<VolunteerConnection> {
    const { siteId: _ignored, ...rest } = filter ?? {};
    return ctx.volunteerQueries.perSite(ctx.loaders, rest, first, after).load(site.id);
  }

  @FieldResolver(() => Int, { description: 'Volunteers (ACTIVE unless told) whose home site is this site or lies below it' })
  volunteerCount(
    @Root() site: SiteReference,
    @Ctx() ctx: VolunteersContext,
    @Arg('statuses', () => [VolunteerStatus], { nullable: true }) statuses?: VolunteerStatus[],
  ): Promise<number> {
    return ctx.volunteerQueries.counts(ctx.loaders, statuses).load(site.id);
  }

  @FieldResolver(() => [Team], { description: 'Active teams owned by this site, or with `includeDescendants` also by the sites below it' })
  teams(
    @Root() site: SiteReference,
    @Ctx() ctx: VolunteersContext,
    @Arg('levels', () => [TeamLevel], { nullable: true }) levels?: TeamLevel[],
    @Arg('includeDescendants', { defaultValue: false }) includeDescendants?: boolean,
  ): Promise<Team[]> {
    return ctx.teamQueries.ofSites(ctx.loaders, levels, includeDescendants ?? false).load(site.id);
  }

  @FieldResolver(() => [LeaderboardEntry], { description: 'Volunteers of this site and below by verified hours served in a period, most first' })
  volunteerLeaderboard(
    @Root() site: SiteReference,
    @Ctx() ctx: VolunteersContext,
    @Arg('period', () => PeriodInput) period: PeriodInput,
    @Arg('first', () => Int, { defaultValue: 10, description: '1 to 100' }) first: number,
  ): Promise<LeaderboardEntry[]> {
    return ctx.loaders.get(`leaderboard:${period.from}:${period.to}:${first}`, () => ctx.leaderboard.forSites(period, first)).load(site.id);
  }
}
