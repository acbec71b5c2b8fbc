import { likePrefix } from '@practice/common';
import type { DataSource } from 'typeorm';
import type { Category } from '../category/category.entity';
import { Menu, MenuItem } from '../menu/menu.entity';
import { MenuStatus } from '../menu/menu.enums';
import { Resource } from '../resource/resource.entity';
import { FacetKind, ResourceStatus } from '../resource/resource.enums';
import { ResourceMonthUsage } from '../usage/resource-usage.entity';

export interface CategoryOffer {
  publishers: number;
  resources: number;
  quota: number;
  orders: number;
}

/** What the published menus of a month offer per category, counted in the database. */
export class MenuCoverageQueries {
  constructor(private readonly db: DataSource) {}

  /**
   * One statement for all categories: the categories are a derived table of parameters (each code
   * with the LIKE pattern of the terms below it), the month's live editions come through
   * `ix_menu_period_region`, their items and resources through primary keys.
   */
  async offers(period: string, regionCodePrefix: string | null, categories: readonly Category[]): Promise<Map<string, CategoryOffer>> {
    if (!categories.length) return new Map();
    const asked = categories
      .map((_, index) => `SELECT :coverCode${index}${index ? '' : ' AS code'}, :coverBelow${index}${index ? '' : ' AS below'}`)
      .join(' UNION ALL ');
    const query = this.db
      .createQueryBuilder()
      .from(`(${asked})`, 'cat')
      .innerJoin(Menu, 'm', 'm.period = :coverPeriod AND m.status = :coverLive', { coverPeriod: period, coverLive: MenuStatus.PUBLISHED })
      .innerJoin(MenuItem, 'i', 'i.menu_id = m.id')
      .innerJoin(Resource, 'r', 'r.id = i.resource_id AND r.status = :coverPublished', { coverPublished: ResourceStatus.PUBLISHED })
      .leftJoin(ResourceMonthUsage, 'u', 'u.resource_id = i.resource_id AND u.period = m.period')
      .select('cat.code', 'code')
      .addSelect('COUNT(DISTINCT m.publisher_id)', 'publishers')
      .addSelect('COUNT(DISTINCT i.resource_id)', 'resources')
      .addSelect('COALESCE(SUM(i.quota), 0)', 'quota')
      .addSelect('COALESCE(SUM(u.orders), 0)', 'orders')
      .where(
        `EXISTS (SELECT 1 FROM resource_facet f WHERE f.resource_id = i.resource_id AND f.facet = '${FacetKind.CATEGORY}' AND (f.value = cat.code OR f.value LIKE cat.below ESCAPE '!'))`,
      )
      .setParameters(
        Object.fromEntries(
          categories.flatMap((category, index) => [
            [`coverCode${index}`, category.code],
            [`coverBelow${index}`, likePrefix(`${category.code}.`)],
          ]),
        ),
      )
      .groupBy('cat.code');
    if (regionCodePrefix) query.andWhere("m.publisher_region_code LIKE :coverRegion ESCAPE '!'", { coverRegion: likePrefix(regionCodePrefix) });
    const rows = await query.getRawMany<Record<keyof CategoryOffer | 'code', string | number>>();
    return new Map(
      rows.map((row) => [
        String(row.code),
        { publishers: Number(row.publishers), resources: Number(row.resources), quota: Number(row.quota), orders: Number(row.orders) },
      ]),
    );
  }
}
