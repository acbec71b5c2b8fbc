import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { ResourcesContext } from '../context';
import { regionCoverage } from './coverage';
import { MenuCoverage } from './menu-coverage.types';

@Resolver(() => MenuCoverage)
export class MenuCoverageResolver {
  @Query(() => MenuCoverage, {
    description:
      'Per category, how many publishers (of a region) offer it on the published menus of a month, with their resources, quotas and orders; public like the menus',
  })
  menuCoverage(
    @Ctx() ctx: ResourcesContext,
    @Arg('period', () => String, { nullable: true, description: 'YYYY-MM; default this month (China time)' }) period?: string,
    @Arg('regionCodePrefix', () => String, { nullable: true, description: 'Publishers whose region code starts with this (2, 4, 6, 9 or 12 digits)' })
    regionCodePrefix?: string,
    @Arg('categoryCodes', () => [String], { nullable: true, description: 'Up to 20 category codes; default the service domains (children of SERVICE)' })
    categoryCodes?: string[],
  ): Promise<MenuCoverage> {
    return regionCoverage(ctx, period, regionCodePrefix, categoryCodes);
  }
}
