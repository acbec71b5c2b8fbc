import { Arg, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { siteCoverage } from '../analytics/coverage';
import { SiteCategoryCoverage } from '../analytics/menu-coverage.types';
import { Category } from '../category/category.entity';
import type { ResourcesContext } from '../context';
import { SiteReference } from './site.reference';

const PERIOD = { nullable: true, description: 'YYYY-MM; default this month (China time)' };
const CODES = {
  nullable: true,
  description: 'Up to 20 category codes; default the service domains (the children of SERVICE: the nine, and the county’s own)',
};

/** Coverage of a site's menu by category: the rows of `Site.menu`, so the same reach rule and the same fields required. */
@Resolver(() => SiteReference)
export class SiteCoverageResolver {
  @FieldResolver(() => [Category], {
    description: 'The categories no item of the month’s menus reaching this site covers (neither the category nor a term below it), as Site.menu reaches it',
  })
  @Directive('@requires(fields: "ancestorIds regionCode")')
  async menuGaps(
    @Root() site: SiteReference,
    @Ctx() ctx: ResourcesContext,
    @Arg('period', () => String, PERIOD) period?: string,
    @Arg('categoryCodes', () => [String], CODES) categoryCodes?: string[],
  ): Promise<Category[]> {
    return (await siteCoverage(ctx, site, period, categoryCodes)).filter((coverage) => !coverage.covered).map((coverage) => coverage.category);
  }

  @FieldResolver(() => [SiteCategoryCoverage], {
    description: 'For each category asked: whether the month’s menus reaching this site cover it, with how many items from which levels',
  })
  @Directive('@requires(fields: "ancestorIds regionCode")')
  menuCoverage(
    @Root() site: SiteReference,
    @Ctx() ctx: ResourcesContext,
    @Arg('period', () => String, PERIOD) period?: string,
    @Arg('categoryCodes', () => [String], CODES) categoryCodes?: string[],
  ): Promise<SiteCategoryCoverage[]> {
    return siteCoverage(ctx, site, period, categoryCodes);
  }
}
