import { checkPageSize, decodeCursor, encodeCursor, toConnection } from '@practice/common';
import DataLoader from 'dataloader';
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { ResourcesContext } from '../context';
import type { Resource } from '../resource/resource.entity';
import { FacetKind } from '../resource/resource.enums';
import { resourceById, resourceFacets } from '../resource/resource.loaders';
import { siteReference } from '../site/site.reference';
import { Menu } from './menu.entity';
import { SiteMenuFilter } from './menu.inputs';
import { menuById } from './menu.loaders';
import type { SiteMenuRow } from './menu.queries';
import { SiteMenu, SiteMenuItem, SiteMenuItemConnection, SiteMenuItemEdge } from './menu.types';

type OffsetCursor = { o: number };
const isOffsetCursor = (value: Record<string, unknown>): value is OffsetCursor => Number.isInteger(value.o) && (value.o as number) >= 0;
const isLoaded = <T>(value: T | Error | null): value is T => value !== null && !(value instanceof Error);

/**
 * A site's menu is a few hundred items at most, found for every site of a request in one statement
 * (MenuQueries.forSites): it is filtered and paged here, the cursor a position in its order.
 */
@Resolver(() => SiteMenu)
export class SiteMenuResolver {
  @FieldResolver(() => SiteMenuItemConnection, { description: 'Nearest publisher first, then in each menu’s order' })
  async items(
    @Root() menu: SiteMenu,
    @Ctx() ctx: ResourcesContext,
    @Arg('filter', () => SiteMenuFilter, { nullable: true }) filter?: SiteMenuFilter,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 500 (default 20)' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<SiteMenuItemConnection> {
    const size = checkPageSize(first);
    const start = after ? decodeCursor(after, isOffsetCursor).o + 1 : 0;
    const [resources, menus] = await Promise.all([
      resourceById(ctx).loadMany(menu.rows.map((row) => row.resourceId)),
      menuById(ctx).loadMany([...new Set(menu.rows.map((row) => row.menuId))]),
    ]);
    const resourceOf = new Map(resources.filter(isLoaded<Resource>).map((resource) => [resource.id, resource]));
    const menuOf = new Map(menus.filter(isLoaded<Menu>).map((edition) => [edition.id, edition]));
    const items = (await keep(ctx, menu.rows, resourceOf, filter ?? {})).map((row) =>
      Object.assign(new SiteMenuItem(), {
        resource: resourceOf.get(row.resourceId)!,
        quota: row.quota,
        note: row.note,
        position: row.position,
        menu: menuOf.get(row.menuId)!,
        publisher: siteReference(row.publisherId),
        level: row.level,
      }),
    );
    return toConnection(
      SiteMenuItemConnection,
      items.slice(start, start + size + 1),
      size,
      start > 0,
      (node) => Object.assign(new SiteMenuItemEdge(), { cursor: encodeCursor({ o: items.indexOf(node) }), node }),
      () => Promise.resolve(items.length),
    );
  }

  @FieldResolver(() => [Menu], { description: 'The published editions the items come from, nearest publisher first' })
  async menus(@Root() menu: SiteMenu, @Ctx() ctx: ResourcesContext): Promise<Menu[]> {
    return (await menuById(ctx).loadMany([...new Set(menu.rows.map((row) => row.menuId))])).filter(isLoaded<Menu>);
  }
}

/** Category codes with the terms below them, once per request for every site asking with the same codes. */
const categoriesBelow = (ctx: ResourcesContext): DataLoader<string, string[]> =>
  ctx.loaders.get(
    'categoriesBelow',
    () =>
      new DataLoader((keys: readonly string[]) => Promise.all(keys.map((codes) => ctx.categories.withDescendants(codes.split(','), 'filter.categoryCodes')))),
  );

/** The rows the filter keeps; categories include the terms below them. */
async function keep(ctx: ResourcesContext, rows: SiteMenuRow[], resources: Map<string, Resource>, filter: SiteMenuFilter): Promise<SiteMenuRow[]> {
  let kept = rows.filter((row) => resources.has(row.resourceId));
  if (filter.kinds?.length) kept = kept.filter((row) => filter.kinds!.includes(resources.get(row.resourceId)!.kind));
  if (filter.levels?.length) kept = kept.filter((row) => filter.levels!.includes(row.level));
  if (filter.categoryCodes?.length) {
    const [codes, facets] = await Promise.all([
      categoriesBelow(ctx).load(filter.categoryCodes.join(',')),
      resourceFacets(ctx).loadMany(kept.map((row) => row.resourceId)),
    ]);
    const wanted = new Set(codes);
    kept = kept.filter((_, index) => {
      const rowFacets = facets[index];
      return Array.isArray(rowFacets) && rowFacets.some((facet) => facet.facet === FacetKind.CATEGORY && wanted.has(facet.value));
    });
  }
  return kept;
}
