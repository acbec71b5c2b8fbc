import { LoaderRegistry, Principal, checkPageSize, decodeCursor, encodeCursor, likePrefix, toConnection } from '@practice/common';
import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { AreaOfPublisher, SiteCoverage, SiteInTree, coverageKeys, coveringAreas } from '../resource/resource-coverage';
import { ResourceArea } from '../resource/resource-profile.entities';
import { Resource } from '../resource/resource.entity';
import { ResourceStatus } from '../resource/resource.enums';
import { restrictToOwnCatalogues } from '../shared/visibility';
import { Menu, MenuItem } from './menu.entity';
import { MenuLevel, MenuStatus } from './menu.enums';
import type { MenuFilter } from './menu.inputs';
import { MenuConnection, MenuEdge } from './menu.types';

/** Every edition but a draft is public: a published menu stays readable once superseded or archived. */
export const PUBLIC_STATUSES = [MenuStatus.PUBLISHED, MenuStatus.SUPERSEDED, MenuStatus.ARCHIVED];

type IdCursor = { i: string };
const isIdCursor = (value: Record<string, unknown>): value is IdCursor => typeof value.i === 'string';
const edge = (menu: Menu): MenuEdge => Object.assign(new MenuEdge(), { cursor: encodeCursor({ i: menu.id }), node: menu });

/** An item a site's citizens can order, before its resource and menu are loaded. */
export interface SiteMenuRow {
  menuId: string;
  resourceId: string;
  quota: number;
  position: number;
  note: string | null;
  publisherId: string;
  level: MenuLevel;
}

type CoveringRow = SiteMenuRow & AreaOfPublisher;

/** An item of a published edition, with the month and publisher of its menu. */
export interface LiveItemRow {
  resourceId: string;
  menuId: string;
  quota: number;
  period: string;
  publisherId: string;
}

/** Reading menus: editions by filter, their items, and what the menus offer at a site. */
export class MenuQueries {
  constructor(private readonly db: DataSource) {}

  async list(principal: Principal, filter: MenuFilter = {}, first?: number | null, after?: string | null): Promise<MenuConnection> {
    const size = checkPageSize(first);
    const query = this.db.getRepository(Menu).createQueryBuilder('m').where('1 = 1');
    const statuses = filter.statuses?.length ? filter.statuses : [MenuStatus.PUBLISHED];
    query.andWhere('m.status IN (:...statuses)', { statuses });
    if (statuses.includes(MenuStatus.DRAFT)) restrictToOwnCatalogues(query, 'm', principal, PUBLIC_STATUSES);
    if (filter.publisherIds?.length) query.andWhere('m.publisher_id IN (:...publisherIds)', { publisherIds: filter.publisherIds });
    if (filter.periods?.length) query.andWhere('m.period IN (:...periods)', { periods: filter.periods });
    if (filter.levels?.length) query.andWhere('m.level IN (:...levels)', { levels: filter.levels });
    if (filter.regionCodePrefix) query.andWhere("m.publisher_region_code LIKE :prefix ESCAPE '!'", { prefix: likePrefix(filter.regionCodePrefix) });
    const countQuery = query.clone();
    if (after) query.andWhere('m.id > :afterId', { afterId: decodeCursor(after, isIdCursor).i });
    const rows = await query
      .orderBy('m.id', 'ASC')
      .limit(size + 1)
      .getMany();
    return toConnection(MenuConnection, rows, size, Boolean(after), edge, () => countQuery.getCount());
  }

  byIds(ids: readonly string[]): Promise<Menu[]> {
    return this.db.getRepository(Menu).findBy({ id: In([...ids]) });
  }

  /** The corrections of these editions. */
  bySupersededIds(ids: readonly string[]): Promise<Menu[]> {
    return this.db.getRepository(Menu).findBy({ supersedesId: In([...ids]) });
  }

  itemsOf(menuIds: readonly string[]): Promise<MenuItem[]> {
    return this.db.getRepository(MenuItem).find({ where: { menuId: In([...menuIds]) }, order: { position: 'ASC' } });
  }

  /** Every edition of these publisher months (`<publisher id>/<period>`), in edition order. */
  async editionsOf(slots: readonly string[]): Promise<Menu[]> {
    const query = this.db.getRepository(Menu).createQueryBuilder('m');
    slots.forEach((slot, index) => {
      const [publisherId, period] = slot.split('/');
      query.orWhere(`(m.publisher_id = :p${index} AND m.period = :m${index})`, { [`p${index}`]: publisherId, [`m${index}`]: period });
    });
    return query.orderBy('m.edition', 'ASC').getMany();
  }

  /**
   * `Site.menu` of every site of a batch in one statement: the items of the month's published
   * editions whose published resources have a service area covering one of the sites, found through
   * the area index (region prefixes of the sites' codes, the sites and their ancestors). Which site
   * each item reaches is then sorted out here: an item reaches a site when its resource's area
   * covers the site and its publisher is the site, a site above it or a sector sub-center.
   */
  forSites(loaders: LoaderRegistry, period: string): DataLoader<SiteInTree, SiteMenuRow[], string> {
    return loaders.get(
      `siteMenu:${period}`,
      () => new DataLoader((sites: readonly SiteInTree[]) => this.loadForSites(sites, period), { cacheKeyFn: (site) => site.id, maxBatchSize: 500 }),
    );
  }

  private async loadForSites(sites: readonly SiteInTree[], period: string): Promise<SiteMenuRow[][]> {
    const coverages = sites.map((site) => new SiteCoverage(site));
    const rows = await this.db
      .createQueryBuilder()
      .from(ResourceArea, 'a')
      .innerJoin(MenuItem, 'i', 'i.resource_id = a.resource_id')
      .innerJoin(Menu, 'm', 'm.id = i.menu_id')
      .innerJoin(Resource, 'r', 'r.id = a.resource_id')
      .select('a.kind', 'areaKind')
      .addSelect('a.value', 'areaValue')
      .addSelect('i.menu_id', 'menuId')
      .addSelect('i.resource_id', 'resourceId')
      .addSelect('i.quota', 'quota')
      .addSelect('i.position', 'position')
      .addSelect('i.note', 'note')
      .addSelect('m.publisher_id', 'publisherId')
      .addSelect('m.publisher_kind', 'publisherKind')
      .addSelect('m.level', 'level')
      .where('m.period = :period AND m.status = :live AND r.status = :published', { period, live: MenuStatus.PUBLISHED, published: ResourceStatus.PUBLISHED })
      .andWhere(coveringAreas('a', { id: 'm.publisher_id', kind: 'm.publisher_kind' }, coverageKeys(coverages)))
      .getRawMany<CoveringRow>();
    return coverages.map((coverage) => reachingSite(coverage, rows));
  }

  /**
   * The items of the published editions of these months that list these resources: whether a
   * resource is on its publisher's menu of a month, with its quota there.
   */
  liveItemsOf(resourceIds: readonly string[], periods: readonly string[]): Promise<LiveItemRow[]> {
    if (!resourceIds.length || !periods.length) return Promise.resolve([]);
    return this.db
      .createQueryBuilder()
      .from(MenuItem, 'i')
      .innerJoin(Menu, 'm', 'm.id = i.menu_id')
      .select('i.resource_id', 'resourceId')
      .addSelect('i.menu_id', 'menuId')
      .addSelect('i.quota', 'quota')
      .addSelect('m.period', 'period')
      .addSelect('m.publisher_id', 'publisherId')
      .where('m.status = :live AND m.period IN (:...periods) AND i.resource_id IN (:...resourceIds)', {
        live: MenuStatus.PUBLISHED,
        periods: [...periods],
        resourceIds: [...resourceIds],
      })
      .getRawMany<LiveItemRow>()
      .then((rows) => rows.map((row) => ({ ...row, quota: Number(row.quota) })));
  }
}

/** The rows that reach one site, each resource once, nearest publisher first, then in menu order. */
function reachingSite(coverage: SiteCoverage, rows: CoveringRow[]): SiteMenuRow[] {
  const rank = (row: CoveringRow) => coverage.distanceOf(row.publisherId);
  const reached = new Map<string, CoveringRow>();
  for (const row of rows) {
    if (coverage.reaches(row) && !reached.has(row.resourceId)) reached.set(row.resourceId, row);
  }
  return [...reached.values()]
    .sort((a, b) => rank(a) - rank(b) || compare(a.publisherId, b.publisherId) || Number(a.position) - Number(b.position))
    .map(({ menuId, resourceId, quota, position, note, publisherId, level }) => ({
      menuId,
      resourceId,
      quota: Number(quota),
      position: Number(position),
      note,
      publisherId,
      level,
    }));
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
