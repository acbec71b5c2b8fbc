import { RegionLevel, selectedPaths } from '@practice/common';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Int, Query, Resolver } from 'type-graphql';
import type { TicketsContext } from '../context';
import { TicketDimension, TicketStatsFilter } from './stats.inputs';
import { TicketStats } from './stats.types';

@Resolver()
export class TicketStatsResolver {
  @Query(() => TicketStats, {
    description:
      'Tickets counted and measured per group, for analysts and admins (every ticket), site managers and agency admins (those they may read). No personal data',
  })
  ticketStats(
    @Ctx() ctx: TicketsContext,
    @Arg('filter', () => TicketStatsFilter) filter: TicketStatsFilter,
    @Arg('groupBy', () => [TicketDimension], { description: 'Up to 4 dimensions, each once; none for the totals' }) groupBy: TicketDimension[],
    @Arg('regionLevel', () => RegionLevel, { defaultValue: RegionLevel.TOWNSHIP, description: 'The level REGION groups at' }) regionLevel: RegionLevel,
    @Arg('first', () => Int, {
      nullable: true,
      description: 'Only the largest groups, most tickets first (1 to the group limit); without it every group, refused beyond the limit',
    })
    first: number | undefined,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TicketStats> {
    // Histograms for medians and percentiles, and the look at open tickets for the overdue count,
    // cost what the other figures do not: only when someone reads them.
    const paths = selectedPaths(info);
    const ranked = (measure: string) => ({ median: paths.has(`groups.${measure}.median`), p90: paths.has(`groups.${measure}.p90`) });
    const percentiles = { dispatch: ranked('dispatchHours'), completion: ranked('completionHours') };
    return ctx.statsQueries.stats(ctx.principal, { filter, groupBy, regionLevel, first, percentiles, overdue: paths.has('groups.overdueCount') });
  }
}
