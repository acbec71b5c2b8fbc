import { Role, monthOf, todayInChina } from '@practice/common';
import { Site } from '@practice/sites/site/site.entity';
import { SiteKind, SiteStatus } from '@practice/sites/site/site.enums';
import { createResource } from './catalogue';
import { ResourcesFixture, errorOf, expectNoErrors, startResources } from './fixture';
import { CREATE_MENU, menuInput } from './menu-catalogue';
import { EventsClient, eventsClient, ordered } from './ticket-events';

/**
 * Analytics of catalogues and menus (resourceStats, Site.menuGaps, Site.menuCoverage, menuCoverage)
 * and Category joined by code, over a small catalogue whose every figure is worked out by hand:
 *
 *   R1 station      SERVICE  HEALTH.CHECKUP                 capacity 10  PUBLISHED  this month quota 8 (8 orders: booked out), next month quota 10 on an ARCHIVED edition (2 orders)
 *   R2 station      PROJECT  CULTURE                        unlimited    PUBLISHED  this month quota 30 (3 orders)
 *   R3 institute    EXPERT   LEGAL + HEALTH.MENTAL          capacity 4   PUBLISHED  this month quota 4, corrected to 3 (3 orders: booked out)
 *   R4 institute    SERVICE  LEGAL.CLINIC                   capacity 6   DRAFT
 *   R5 sub-center   SERVICE  SAFETY.FIRE                    capacity 20  PUBLISHED  this month quota 10 (4 orders); last month 5 orders, no menu
 *   R6 other station VENUE   CULTURE.PERFORMANCE            capacity 5   WITHDRAWN  this month quota 5 (2 orders), withdrawn since
 */
const THIS_MONTH = monthOf(todayInChina());
const NEXT_MONTH = monthOf(todayInChina(), 1);
const LAST_MONTH = monthOf(todayInChina(), -1);
const MAX_GROUPS = 7;

const MEASURES = 'resources published menuItems quota orders ordersOnMenu capacity limitedOrders capacityUsed quotaUsed fullyBooked';
const STATS = `query($groupBy: [ResourceDimension!]!, $filter: ResourceStatsFilter, $regionLevel: RegionLevel, $first: Int, $orderBy: ResourceMeasure) {
  resourceStats(groupBy: $groupBy, filter: $filter, regionLevel: $regionLevel, first: $first, orderBy: $orderBy) {
    from to months groupBy regionLevel truncated
    groups { publisher { id } category { id code name parent { code } } kind regionCode month level status ${MEASURES} }
  }
}`;
const WITH_TOTALS = STATS.replace('truncated', `truncated totals { ${MEASURES} }`);
/** Without the category's parent, which a loader of its own fetches. */
const COUNTED = WITH_TOTALS.replace(' parent { code }', '');

interface Measures {
  resources: number;
  published: number;
  menuItems: number;
  quota: number;
  orders: number;
  ordersOnMenu: number;
  capacity: number;
  limitedOrders: number;
  capacityUsed: number | null;
  quotaUsed: number | null;
  fullyBooked: number;
}
interface Group extends Measures {
  publisher: { id: string } | null;
  category: { id: string; code: string; name: string; parent: { code: string } | null } | null;
  kind: string | null;
  regionCode: string | null;
  month: string | null;
  level: string | null;
  status: string | null;
}
interface Stats {
  from: string;
  to: string;
  months: number;
  groupBy: string[];
  regionLevel: string;
  truncated: boolean;
  groups: Group[];
  totals?: Measures;
}

let f: ResourcesFixture;
let events: EventsClient;
let analyst: string;
let institute: Site;
let station: Site;
let sibling: Site;
let otherInstitute: Site;
let otherStation: Site;
let subCenter: Site;
const ids: Record<'R1' | 'R2' | 'R3' | 'R4' | 'R5' | 'R6', string> = { R1: '', R2: '', R3: '', R4: '', R5: '', R6: '' };

/** Measures with the ratios worked out from their parts, as the answer gives them. */
const measures = (m: Omit<Measures, 'capacityUsed' | 'quotaUsed'>): Measures => ({
  ...m,
  capacityUsed: m.capacity ? m.limitedOrders / m.capacity : null,
  quotaUsed: m.quota ? m.ordersOnMenu / m.quota : null,
});

const THIS_MONTH_TOTALS = measures({
  resources: 6,
  published: 4,
  menuItems: 5,
  quota: 56,
  orders: 20,
  ordersOnMenu: 20,
  capacity: 39,
  limitedOrders: 17,
  fullyBooked: 2,
});
const NONE = { publisher: null, category: null, kind: null, regionCode: null, month: null, level: null, status: null };

async function stats(variables: Record<string, unknown>, token = analyst, query = STATS): Promise<Stats> {
  const result = await f.request<{ resourceStats: Stats }>(query, variables, { token });
  expectNoErrors(result);
  return result.data!.resourceStats;
}
const groupsOf = async (variables: Record<string, unknown>, token = analyst) => (await stats(variables, token)).groups;
/** The groups keyed by a text of their keys, so that expectations do not depend on a collation. */
const byKey = (groups: Group[], key: (group: Group) => string): Record<string, Measures> =>
  Object.fromEntries(
    groups.map((group) => {
      const { publisher: _p, category: _c, kind: _k, regionCode: _r, month: _m, level: _l, status: _s, ...rest } = group;
      return [key(group), rest];
    }),
  );

async function menu(publisher: Site, period: string, items: [string, number][]): Promise<string> {
  const created = await f.request<{ createMenu: { id: string } }>(
    CREATE_MENU,
    {
      input: menuInput(
        publisher.id,
        period,
        items.map(([resourceId, quota]) => ({ resourceId, quota })),
      ),
    },
    { token: f.admin },
  );
  expectNoErrors(created);
  const id = created.data!.createMenu.id;
  expectNoErrors(await f.request(`mutation($id: ID!) { publishMenu(id: $id) { id } }`, { id }, { token: f.admin }));
  return id;
}
const mutate = async (mutation: string, variables: Record<string, unknown>) => {
  const result = await f.request<Record<string, { id: string }>>(mutation, variables, { token: f.admin });
  expectNoErrors(result);
  return Object.values(result.data!)[0].id;
};
const orders = (resourceId: string, n: number, period = THIS_MONTH, orderedAt = new Date().toISOString()) =>
  Array.from({ length: n }, () => ordered(resourceId, { period, orderedAt }));

beforeAll(async () => {
  f = await startResources({ env: { RESOURCE_STATS_MAX_GROUPS: String(MAX_GROUPS) } });
  events = await eventsClient(f.server.url);
  analyst = await f.token(Role.ANALYST);
  institute = await f.site(SiteKind.INSTITUTE, 0);
  station = await f.childOf(institute, SiteKind.STATION, 0);
  sibling = await f.childOf(institute, SiteKind.STATION, 1);
  otherInstitute = await f.site(SiteKind.INSTITUTE, 1);
  otherStation = await f.childOf(otherInstitute, SiteKind.STATION, 0);
  subCenter = await f.site(SiteKind.SECTOR_SUBCENTER, 0);

  ids.R1 = await createResource(f.request, f.admin, station.id, { title: '健康体检', categoryCodes: ['SERVICE.HEALTH.CHECKUP'], capacityPerMonth: 10 });
  ids.R2 = await createResource(f.request, f.admin, station.id, {
    title: '广场舞',
    kind: 'PROJECT',
    categoryCodes: ['SERVICE.CULTURE'],
    capacityPerMonth: null,
  });
  ids.R3 = await createResource(f.request, f.admin, institute.id, {
    title: '法律与心理咨询',
    kind: 'EXPERT',
    categoryCodes: ['SERVICE.LEGAL', 'SERVICE.HEALTH.MENTAL'],
    capacityPerMonth: 4,
  });
  ids.R4 = await createResource(f.request, f.admin, institute.id, { title: '法律门诊', categoryCodes: ['SERVICE.LEGAL.CLINIC'], capacityPerMonth: 6 }, false);
  ids.R5 = await createResource(f.request, f.admin, subCenter.id, { title: '消防检查', categoryCodes: ['SERVICE.SAFETY.FIRE'], capacityPerMonth: 20 });
  ids.R6 = await createResource(f.request, f.admin, otherStation.id, {
    title: '文艺演出场地',
    kind: 'VENUE',
    categoryCodes: ['SERVICE.CULTURE.PERFORMANCE'],
    capacityPerMonth: 5,
  });

  await menu(station, THIS_MONTH, [
    [ids.R1, 8],
    [ids.R2, 30],
  ]);
  const first = await menu(institute, THIS_MONTH, [[ids.R3, 4]]);
  // A correction: the first edition turns SUPERSEDED and its item counts no more.
  const correction = await mutate(`mutation($input: SupersedeMenuInput!) { supersedeMenu(input: $input) { id } }`, { input: { id: first } });
  await mutate(`mutation($input: UpdateMenuInput!) { updateMenu(input: $input) { id } }`, {
    input: { id: correction, items: [{ resourceId: ids.R3, quota: 3 }] },
  });
  await mutate(`mutation($id: ID!) { publishMenu(id: $id) { id } }`, { id: correction });
  await menu(subCenter, THIS_MONTH, [[ids.R5, 10]]);
  await menu(otherStation, THIS_MONTH, [[ids.R6, 5]]);
  // Next month's menu is archived: no longer on the sites' menus, still what was offered.
  const archived = await menu(station, NEXT_MONTH, [[ids.R1, 10]]);
  await mutate(`mutation($id: ID!) { archiveMenu(id: $id) { id } }`, { id: archived });

  const results = await events.deliver(
    ...orders(ids.R1, 8),
    ...orders(ids.R2, 3),
    ...orders(ids.R3, 3),
    ...orders(ids.R5, 4),
    ...orders(ids.R6, 2),
    ...orders(ids.R1, 2, NEXT_MONTH),
    ...orders(ids.R5, 5, LAST_MONTH, `${LAST_MONTH}-15T04:00:00Z`),
  );
  expect(results.filter((result) => result.status !== 'APPLIED')).toEqual([]);
  await mutate(`mutation($id: ID!) { withdrawResource(id: $id) { id } }`, { id: ids.R6 });
});
afterAll(() => f?.close());

describe('resourceStats measures', () => {
  it('counts this month by default: resources, published, menu items and quotas of live editions, orders, capacity offered, booked out', async () => {
    const answer = await stats({ groupBy: [] }, analyst, WITH_TOTALS);
    expect(answer).toMatchObject({ from: THIS_MONTH, to: THIS_MONTH, months: 1, groupBy: [], regionLevel: 'COUNTY', truncated: false });
    expect(answer.groups).toEqual([{ ...NONE, ...THIS_MONTH_TOTALS }]);
    expect(answer.totals).toEqual(THIS_MONTH_TOTALS);
    expect(answer.groups[0].capacityUsed).toBeCloseTo(17 / 39, 10);
  });

  it('answers no group, and totals of zero, when nothing matches', async () => {
    const answer = await stats({ groupBy: [], filter: { kinds: ['VENUE'], statuses: ['PUBLISHED'] } }, analyst, WITH_TOTALS);
    expect(answer.groups).toEqual([]);
    expect(answer.totals).toEqual(
      measures({ resources: 0, published: 0, menuItems: 0, quota: 0, orders: 0, ordersOnMenu: 0, capacity: 0, limitedOrders: 0, fullyBooked: 0 }),
    );
  });

  it('adds the months of a range: a resource counts once, items, quotas, orders and capacity once per month', async () => {
    const [all] = await groupsOf({ groupBy: [], filter: { period: { from: LAST_MONTH, to: NEXT_MONTH } } });
    // Last month only R5 takes part (ordered then, created since); next month R1's archived item and
    // 2 orders, and the capacity of what is published (R1, R3, R5), not of the withdrawn R6.
    expect(all).toEqual({
      ...NONE,
      ...measures({ resources: 6, published: 4, menuItems: 6, quota: 66, orders: 27, ordersOnMenu: 22, capacity: 93, limitedOrders: 24, fullyBooked: 2 }),
    });
  });

  it('groups by MONTH', async () => {
    const groups = await groupsOf({ groupBy: ['MONTH'], filter: { period: { from: LAST_MONTH, to: NEXT_MONTH } } });
    expect(groups.map((group) => group.month)).toEqual([LAST_MONTH, THIS_MONTH, NEXT_MONTH]);
    expect(byKey(groups, (group) => group.month!)).toEqual({
      [LAST_MONTH]: measures({
        resources: 1,
        published: 1,
        menuItems: 0,
        quota: 0,
        orders: 5,
        ordersOnMenu: 0,
        capacity: 20,
        limitedOrders: 5,
        fullyBooked: 0,
      }),
      [THIS_MONTH]: THIS_MONTH_TOTALS,
      [NEXT_MONTH]: measures({
        resources: 6,
        published: 4,
        menuItems: 1,
        quota: 10,
        orders: 2,
        ordersOnMenu: 2,
        capacity: 34,
        limitedOrders: 2,
        fullyBooked: 0,
      }),
    });
  });

  it('groups by PUBLISHER, as Site references', async () => {
    const groups = await groupsOf({ groupBy: ['PUBLISHER'] });
    expect(byKey(groups, (group) => group.publisher!.id)).toEqual({
      [station.id]: measures({
        resources: 2,
        published: 2,
        menuItems: 2,
        quota: 38,
        orders: 11,
        ordersOnMenu: 11,
        capacity: 10,
        limitedOrders: 8,
        fullyBooked: 1,
      }),
      [institute.id]: measures({
        resources: 2,
        published: 1,
        menuItems: 1,
        quota: 3,
        orders: 3,
        ordersOnMenu: 3,
        capacity: 4,
        limitedOrders: 3,
        fullyBooked: 1,
      }),
      [subCenter.id]: measures({
        resources: 1,
        published: 1,
        menuItems: 1,
        quota: 10,
        orders: 4,
        ordersOnMenu: 4,
        capacity: 20,
        limitedOrders: 4,
        fullyBooked: 0,
      }),
      [otherStation.id]: measures({
        resources: 1,
        published: 0,
        menuItems: 1,
        quota: 5,
        orders: 2,
        ordersOnMenu: 2,
        capacity: 5,
        limitedOrders: 2,
        fullyBooked: 0,
      }),
    });
    expect(groups.map((group) => group.publisher!.id)).toEqual([...groups.map((group) => group.publisher!.id)].sort());
  });

  it('groups by CATEGORY: a resource under two categories counts in each, the totals once', async () => {
    const answer = await stats({ groupBy: ['CATEGORY'] }, analyst, WITH_TOTALS);
    const one = (resources: number, published: number, items: number, quota: number, ordersN: number, capacity: number, limited: number, booked: number) =>
      measures({
        resources,
        published,
        menuItems: items,
        quota,
        orders: ordersN,
        ordersOnMenu: ordersN,
        capacity,
        limitedOrders: limited,
        fullyBooked: booked,
      });
    expect(byKey(answer.groups, (group) => group.category!.code)).toEqual({
      'SERVICE.CULTURE': one(1, 1, 1, 30, 3, 0, 0, 0),
      'SERVICE.CULTURE.PERFORMANCE': one(1, 0, 1, 5, 2, 5, 2, 0),
      'SERVICE.HEALTH.CHECKUP': one(1, 1, 1, 8, 8, 10, 8, 1),
      'SERVICE.HEALTH.MENTAL': one(1, 1, 1, 3, 3, 4, 3, 1),
      'SERVICE.LEGAL': one(1, 1, 1, 3, 3, 4, 3, 1),
      'SERVICE.LEGAL.CLINIC': measures({
        resources: 1,
        published: 0,
        menuItems: 0,
        quota: 0,
        orders: 0,
        ordersOnMenu: 0,
        capacity: 0,
        limitedOrders: 0,
        fullyBooked: 0,
      }),
      'SERVICE.SAFETY.FIRE': one(1, 1, 1, 10, 4, 20, 4, 0),
    });
    expect(answer.groups.reduce((sum, group) => sum + group.resources, 0)).toBe(7);
    expect(answer.totals).toEqual(THIS_MONTH_TOTALS);
    const mental = answer.groups.find((group) => group.category?.code === 'SERVICE.HEALTH.MENTAL')!;
    expect(mental.category).toMatchObject({ name: '心理健康', parent: { code: 'SERVICE.HEALTH' } });
  });

  it('filters by a category with the terms below it, and then groups by those terms only', async () => {
    const groups = await groupsOf({ groupBy: ['CATEGORY'], filter: { categoryCodes: ['SERVICE.HEALTH'] } });
    expect(groups.map((group) => [group.category!.code, group.resources, group.orders]).sort()).toEqual([
      ['SERVICE.HEALTH.CHECKUP', 1, 8],
      ['SERVICE.HEALTH.MENTAL', 1, 3],
    ]);
    const [health] = await groupsOf({ groupBy: [], filter: { categoryCodes: ['SERVICE.HEALTH', 'SERVICE.SAFETY'] } });
    expect(health).toMatchObject({ resources: 3, orders: 15 });
  });

  it('groups by KIND, LEVEL and STATUS', async () => {
    const count = (groups: Group[], key: (group: Group) => string) =>
      Object.fromEntries(Object.entries(byKey(groups, key)).map(([name, m]) => [name, [m.resources, m.orders, m.capacity]]));
    expect(count(await groupsOf({ groupBy: ['KIND'] }), (group) => group.kind!)).toEqual({
      SERVICE: [3, 12, 30],
      PROJECT: [1, 3, 0],
      EXPERT: [1, 3, 4],
      VENUE: [1, 2, 5],
    });
    expect(count(await groupsOf({ groupBy: ['LEVEL'] }), (group) => group.level!)).toEqual({
      STATION: [3, 13, 15],
      INSTITUTE: [2, 3, 4],
      SECTOR_SUBCENTER: [1, 4, 20],
    });
    expect(count(await groupsOf({ groupBy: ['STATUS'] }), (group) => group.status!)).toEqual({
      PUBLISHED: [4, 18, 34],
      DRAFT: [1, 0, 0],
      WITHDRAWN: [1, 2, 5],
    });
  });

  it('groups by REGION at the level asked (COUNTY by default)', async () => {
    const [county] = await groupsOf({ groupBy: ['REGION'] });
    expect(county).toMatchObject({ regionCode: station.regionCode.slice(0, 6), resources: 6 });
    const townships = await groupsOf({ groupBy: ['REGION'], regionLevel: 'TOWNSHIP' });
    const expected: Record<string, number> = {};
    for (const [site, n] of [
      [station, 2],
      [institute, 2],
      [subCenter, 1],
      [otherStation, 1],
    ] as [Site, number][]) {
      expected[site.regionCode.slice(0, 9)] = (expected[site.regionCode.slice(0, 9)] ?? 0) + n;
    }
    expect(Object.fromEntries(townships.map((group) => [group.regionCode, group.resources]))).toEqual(expected);
  });

  it('combines dimensions and filters by region, publisher, kind and status', async () => {
    const groups = await groupsOf({
      groupBy: ['PUBLISHER', 'KIND'],
      filter: { regionCodePrefix: institute.regionCode.slice(0, 9), kinds: ['SERVICE', 'EXPERT'] },
    });
    expect(groups.map((group) => [group.publisher!.id, group.kind, group.resources]).sort()).toEqual(
      [
        [station.id, 'SERVICE', 1],
        [institute.id, 'EXPERT', 1],
        [institute.id, 'SERVICE', 1],
      ].sort(),
    );
    const [published] = await groupsOf({ groupBy: [], filter: { publisherIds: [institute.id, subCenter.id], statuses: ['PUBLISHED'] } });
    expect(published).toMatchObject({ resources: 2, orders: 7, capacity: 24 });
  });

  it('ranks by a measure and cuts at first, telling that more groups matched', async () => {
    const ranked = await stats({ groupBy: ['PUBLISHER'], orderBy: 'ORDERS', first: 2 });
    expect(ranked.groups.map((group) => [group.publisher!.id, group.orders])).toEqual([
      [station.id, 11],
      [subCenter.id, 4],
    ]);
    expect(ranked.truncated).toBe(true);
    const byUse = await groupsOf({ groupBy: ['PUBLISHER'], orderBy: 'CAPACITY_USED' });
    // 8/10, 3/4, 2/5, 4/20.
    expect(byUse.map((group) => group.publisher!.id)).toEqual([station.id, institute.id, otherStation.id, subCenter.id]);
    expect((await stats({ groupBy: ['PUBLISHER'], first: 4 })).truncated).toBe(false);
    // first alone keeps the groups with the most resources.
    const largest = await stats({ groupBy: ['PUBLISHER'], first: 2 });
    expect(largest.groups.map((group) => group.publisher!.id).sort()).toEqual([station.id, institute.id].sort());
  });
});

describe('who may read resourceStats', () => {
  it('shows site managers and agency admins their own catalogues only', async () => {
    const agency = await f.token(Role.AGENCY_ADMIN, { siteIds: [subCenter.id] });
    expect((await groupsOf({ groupBy: ['PUBLISHER'] }, agency)).map((group) => [group.publisher!.id, group.resources])).toEqual([[subCenter.id, 1]]);
    // Asking for another publisher's resources answers nothing of them.
    expect(await groupsOf({ groupBy: ['PUBLISHER'], filter: { publisherIds: [station.id] } }, agency)).toEqual([]);
    const manager = await f.token(Role.SITE_MANAGER, { siteIds: [institute.id] });
    const own = await groupsOf({ groupBy: ['PUBLISHER'] }, manager);
    expect(own.map((group) => group.publisher!.id).sort()).toEqual([station.id, institute.id].sort());
    expect(own.reduce((sum, group) => sum + group.resources, 0)).toBe(4);
    // The managers of the center do not own a sub-center's catalogue.
    const center = await f.token(Role.SITE_MANAGER, { siteIds: [(await f.site(SiteKind.CENTER)).id] });
    expect((await groupsOf({ groupBy: ['LEVEL'] }, center)).map((group) => group.level).sort()).toEqual(['INSTITUTE', 'STATION']);
  });

  it('gives admins everything, like analysts', async () => {
    expect((await groupsOf({ groupBy: [] }, f.admin))[0]).toMatchObject({ resources: 6, orders: 20 });
  });

  it.each([
    [Role.CITIZEN, 'ROLE_NOT_ALLOWED'],
    [Role.VOLUNTEER, 'ROLE_NOT_ALLOWED'],
  ])('refuses a %s with FORBIDDEN', async (role, reason) => {
    const result = await f.request(STATS, { groupBy: [] }, { token: await f.token(role) });
    expect(errorOf(result)).toMatchObject({ code: 'FORBIDDEN', reason });
    expect(result.data).toBeNull();
  });

  it('refuses a site manager whose token names no site, and anonymous callers', async () => {
    expect(errorOf(await f.request(STATS, { groupBy: [] }, { token: await f.token(Role.SITE_MANAGER) }))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_CATALOGUE_OWNER',
    });
    // Through the gateway without a token.
    expect(errorOf(await f.request(STATS, { groupBy: [] }))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('bad resourceStats questions', () => {
  it.each([
    ['a bad month', { groupBy: [], filter: { period: { from: '2026-13' } } }, { field: 'filter.period.from', reason: 'INVALID_PERIOD' }],
    ['a reversed period', { groupBy: [], filter: { period: { from: THIS_MONTH, to: LAST_MONTH } } }, { field: 'filter.period.to', reason: 'PERIOD_REVERSED' }],
    [
      'a period of 37 months',
      { groupBy: [], filter: { period: { from: '2024-01', to: '2027-01' } } },
      { field: 'filter.period.to', reason: 'PERIOD_TOO_LONG' },
    ],
    ['a dimension twice', { groupBy: ['KIND', 'KIND'] }, { field: 'groupBy', reason: 'REPEATED_DIMENSION' }],
    ['five dimensions', { groupBy: ['KIND', 'LEVEL', 'STATUS', 'MONTH', 'REGION'] }, { field: 'groupBy', reason: 'TOO_MANY_DIMENSIONS' }],
    [
      'more groups than the maximum',
      { groupBy: ['PUBLISHER', 'MONTH'], filter: { period: { from: LAST_MONTH, to: NEXT_MONTH } } },
      { field: 'groupBy', reason: 'TOO_MANY_GROUPS' },
    ],
    ['first of 0', { groupBy: [], first: 0 }, { field: 'first', reason: 'PAGE_SIZE_OUT_OF_RANGE' }],
    ['first above the maximum', { groupBy: [], first: MAX_GROUPS + 1 }, { field: 'first', reason: 'PAGE_SIZE_OUT_OF_RANGE' }],
    [
      'an unknown category',
      { groupBy: [], filter: { categoryCodes: ['SERVICE.HEALTH', 'SERVICE.NOPE'] } },
      { field: 'filter.categoryCodes[1]', reason: 'UNKNOWN_CATEGORY' },
    ],
    ['a malformed category code', { groupBy: [], filter: { categoryCodes: ['health'] } }, { field: 'filter.categoryCodes' }],
    ['a bad region prefix', { groupBy: [], filter: { regionCodePrefix: '32058' } }, { field: 'filter.regionCodePrefix' }],
    ['a publisher id that is no id', { groupBy: [], filter: { publisherIds: ['station-1'] } }, { field: 'filter.publisherIds' }],
  ])('answers %s with BAD_USER_INPUT', async (_name, variables, problem) => {
    const result = await f.request(STATS, variables, { token: analyst });
    expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', ...problem });
  });

  it('answers within the maximum when first cuts the groups', async () => {
    const answer = await stats({ groupBy: ['PUBLISHER', 'MONTH'], filter: { period: { from: LAST_MONTH, to: NEXT_MONTH } }, first: MAX_GROUPS });
    expect(answer.groups).toHaveLength(MAX_GROUPS);
    expect(answer.truncated).toBe(true);
  });

  it('refuses a dimension that does not exist before running anything', async () => {
    const result = await f.request(STATS, { groupBy: ['VILLAGE'] }, { token: analyst });
    expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('Category by code', () => {
  const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Category { id code name parent { code } } } }`;

  it('resolves representations by code and by id in one request, null for an unknown code', async () => {
    const health = (await f.request<{ category: { id: string } }>(`{ category(code: "SERVICE.HEALTH") { id } }`)).data!.category;
    const result = await f.request<{ _entities: ({ id: string; code: string; name: string; parent: { code: string } | null } | null)[] }>(
      ENTITIES,
      {
        r: [
          { __typename: 'Category', code: 'SERVICE.HEALTH.CHECKUP' },
          { __typename: 'Category', id: health.id },
          { __typename: 'Category', code: 'SERVICE.NOPE' },
          { __typename: 'Category', code: 'SERVICE.HEALTH' },
        ],
      },
      { token: analyst },
    );
    expectNoErrors(result);
    expect(result.data!._entities).toEqual([
      expect.objectContaining({ code: 'SERVICE.HEALTH.CHECKUP', name: '健康体检', parent: { code: 'SERVICE.HEALTH' } }),
      { id: health.id, code: 'SERVICE.HEALTH', name: '体育健康卫生', parent: { code: 'SERVICE' } },
      null,
      { id: health.id, code: 'SERVICE.HEALTH', name: '体育健康卫生', parent: { code: 'SERVICE' } },
    ]);
  });

  it('costs one statement per kind of key, whatever the number of references', async () => {
    const codes = ['SERVICE.HEALTH', 'SERVICE.LEGAL', 'SERVICE.SAFETY', 'SERVICE.CULTURE', 'TASK.EDUCATION', 'LINE.RED'];
    const count = async (representations: Record<string, string>[]) => {
      const { result, statements } = await f.server.counter.measure(() =>
        f.request(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Category { code } } }`, { r: representations }, { token: analyst }),
      );
      expectNoErrors(result);
      return statements.length;
    };
    expect(await count(codes.map((code) => ({ __typename: 'Category', code })))).toBe(1);
    expect(await count([{ __typename: 'Category', code: 'SERVICE.HEALTH' }])).toBe(1);
  });
});

describe('Site.menuGaps and Site.menuCoverage', () => {
  const GAPS = `query($r: [_Any!]!, $period: String, $codes: [String!]) { _entities(representations: $r) { ... on Site {
    menuGaps(period: $period, categoryCodes: $codes) { code name }
    menuCoverage(period: $period, categoryCodes: $codes) { category { code } covered items levels }
  } } }`;
  const representation = (site: Site) => ({ __typename: 'Site', id: site.id, ancestorIds: site.ancestorIds, regionCode: site.regionCode });
  const DOMAINS = ['THEORY', 'POLICY', 'SAFETY', 'CULTURE', 'SCIENCE', 'HEALTH', 'LEGAL', 'LIVELIHOOD', 'CUSTOMS'].map((code) => `SERVICE.${code}`);
  type Coverage = {
    menuGaps: { code: string; name: string }[];
    menuCoverage: { category: { code: string }; covered: boolean; items: number; levels: string[] }[];
  };

  async function coverage(sites: Site[], variables: Record<string, unknown> = {}): Promise<Coverage[]> {
    const result = await f.request<{ _entities: Coverage[] }>(GAPS, { r: sites.map(representation), ...variables });
    expectNoErrors(result);
    return result.data!._entities;
  }
  const gapCodes = (entity: Coverage) => entity.menuGaps.map((gap) => gap.code);
  const without = (...covered: string[]) => DOMAINS.filter((code) => !covered.map((domain) => `SERVICE.${domain}`).includes(code));

  it('lists the service domains nothing on the menus reaching a site covers, by the reach rule of Site.menu', async () => {
    const [atStation, atSibling, atOtherStation] = await coverage([station, sibling, otherStation]);
    // The station's own menu (health, culture), the institute's (legal, mental health), the county's sub-center (safety).
    expect(gapCodes(atStation)).toEqual(without('HEALTH', 'CULTURE', 'LEGAL', 'SAFETY'));
    expect(atStation.menuGaps[0]).toEqual({ code: 'SERVICE.THEORY', name: '理论宣讲' });
    // A neighbour gets the institute's and the sub-center's, not the station's own menu.
    expect(gapCodes(atSibling)).toEqual(without('HEALTH', 'LEGAL', 'SAFETY'));
    // Another township: its station's venue was withdrawn, so only the sub-center's safety checks reach it.
    expect(gapCodes(atOtherStation)).toEqual(without('SAFETY'));
  });

  it('tells for every category whether it is covered, by how many items from which levels', async () => {
    const [atStation] = await coverage([station]);
    const of = (code: string) => atStation.menuCoverage.find((entry) => entry.category.code === code);
    expect(atStation.menuCoverage.map((entry) => entry.category.code)).toEqual(DOMAINS);
    expect(of('SERVICE.HEALTH')).toEqual({ category: { code: 'SERVICE.HEALTH' }, covered: true, items: 2, levels: ['STATION', 'INSTITUTE'] });
    expect(of('SERVICE.SAFETY')).toEqual({ category: { code: 'SERVICE.SAFETY' }, covered: true, items: 1, levels: ['SECTOR_SUBCENTER'] });
    expect(of('SERVICE.THEORY')).toEqual({ category: { code: 'SERVICE.THEORY' }, covered: false, items: 0, levels: [] });
  });

  it('asks about the categories named: a term is covered by itself or a term below it, not by a broader one', async () => {
    const [atStation] = await coverage([station], { codes: ['SERVICE.HEALTH.CHECKUP', 'SERVICE.LEGAL.CLINIC', 'SERVICE.LEGAL'] });
    // R3 is filed under SERVICE.LEGAL (broader): it does not cover the clinic; R4, a clinic, is a draft.
    expect(gapCodes(atStation)).toEqual(['SERVICE.LEGAL.CLINIC']);
    expect(atStation.menuCoverage.map((entry) => [entry.category.code, entry.covered])).toEqual([
      ['SERVICE.HEALTH.CHECKUP', true],
      ['SERVICE.LEGAL.CLINIC', false],
      ['SERVICE.LEGAL', true],
    ]);
  });

  it('follows the month: next month’s menu is archived, so nothing covers anything', async () => {
    const [atStation] = await coverage([station], { period: NEXT_MONTH });
    expect(gapCodes(atStation)).toEqual(DOMAINS);
  });

  it('answers bad arguments with BAD_USER_INPUT', async () => {
    const unknown = await f.request(GAPS, { r: [representation(station)], codes: ['SERVICE.HEALTH', 'SERVICE.NOPE'] });
    expect(errorOf(unknown)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'categoryCodes[1]', reason: 'UNKNOWN_CATEGORY' });
    const period = await f.request(GAPS, { r: [representation(station)], period: '2026-1' });
    expect(errorOf(period)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period', reason: 'INVALID_PERIOD' });
    const many = await f.request(GAPS, { r: [representation(station)], codes: Array.from({ length: 21 }, (_, i) => `SERVICE.X${i}`) });
    expect(errorOf(many)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'categoryCodes', reason: 'TOO_MANY_CATEGORIES' });
  });

  it('costs the same few statements for one site and for every station of the county', async () => {
    const stations = await f.sites.db.getRepository(Site).find({ where: { kind: SiteKind.STATION, status: SiteStatus.ACTIVE }, order: { code: 'ASC' } });
    expect(stations.length).toBeGreaterThan(100);
    const count = async (sites: Site[]) => {
      const { result, statements } = await f.server.counter.measure(() => f.request(GAPS, { r: sites.map(representation) }));
      expectNoErrors(result);
      return statements.length;
    };
    // The menu rows of every site, their resources' categories, the categories asked about.
    expect(await count(stations)).toBe(await count([station]));
    expect(await count(stations)).toBeLessThanOrEqual(3);
  });
});

describe('menuCoverage', () => {
  const SUMMARY = `query($period: String, $prefix: String, $codes: [String!]) { menuCoverage(period: $period, regionCodePrefix: $prefix, categoryCodes: $codes) {
    period regionCodePrefix categories { category { code } publishers resources quota orders }
  } }`;
  type Summary = {
    period: string;
    regionCodePrefix: string | null;
    categories: { category: { code: string }; publishers: number; resources: number; quota: number; orders: number }[];
  };
  const summary = async (variables: Record<string, unknown>): Promise<Summary> => {
    const result = await f.request<{ menuCoverage: Summary }>(SUMMARY, variables);
    expectNoErrors(result);
    return result.data!.menuCoverage;
  };
  const row = (answer: Summary, code: string) => {
    const found = answer.categories.find((entry) => entry.category.code === code)!;
    return [found.publishers, found.resources, found.quota, found.orders];
  };

  it('counts per service domain the publishers, published resources, quotas and orders of the month’s published menus', async () => {
    const county = await summary({ prefix: station.regionCode.slice(0, 6) });
    expect(county.period).toBe(THIS_MONTH);
    expect(county.categories).toHaveLength(9);
    expect(row(county, 'SERVICE.HEALTH')).toEqual([2, 2, 11, 11]);
    // The withdrawn venue is not offered any more.
    expect(row(county, 'SERVICE.CULTURE')).toEqual([1, 1, 30, 3]);
    expect(row(county, 'SERVICE.LEGAL')).toEqual([1, 1, 3, 3]);
    expect(row(county, 'SERVICE.THEORY')).toEqual([0, 0, 0, 0]);
    const township = await summary({ prefix: institute.regionCode.slice(0, 9), codes: ['SERVICE.HEALTH.MENTAL', 'SERVICE.SAFETY'] });
    expect(township.categories.map((entry) => [entry.category.code, entry.publishers])).toEqual([
      ['SERVICE.HEALTH.MENTAL', 1],
      ['SERVICE.SAFETY', subCenter.regionCode.startsWith(institute.regionCode.slice(0, 9)) ? 1 : 0],
    ]);
  });

  it('costs two statements and answers bad input with BAD_USER_INPUT', async () => {
    const { result, statements } = await f.server.counter.measure(() => f.request(SUMMARY, {}));
    expectNoErrors(result);
    expect(statements).toHaveLength(2);
    expect(errorOf(await f.request(SUMMARY, { prefix: '3205' + '8' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'regionCodePrefix' });
    expect(errorOf(await f.request(SUMMARY, { period: 'next' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
  });
});

describe('SQL statements of resourceStats, whatever the number of groups', () => {
  it('is one statement for the groups, one for the totals and one to check the categories asked about', async () => {
    const count = async (variables: Record<string, unknown>, query = COUNTED.replace(/totals \{[^}]*\}/, '')) => {
      const { result, statements } = await f.server.counter.measure(() => f.request(query, variables, { token: analyst }));
      expectNoErrors(result);
      return statements.length;
    };
    expect(await count({ groupBy: [] })).toBe(1);
    expect(await count({ groupBy: ['PUBLISHER', 'CATEGORY'], first: MAX_GROUPS })).toBe(1);
    expect(
      await count({ groupBy: ['PUBLISHER', 'CATEGORY', 'MONTH'], first: MAX_GROUPS, filter: { period: { from: '2024-01', to: '2026-12' } } }, COUNTED),
    ).toBe(2);
    expect(await count({ groupBy: ['CATEGORY', 'KIND'], filter: { categoryCodes: ['SERVICE'] } }, COUNTED)).toBe(3);
  });
});
