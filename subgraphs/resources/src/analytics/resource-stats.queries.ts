import { Principal, RegionLevel, regionAt, sumAsDouble } from '@practice/common';
import type { DataSource } from 'typeorm';
import { Category } from '../category/category.entity';
import { ResourceFacet } from '../resource/resource-profile.entities';
import { FacetKind, ResourceStatus } from '../resource/resource.enums';
import { categoryParameters, inCategories, resourceFacts } from './resource-facts';
import { ResourceDimension, ResourceMeasure } from './resource-stats.enums';

/** What one `resourceStats` question asks, checked. */
export interface StatsPlan {
  months: string[];
  groupBy: ResourceDimension[];
  regionLevel: RegionLevel;
  regionCodePrefix?: string | null;
  publisherIds?: string[] | null;
  /** Category codes; a term below one matches too. */
  categoryCodes?: string[] | null;
  kinds?: string[] | null;
  statuses?: string[] | null;
  /** Only the catalogues this caller owns; null for every catalogue. */
  ownedBy: Principal | null;
  orderBy?: ResourceMeasure | null;
}

/** A row of measures (and keys), as the database answers it: numbers may come as strings. */
export type StatsRow = Record<string, string | number | null>;

/** The alias of each dimension's key in the answer. */
export const KEY_ALIAS: Record<ResourceDimension, string> = {
  PUBLISHER: 'k_publisher',
  CATEGORY: 'k_category',
  KIND: 'k_kind',
  REGION: 'k_region',
  MONTH: 'k_month',
  LEVEL: 'k_level',
  STATUS: 'k_status',
};

/** Each dimension's key over the facts (`fact`, and `f` for the category facets). */
function keySql(dimension: ResourceDimension, plan: StatsPlan): string {
  switch (dimension) {
    case ResourceDimension.PUBLISHER:
      return 'fact.publisher_id';
    case ResourceDimension.CATEGORY:
      return 'f.value';
    case ResourceDimension.KIND:
      return 'fact.kind';
    case ResourceDimension.REGION:
      return regionAt('fact.publisher_region_code', plan.regionLevel);
    case ResourceDimension.MONTH:
      return 'fact.period';
    case ResourceDimension.LEVEL:
      return 'fact.publisher_kind';
    case ResourceDimension.STATUS:
      return 'fact.status';
  }
}

/** The category columns a CATEGORY group carries, so that its Category needs no statement of its own. */
export const CATEGORY_COLUMNS = { c_id: 'c.id', c_name: 'c.name', c_parent: 'c.parent_id', c_region: 'c.region_code', c_sort: 'c.sort_order' };

const LIMITED = 'fact.capacity IS NOT NULL';
/** A sum over the facts, 0 over none. */
const total = (expression: string): string => `COALESCE(${sumAsDouble(expression)}, 0)`;
const SUMS = {
  capacity: total(`CASE WHEN ${LIMITED} THEN fact.capacity * fact.offered ELSE 0 END`),
  limitedOrders: total(`CASE WHEN ${LIMITED} THEN fact.orders ELSE 0 END`),
  quota: total('fact.quota'),
  ordersOnMenu: total('fact.orders_on_menu'),
};

/** The measures over the facts, which count each resource (and month) once: no DISTINCT needed. */
export const MEASURES: Record<string, string> = {
  m_resources: total('fact.present'),
  m_published: total(`CASE WHEN fact.status = '${ResourceStatus.PUBLISHED}' THEN fact.present ELSE 0 END`),
  m_menu_items: total('fact.items'),
  m_quota: SUMS.quota,
  m_orders: total('fact.orders'),
  m_orders_on_menu: SUMS.ordersOnMenu,
  m_capacity: SUMS.capacity,
  m_limited_orders: SUMS.limitedOrders,
  m_fully_booked: total('fact.booked'),
};

const ratio = (numerator: string, denominator: string): string => `CASE WHEN ${denominator} > 0 THEN ${numerator} * 1.0 / ${denominator} END`;
const RANKED: Record<ResourceMeasure, string> = {
  RESOURCES: MEASURES.m_resources,
  PUBLISHED: MEASURES.m_published,
  MENU_ITEMS: MEASURES.m_menu_items,
  QUOTA: MEASURES.m_quota,
  ORDERS: MEASURES.m_orders,
  CAPACITY: MEASURES.m_capacity,
  CAPACITY_USED: ratio(SUMS.limitedOrders, SUMS.capacity),
  QUOTA_USED: ratio(SUMS.ordersOnMenu, SUMS.quota),
  FULLY_BOOKED: MEASURES.m_fully_booked,
};

/**
 * The SQL of `resourceStats`: one statement for the groups and one for the totals, whatever the
 * number of groups. The facts (`resourceFacts`) are grouped by the dimensions; a CATEGORY group
 * joins the facets of its resources, and gets its category's columns once grouped.
 */
export class ResourceStatsQueries {
  constructor(private readonly db: DataSource) {}

  groups(plan: StatsPlan, limit: number): Promise<StatsRow[]> {
    const facts = resourceFacts(this.db, plan, plan.groupBy.includes(ResourceDimension.MONTH));
    const grouped = this.db.createQueryBuilder().from(`(${facts.sql})`, 'fact');
    const byCategory = plan.groupBy.includes(ResourceDimension.CATEGORY);
    if (byCategory) {
      const within = plan.categoryCodes?.length ? ` AND ${inCategories('f.value', plan.categoryCodes)}` : '';
      grouped.innerJoin(ResourceFacet, 'f', `f.resource_id = fact.resource_id AND f.facet = '${FacetKind.CATEGORY}'${within}`);
    }
    const keys = plan.groupBy.map((dimension) => keySql(dimension, plan));
    Object.entries(MEASURES).forEach(([alias, sql], index) => (index ? grouped.addSelect(sql, alias) : grouped.select(sql, alias)));
    plan.groupBy.forEach((dimension, index) => grouped.addSelect(keys[index], KEY_ALIAS[dimension]));
    if (plan.orderBy) grouped.addSelect(RANKED[plan.orderBy], 'rank_value');
    keys.forEach((key, index) => (index ? grouped.addGroupBy(key) : grouped.groupBy(key)));

    const aliases = [...Object.keys(MEASURES), ...plan.groupBy.map((dimension) => KEY_ALIAS[dimension]), ...(plan.orderBy ? ['rank_value'] : [])];
    const query = this.db.createQueryBuilder().from(`(${grouped.getQuery()})`, 'g');
    aliases.forEach((alias, index) => (index ? query.addSelect(`g.${alias}`, alias) : query.select(`g.${alias}`, alias)));
    if (byCategory) {
      query.leftJoin(Category, 'c', 'c.code = g.k_category');
      for (const [alias, column] of Object.entries(CATEGORY_COLUMNS)) query.addSelect(column, alias);
    }
    if (plan.orderBy) query.orderBy('g.rank_value', 'DESC');
    for (const dimension of plan.groupBy) query.addOrderBy(`g.${KEY_ALIAS[dimension]}`, 'ASC');
    return query
      .setParameters({ ...facts.parameters, ...(plan.categoryCodes?.length ? categoryParameters(plan.categoryCodes) : {}) })
      .limit(limit)
      .getRawMany<StatsRow>();
  }

  /** The same facts without grouping: each resource once, whatever its categories and months. */
  async totals(plan: StatsPlan): Promise<StatsRow> {
    const facts = resourceFacts(this.db, plan, false);
    const query = this.db.createQueryBuilder().from(`(${facts.sql})`, 'fact').setParameters(facts.parameters);
    Object.entries(MEASURES).forEach(([alias, sql], index) => (index ? query.addSelect(sql, alias) : query.select(sql, alias)));
    return (await query.getRawOne<StatsRow>())!;
  }
}
