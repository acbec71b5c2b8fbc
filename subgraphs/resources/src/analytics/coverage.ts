import { REGION_PREFIX, badInput } from '@practice/common';
import type { ResourcesContext } from '../context';
import type { MenuLevel } from '../menu/menu.enums';
import { FacetKind } from '../resource/resource.enums';
import { resourceFacets } from '../resource/resource.loaders';
import { periodOrThisMonth } from '../shared/period';
import type { SiteReference } from '../site/site.reference';
import { coverageCategories, coverageCodes, forCounty, isWithin } from './coverage-categories';
import { CategoryMenuCoverage, MenuCoverage, SiteCategoryCoverage } from './menu-coverage.types';

/**
 * Which categories what a citizen at the site can order in a month covers: the rows of `Site.menu`
 * (the same reach rule, found for every site of a request in one statement by `forSites`), the
 * categories of their resources (one facet statement for all sites) and the categories asked about
 * (one statement): three statements whatever the number of sites.
 */
export async function siteCoverage(
  ctx: ResourcesContext,
  site: SiteReference,
  period: string | null | undefined,
  categoryCodes: readonly string[] | null | undefined,
): Promise<SiteCategoryCoverage[]> {
  const month = periodOrThisMonth(period);
  const codes = coverageCodes(categoryCodes);
  const [rows, asked] = await Promise.all([ctx.menuQueries.forSites(ctx.loaders, month).load(site), coverageCategories(ctx, codes)]);
  const categories = codes.length ? asked : forCounty(asked, site.regionCode);
  const resourceIds = [...new Set(rows.map((row) => row.resourceId))];
  const facets = await resourceFacets(ctx).loadMany(resourceIds);
  const codesOf = new Map(
    resourceIds.map((id, index) => {
      const loaded = facets[index];
      return [id, Array.isArray(loaded) ? loaded.filter((facet) => facet.facet === FacetKind.CATEGORY).map((facet) => facet.value) : []];
    }),
  );
  return categories.map((category) => {
    const items = rows.filter((row) => codesOf.get(row.resourceId)!.some((code) => isWithin(code, category)));
    return Object.assign(new SiteCategoryCoverage(), {
      category,
      covered: items.length > 0,
      items: items.length,
      // The rows come nearest publisher first.
      levels: [...new Set(items.map((row) => row.level))] as MenuLevel[],
    });
  });
}

/**
 * What the published menus of a month offer per category by the publishers of a region, without
 * the sites they reach: the categories (one statement) and the offers (one statement).
 */
export async function regionCoverage(
  ctx: ResourcesContext,
  period: string | null | undefined,
  regionCodePrefix: string | null | undefined,
  categoryCodes: readonly string[] | null | undefined,
): Promise<MenuCoverage> {
  const month = periodOrThisMonth(period);
  const prefix = regionCodePrefix ?? null;
  if (prefix !== null && !REGION_PREFIX.test(prefix))
    throw badInput('regionCodePrefix', 'must be a region-code prefix of 2, 4, 6, 9 or 12 digits', 'INVALID_REGION_CODE');
  const codes = coverageCodes(categoryCodes);
  const asked = await coverageCategories(ctx, codes);
  // Within a county, its own domains and the province's; wider, every county's.
  const categories = codes.length || !prefix || prefix.length < 6 ? asked : forCounty(asked, prefix);
  const offers = await ctx.menuCoverage.offers(month, prefix, categories);
  return Object.assign(new MenuCoverage(), {
    period: month,
    regionCodePrefix: prefix,
    categories: categories.map((category) =>
      Object.assign(new CategoryMenuCoverage(), { category, ...(offers.get(category.code) ?? { publishers: 0, resources: 0, quota: 0, orders: 0 }) }),
    ),
  });
}
