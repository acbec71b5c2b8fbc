import { REGION_PREFIX, UUID_PATTERN, badInput } from '@practice/common';
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { VolunteersContext } from '../context';
import { Volunteer } from '../volunteer/volunteer.entity';
import { volunteerById } from '../volunteer/volunteer.loaders';
import { PeriodInput } from './service-record.inputs';
import { LeaderboardEntry } from './service-record.types';

@Resolver(() => LeaderboardEntry)
export class LeaderboardResolver {
  @Query(() => [LeaderboardEntry], {
    description: 'Volunteers by verified hours served in a period, most first: of a site and below (by home site) or of an area by region-code prefix',
  })
  volunteerLeaderboard(
    @Ctx() ctx: VolunteersContext,
    @Arg('period', () => PeriodInput) period: PeriodInput,
    @Arg('siteId', () => ID, { nullable: true }) siteId?: string,
    @Arg('regionCodePrefix', () => String, { nullable: true, description: '2, 4, 6, 9 or 12 digits' }) regionCodePrefix?: string,
    @Arg('first', () => Int, { defaultValue: 10, description: '1 to 100' }) first = 10,
  ): Promise<LeaderboardEntry[]> {
    if ((siteId ? 1 : 0) + (regionCodePrefix ? 1 : 0) !== 1) throw badInput('siteId', 'Give either siteId or regionCodePrefix', 'ONE_SCOPE_REQUIRED');
    if (siteId) {
      if (!UUID_PATTERN.test(siteId)) throw badInput('siteId', 'must be a site id');
      return ctx.leaderboard.forSites(period, first).load(siteId);
    }
    if (!REGION_PREFIX.test(regionCodePrefix!)) throw badInput('regionCodePrefix', 'must be 2, 4, 6, 9 or 12 digits');
    return ctx.leaderboard.forRegion(regionCodePrefix!, period, first);
  }

  @FieldResolver(() => Volunteer, { nullable: true })
  volunteer(@Root() entry: LeaderboardEntry, @Ctx() ctx: VolunteersContext): Promise<Volunteer | null> {
    return volunteerById(ctx).load(entry.volunteerId);
  }
}
