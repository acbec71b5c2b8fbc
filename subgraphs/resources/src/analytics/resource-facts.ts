import { TimeBucket, likePrefix, sumAsDouble, timeBucket } from '@practice/common';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Menu, MenuItem } from '../menu/menu.entity';
import { MenuStatus } from '../menu/menu.enums';
import { Resource } from '../resource/resource.entity';
import { FacetKind, ResourceStatus } from '../resource/resource.enums';
import { ownCatalogues } from '../shared/visibility';
import { ResourceMonthUsage } from '../usage/resource-usage.entity';
import { ResourceDimension } from './resource-stats.enums';
import type { StatsPlan } from './resource-stats.queries';

/** SQL of a derived table, with the parameters its placeholders name. */
export interface DerivedSql {
  sql: string;
  parameters: ObjectLiteral;
}

const PUBLISHED = `'${ResourceStatus.PUBLISHED}'`;
/** A month YYYY-MM as a number of months, to count the months between two. */
const monthNumber = (month: string): string => `(SUBSTR(${month}, 1, 4) * 12 + SUBSTR(${month}, 6, 2))`;
const monthIndex = (month: string): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7));

/** A query's columns in this order: TypeORM puts an entity's columns first, and UNION ALL pairs columns by position. */
const inOrder = (query: SelectQueryBuilder<Resource>, columns: readonly string[]): string =>
  `SELECT ${columns.map((column) => `q.${column} AS ${column}`).join(', ')} FROM (${query.getQuery()}) q`;

/** The resource columns the facts carry: always its status and capacity, and those the dimensions group by. */
function carriedColumns(groupBy: readonly ResourceDimension[]): [alias: string, column: string][] {
  const columns: [string, string][] = [
    ['status', 'r.status'],
    ['capacity', 'r.capacity_per_month'],
  ];
  if (groupBy.includes(ResourceDimension.PUBLISHER)) columns.push(['publisher_id', 'r.publisher_id']);
  if (groupBy.includes(ResourceDimension.LEVEL)) columns.push(['publisher_kind', 'r.publisher_kind']);
  if (groupBy.includes(ResourceDimension.REGION)) columns.push(['publisher_region_code', 'r.publisher_region_code']);
  if (groupBy.includes(ResourceDimension.KIND)) columns.push(['kind', 'r.kind']);
  return columns;
}

/**
 * The facts `resourceStats` groups: rows of resources (of resources and months when `byMonth`)
 * that say whether the resource takes part (`present`), its items, quota and orders, whether it
 * booked out and in how many months its capacity was offered. Each resource is read once and each
 * month's activity once, never a row for every resource and month unless a monthly series asks:
 *
 * - `idle` rows say what a resource is without activity: it takes part from the month it was
 *   created in, and its capacity is offered in the months since it was published if it is
 *   PUBLISHED now (a draft offers nothing, a withdrawn resource only where it was active);
 * - `active` rows add each month with orders (`resource_usage` by primary key) or on a live menu
 *   (`ix_menu_item_resource`). Such a month is offered, and takes part even before the resource's
 *   creation (imported catalogues keep older menus and orders); what the idle rows count already is
 *   not counted again.
 *
 * By month, the idle rows are one per month of the period (a derived table of parameters) and the
 * two kinds never count the same thing twice; over the whole period they are summed per resource.
 */
export function resourceFacts(db: DataSource, plan: StatsPlan, byMonth: boolean): DerivedSql {
  const month = (column: string) => timeBucket(db, column, TimeBucket.MONTH);
  const created = month('r.created_at');
  const live = month('r.published_at');
  const carried = carriedColumns(plan.groupBy);
  const carriedAliases = carried.map(([alias]) => alias);
  const to = plan.months[plan.months.length - 1];
  const factColumns = [
    'resource_id',
    ...(byMonth ? ['period'] : []),
    ...carriedAliases,
    'present',
    'items',
    'quota',
    'orders',
    'orders_on_menu',
    'booked',
    'offered',
  ];

  const idle = scoped(db, plan).select('r.id', 'resource_id');
  if (byMonth) {
    const months = plan.months.map((_, index) => `SELECT :statsMonth${index}${index ? '' : ' AS period'}`).join(' UNION ALL ');
    idle.innerJoin(`(${months})`, 'p', '1 = 1').addSelect('p.period', 'period').andWhere(`${created} <= p.period`);
    idle.setParameters(Object.fromEntries(plan.months.map((value, index) => [`statsMonth${index}`, value])));
  } else {
    idle.andWhere(`${created} <= :statsTo`);
  }
  for (const [alias, column] of carried) idle.addSelect(column, alias);
  const since = `CASE WHEN ${live} > :statsFrom THEN ${live} ELSE :statsFrom END`;
  idle
    .addSelect('1', 'present')
    .addSelect('0', 'items')
    .addSelect('NULL', 'quota')
    .addSelect('0', 'orders')
    .addSelect('0', 'orders_on_menu')
    .addSelect('0', 'booked')
    .addSelect(
      byMonth
        ? `CASE WHEN r.status = ${PUBLISHED} AND ${live} <= p.period THEN 1 ELSE 0 END`
        : `CASE WHEN r.status = ${PUBLISHED} AND ${live} <= :statsTo THEN :statsToIndex - ${monthNumber(since)} + 1 ELSE 0 END`,
      'offered',
    )
    .setParameters({ statsFrom: plan.months[0], statsTo: to, statsToIndex: monthIndex(to), statsMonths: plan.months });

  const activityColumns = ['resource_id', 'period', ...carriedAliases, 'created_month', 'live_since', 'orders', 'pub_quota', 'any_quota'];
  const activity = (query: SelectQueryBuilder<Resource>, period: string) => {
    query.select('r.id', 'resource_id').addSelect(period, 'period');
    for (const [alias, column] of carried) query.addSelect(column, alias);
    return query.addSelect(created, 'created_month').addSelect(live, 'live_since');
  };
  const ordered = activity(
    scoped(db, plan).innerJoin(ResourceMonthUsage, 'u', 'u.resource_id = r.id AND u.period IN (:...statsMonths) AND u.orders > 0'),
    'u.period',
  )
    .addSelect('u.orders', 'orders')
    .addSelect('NULL', 'pub_quota')
    .addSelect('NULL', 'any_quota');
  // The month's live edition is PUBLISHED, or ARCHIVED once its month is over; a SUPERSEDED one
  // was replaced by its correction, which lists the item instead. Should a publisher's month keep
  // an ARCHIVED edition beside the PUBLISHED one, the PUBLISHED quota wins.
  const listed = activity(
    scoped(db, plan)
      .innerJoin(MenuItem, 'si', 'si.resource_id = r.id')
      .innerJoin(Menu, 'sm', 'sm.id = si.menu_id AND sm.period IN (:...statsMonths) AND sm.status IN (:...statsLive)', {
        statsLive: [MenuStatus.PUBLISHED, MenuStatus.ARCHIVED],
      }),
    'sm.period',
  )
    .addSelect('0', 'orders')
    .addSelect(`CASE WHEN sm.status = '${MenuStatus.PUBLISHED}' THEN si.quota END`, 'pub_quota')
    .addSelect('si.quota', 'any_quota');

  const onMenu = 'MAX(a.any_quota) IS NOT NULL';
  const orders = sumAsDouble('a.orders');
  const quota = 'COALESCE(MAX(a.pub_quota), MAX(a.any_quota))';
  const of = (table: string, columns: readonly string[]) => columns.map((column) => `${table}.${column}`);
  const active = `SELECT a.resource_id AS resource_id${byMonth ? ', a.period AS period' : ''}, ${carriedAliases.map((alias) => `a.${alias} AS ${alias}`).join(', ')},
      ${byMonth ? 'CASE WHEN a.created_month > a.period THEN 1 ELSE 0 END' : '1'} AS present,
      CASE WHEN ${onMenu} THEN 1 ELSE 0 END AS items, ${quota} AS quota, ${orders} AS orders,
      CASE WHEN ${onMenu} THEN ${orders} ELSE 0 END AS orders_on_menu,
      CASE WHEN (a.capacity IS NOT NULL AND ${orders} >= a.capacity) OR (${onMenu} AND ${orders} >= ${quota}) THEN 1 ELSE 0 END AS booked,
      CASE WHEN a.status = ${PUBLISHED} AND a.live_since <= a.period THEN 0 ELSE 1 END AS offered
    FROM (${inOrder(ordered, activityColumns)} UNION ALL ${inOrder(listed, activityColumns)}) a
    GROUP BY ${[...of('a', ['resource_id', 'period', ...carriedAliases]), 'a.created_month', 'a.live_since'].join(', ')}`;
  const facts = `${inOrder(idle, factColumns)} UNION ALL ${active}`;
  const parameters = { ...idle.getParameters(), ...ordered.getParameters(), ...listed.getParameters() };
  if (byMonth) return { sql: facts, parameters };

  // Over the whole period a resource is one row: taking part, booked out in any month, its months summed.
  const key = of('x', ['resource_id', ...carriedAliases]);
  const sql = `SELECT ${key.map((column) => `${column} AS ${column.slice(2)}`).join(', ')}, 1 AS present,
      ${['items', 'quota', 'orders', 'orders_on_menu'].map((column) => `${sumAsDouble(`x.${column}`)} AS ${column}`).join(', ')},
      MAX(x.booked) AS booked, ${sumAsDouble('x.offered')} AS offered
    FROM (${facts}) x
    GROUP BY ${key.join(', ')}`;
  return { sql, parameters };
}

/** The resources a question is about: its filters, and the caller's own catalogues for site-scoped callers. */
function scoped(db: DataSource, plan: StatsPlan): SelectQueryBuilder<Resource> {
  const query = db.getRepository(Resource).createQueryBuilder('r').where('1 = 1');
  if (plan.regionCodePrefix) query.andWhere("r.publisher_region_code LIKE :statsRegion ESCAPE '!'", { statsRegion: likePrefix(plan.regionCodePrefix) });
  if (plan.publisherIds?.length) query.andWhere('r.publisher_id IN (:...statsPublishers)', { statsPublishers: plan.publisherIds });
  if (plan.kinds?.length) query.andWhere('r.kind IN (:...statsKinds)', { statsKinds: plan.kinds });
  if (plan.statuses?.length) query.andWhere('r.status IN (:...statsStatuses)', { statsStatuses: plan.statuses });
  if (plan.categoryCodes?.length) {
    query.andWhere(
      `EXISTS (SELECT 1 FROM resource_facet cf WHERE cf.resource_id = r.id AND cf.facet = '${FacetKind.CATEGORY}' AND ${inCategories('cf.value', plan.categoryCodes)})`,
      categoryParameters(plan.categoryCodes),
    );
  }
  if (plan.ownedBy) query.andWhere(ownCatalogues('r', plan.ownedBy));
  return query;
}

/** A category column in one of the codes or below one: a term's code extends its parent's. */
export function inCategories(column: string, codes: readonly string[]): string {
  return `(${column} IN (:...statsCategories) ${codes.map((_, index) => `OR ${column} LIKE :statsBelow${index} ESCAPE '!'`).join(' ')})`;
}

export function categoryParameters(codes: readonly string[]): ObjectLiteral {
  return { statsCategories: [...codes], ...Object.fromEntries(codes.map((code, index) => [`statsBelow${index}`, likePrefix(`${code}.`)])) };
}
