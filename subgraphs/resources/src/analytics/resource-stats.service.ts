import { AggregateLimits, Principal, RegionLevel, badInput, checkDimensions, checkGroupCount } from '@practice/common';
import { Category } from '../category/category.entity';
import type { CategoryService } from '../category/category.service';
import type { MenuLevel } from '../menu/menu.enums';
import type { ResourceKind, ResourceStatus } from '../resource/resource.enums';
import { siteReference } from '../site/site.reference';
import { ResourceDimension, ResourceMeasure } from './resource-stats.enums';
import type { ResourceStatsFilter } from './resource-stats.inputs';
import { CATEGORY_COLUMNS, KEY_ALIAS, ResourceStatsQueries, StatsPlan, StatsRow } from './resource-stats.queries';
import { ResourceMeasures, ResourceStats, ResourceStatsGroup } from './resource-stats.types';
import { statsScope } from './stats.access';
import { monthRange } from './stats-period';

export interface ResourceStatsArgs {
  filter?: ResourceStatsFilter | null;
  groupBy: ResourceDimension[];
  regionLevel?: RegionLevel | null;
  first?: number | null;
  orderBy?: ResourceMeasure | null;
}

/** Who may ask, what is asked, and the figures out of the database's rows. */
export class ResourceStatsService {
  constructor(
    private readonly queries: ResourceStatsQueries,
    private readonly categories: CategoryService,
    private readonly limits: AggregateLimits,
  ) {}

  async stats(principal: Principal, args: ResourceStatsArgs): Promise<ResourceStats> {
    const ownedBy = statsScope(principal);
    const groupBy = checkDimensions(args.groupBy, this.limits);
    const filter = args.filter ?? {};
    const range = monthRange(filter.period, 'filter.period');
    if (args.first !== null && args.first !== undefined && (args.first < 1 || args.first > this.limits.maxGroups)) {
      throw badInput('first', `must be from 1 to ${this.limits.maxGroups}`, 'PAGE_SIZE_OUT_OF_RANGE');
    }
    await this.checkCategories(filter.categoryCodes ?? []);
    const plan: StatsPlan = {
      months: range.months,
      groupBy,
      regionLevel: args.regionLevel ?? RegionLevel.COUNTY,
      regionCodePrefix: filter.regionCodePrefix,
      publisherIds: filter.publisherIds,
      categoryCodes: filter.categoryCodes,
      kinds: filter.kinds,
      statuses: filter.statuses,
      ownedBy,
      // Cut to `first`, the largest groups are the ones to keep, as the other subgraphs' statistics do.
      orderBy: args.orderBy ?? (args.first ? ResourceMeasure.RESOURCES : null),
    };
    // One row more than may be answered tells whether there are more.
    const size = args.first ?? this.limits.maxGroups;
    // Without dimensions the one group comes back even when nothing matched.
    const rows = (await this.queries.groups(plan, size + 1)).filter((row) => Number(row.m_resources) > 0);
    if (args.first === null || args.first === undefined) checkGroupCount(rows, this.limits);
    return Object.assign(new ResourceStats(), {
      from: range.from,
      to: range.to,
      months: range.months.length,
      groupBy,
      regionLevel: plan.regionLevel,
      groups: rows.slice(0, size).map((row) => groupOf(row, groupBy)),
      truncated: rows.length > size,
      plan,
    });
  }

  async totals(plan: StatsPlan): Promise<ResourceMeasures> {
    return measuresOf(await this.queries.totals(plan), new ResourceMeasures());
  }

  /** Unknown codes are bad input at their index; one statement for all of them. */
  private async checkCategories(codes: readonly string[]): Promise<void> {
    if (!codes.length) return;
    const unknown = await this.categories.unknownCodes(codes);
    const index = codes.findIndex((code) => unknown.has(code));
    if (index >= 0) throw badInput(`filter.categoryCodes[${index}]`, `Unknown category ${codes[index]}`, 'UNKNOWN_CATEGORY');
  }
}

const count = (value: string | number | null | undefined): number => Number(value ?? 0);
const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

function measuresOf<T extends ResourceMeasures>(row: StatsRow, into: T): T {
  const capacity = count(row.m_capacity);
  const quota = count(row.m_quota);
  const limitedOrders = count(row.m_limited_orders);
  const ordersOnMenu = count(row.m_orders_on_menu);
  // Ratios from the integer sums here, so that both databases answer the same digits.
  return Object.assign(into, {
    resources: count(row.m_resources),
    published: count(row.m_published),
    menuItems: count(row.m_menu_items),
    quota,
    orders: count(row.m_orders),
    ordersOnMenu,
    capacity,
    limitedOrders,
    capacityUsed: share(limitedOrders, capacity),
    quotaUsed: share(ordersOnMenu, quota),
    fullyBooked: count(row.m_fully_booked),
  });
}

function groupOf(row: StatsRow, groupBy: readonly ResourceDimension[]): ResourceStatsGroup {
  const key = (dimension: ResourceDimension): string | null => (groupBy.includes(dimension) ? String(row[KEY_ALIAS[dimension]]) : null);
  const publisher = key(ResourceDimension.PUBLISHER);
  return measuresOf(
    row,
    Object.assign(new ResourceStatsGroup(), {
      publisher: publisher === null ? null : siteReference(publisher),
      category: groupBy.includes(ResourceDimension.CATEGORY) ? categoryOf(row) : null,
      kind: key(ResourceDimension.KIND) as ResourceKind | null,
      regionCode: key(ResourceDimension.REGION),
      month: key(ResourceDimension.MONTH),
      level: key(ResourceDimension.LEVEL) as MenuLevel | null,
      status: key(ResourceDimension.STATUS) as ResourceStatus | null,
    }),
  );
}

/** The group's category from the columns its row carries (its fields need no path); null for a code no term has. */
function categoryOf(row: StatsRow): Category | null {
  const column = (alias: keyof typeof CATEGORY_COLUMNS) => row[alias];
  if (column('c_id') === null) return null;
  return Object.assign(new Category(), {
    id: String(column('c_id')),
    code: String(row[KEY_ALIAS.CATEGORY]),
    name: String(column('c_name')),
    parentId: column('c_parent') === null ? null : String(column('c_parent')),
    regionCode: column('c_region') === null ? null : String(column('c_region')),
    sortOrder: count(column('c_sort')),
  });
}
