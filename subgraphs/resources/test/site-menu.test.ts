import { Role, monthOf, todayInChina } from '@practice/common';
import { Site } from '@practice/sites/site/site.entity';
import { SiteKind, SiteStatus } from '@practice/sites/site/site.enums';
import { createResource } from './catalogue';
import { ResourcesFixture, expectNoErrors, startResources } from './fixture';
import { CREATE_MENU, menuInput } from './menu-catalogue';

/**
 * `Site.menu` through `_entities`, with the representation the gateway sends: the site's id with
 * the `ancestorIds` and `regionCode` the field requires, fetched from the sites subgraph.
 */
const THIS_MONTH = monthOf(todayInChina());
const SITE_MENU = `query($r: [_Any!]!, $period: String, $filter: SiteMenuFilter, $first: Int, $after: String) { _entities(representations: $r) { ... on Site {
  menu(period: $period) {
    period
    menus { id level publisher { id } }
    items(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { quota level publisher { id } menu { id } resource { id title kind categories { code } } } } }
  }
} } }`;

interface Item {
  quota: number;
  level: string;
  publisher: { id: string };
  resource: { id: string; title: string; kind: string };
}
interface SiteMenuShape {
  period: string;
  menus: { id: string; level: string; publisher: { id: string } }[];
  items: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string; node: Item }[] };
}

let f: ResourcesFixture;
let center: Site;
let institute: Site;
let station: Site;
let sibling: Site;
let otherInstitute: Site;
let otherStation: Site;
let subCenter: Site;
let farSubCenter: Site;
const titles = new Map<string, string>();

const representation = (site: Site) => ({ __typename: 'Site', id: site.id, ancestorIds: site.ancestorIds, regionCode: site.regionCode });

async function menuAt(sites: Site[], variables: Record<string, unknown> = {}, token?: string): Promise<SiteMenuShape[]> {
  const result = await f.request<{ _entities: { menu: SiteMenuShape }[] }>(SITE_MENU, { r: sites.map(representation), ...variables }, token ? { token } : {});
  expectNoErrors(result);
  return result.data!._entities.map((entity) => entity.menu);
}
const titlesAt = async (site: Site, variables: Record<string, unknown> = {}) =>
  (await menuAt([site], variables))[0].items.edges.map((edge) => edge.node.resource.title);

/** Publishes a resource per title and a menu of them for the month; answers the resource ids. */
async function publishMenu(publisher: Site, entries: { title: string; overrides?: Record<string, unknown> }[], period = THIS_MONTH): Promise<string[]> {
  const ids: string[] = [];
  for (const { title, overrides } of entries) {
    const id = await createResource(f.request, f.admin, publisher.id, { title, ...overrides });
    titles.set(id, title);
    ids.push(id);
  }
  const created = await f.request<{ createMenu: { id: string } }>(
    CREATE_MENU,
    {
      input: menuInput(
        publisher.id,
        period,
        ids.map((resourceId) => ({ resourceId, quota: 5 })),
      ),
    },
    { token: f.admin },
  );
  expectNoErrors(created);
  expectNoErrors(await f.request(`mutation($id: ID!) { publishMenu(id: $id) { id } }`, { id: created.data!.createMenu.id }, { token: f.admin }));
  return ids;
}

let withdrawnId: string;

beforeAll(async () => {
  f = await startResources();
  center = await f.site(SiteKind.CENTER);
  institute = await f.site(SiteKind.INSTITUTE, 0);
  station = await f.childOf(institute, SiteKind.STATION, 0);
  sibling = await f.childOf(institute, SiteKind.STATION, 1);
  otherInstitute = await f.site(SiteKind.INSTITUTE, 1);
  otherStation = await f.childOf(otherInstitute, SiteKind.STATION, 0);
  subCenter = await f.site(SiteKind.SECTOR_SUBCENTER, 0);
  farSubCenter = await f.site(SiteKind.SECTOR_SUBCENTER, 1);

  await publishMenu(station, [{ title: '站点·农家书屋借阅' }, { title: '站点·广场舞培训', overrides: { kind: 'PROJECT' } }]);
  [withdrawnId] = await publishMenu(institute, [
    { title: '所·已撤回的讲座' },
    { title: '所·仅限本站的义诊', overrides: { serviceArea: { siteIds: [station.id] } } },
    { title: '所·全镇法律咨询', overrides: { categoryCodes: ['SERVICE.LEGAL'] } },
  ]);
  await publishMenu(center, [{ title: '中心·理论宣讲', overrides: { categoryCodes: ['SERVICE.THEORY'] } }]);
  await publishMenu(subCenter, [{ title: '分中心·全县燃气安全检查' }]);
  await publishMenu(farSubCenter, [
    { title: '分中心·另一镇的水务讲座', overrides: { serviceArea: { regionCodePrefixes: [otherInstitute.regionCode.slice(0, 9)] } } },
  ]);
  await publishMenu(otherStation, [{ title: '别的站·书法课' }]);
  await publishMenu(station, [{ title: '站点·下月的活动' }], monthOf(todayInChina(), 1));
  expectNoErrors(await f.request(`mutation($id: ID!) { withdrawResource(id: $id) { id } }`, { id: withdrawnId }, { token: f.admin }));
});
afterAll(() => f?.close());

describe('Site.menu', () => {
  it('lists the site’s own menu, those above it and the sub-centers serving it, nearest first, only where each resource serves the site', async () => {
    const [menu] = await menuAt([station]);
    expect(menu.period).toBe(THIS_MONTH);
    expect(menu.items.edges.map((edge) => [edge.node.level, edge.node.resource.title])).toEqual([
      ['STATION', '站点·农家书屋借阅'],
      ['STATION', '站点·广场舞培训'],
      ['INSTITUTE', '所·仅限本站的义诊'],
      ['INSTITUTE', '所·全镇法律咨询'],
      ['CENTER', '中心·理论宣讲'],
      ['SECTOR_SUBCENTER', '分中心·全县燃气安全检查'],
    ]);
    expect(menu.items.edges.every((edge) => edge.node.quota === 5)).toBe(true);
    expect(menu.menus.map((m) => m.publisher.id)).toEqual([station.id, institute.id, center.id, subCenter.id]);
    expect(menu.items.totalCount).toBe(6);
  });

  it('works out each site of one request apart: a neighbour, another township, the institute itself', async () => {
    const [atSibling, atOtherStation, atInstitute] = await menuAt([sibling, otherStation, institute]);
    const names = (menu: SiteMenuShape) => menu.items.edges.map((edge) => edge.node.resource.title);
    expect(names(atSibling)).toEqual(['所·全镇法律咨询', '中心·理论宣讲', '分中心·全县燃气安全检查']);
    expect(names(atOtherStation)).toEqual(['别的站·书法课', '中心·理论宣讲', '分中心·全县燃气安全检查', '分中心·另一镇的水务讲座']);
    expect(names(atInstitute)).toEqual(['所·全镇法律咨询', '中心·理论宣讲', '分中心·全县燃气安全检查']);
  });

  it('shows another month’s menus for that month only', async () => {
    expect(await titlesAt(station, { period: monthOf(todayInChina(), 1) })).toEqual(['站点·下月的活动']);
    expect(await titlesAt(station, { period: monthOf(todayInChina(), -1) })).toEqual([]);
  });

  it('filters by kind, level and category with the terms below it', async () => {
    expect(await titlesAt(station, { filter: { kinds: ['PROJECT'] } })).toEqual(['站点·广场舞培训']);
    expect(await titlesAt(station, { filter: { levels: ['CENTER', 'SECTOR_SUBCENTER'] } })).toEqual(['中心·理论宣讲', '分中心·全县燃气安全检查']);
    expect(await titlesAt(station, { filter: { categoryCodes: ['SERVICE.LEGAL', 'SERVICE.THEORY'] } })).toEqual(['所·全镇法律咨询', '中心·理论宣讲']);
  });

  it('pages with cursors', async () => {
    const [first] = await menuAt([station], { first: 4 });
    expect(first.items.edges).toHaveLength(4);
    expect(first.items.pageInfo.hasNextPage).toBe(true);
    const [rest] = await menuAt([station], { first: 4, after: first.items.pageInfo.endCursor });
    expect(rest.items.edges.map((edge) => edge.node.resource.title)).toEqual(['中心·理论宣讲', '分中心·全县燃气安全检查']);
    expect(rest.items.pageInfo.hasNextPage).toBe(false);
    const bad = await f.request(SITE_MENU, { r: [representation(station)], after: 'nonsense' });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
  });

  it('answers a bad period with BAD_USER_INPUT', async () => {
    const bad = await f.request(SITE_MENU, { r: [representation(station)], period: '2026-13' });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
  });

  it('is the same for every caller: only published menus of published resources', async () => {
    const anonymous = await titlesAt(station);
    const [asAdmin] = await menuAt([station], {}, f.admin);
    expect(asAdmin.items.edges.map((edge) => edge.node.resource.title)).toEqual(anonymous);
    expect(anonymous).not.toContain('所·已撤回的讲座');
  });
});

describe('SQL statements of Site.menu, whatever the number of sites', () => {
  it('stays the same for 1 site and for every active station and institute of the county', async () => {
    const all = (await f.sites.db.getRepository(Site).find({ where: { status: SiteStatus.ACTIVE }, order: { code: 'ASC' } })).filter((site) =>
      [SiteKind.STATION, SiteKind.INSTITUTE].includes(site.kind),
    );
    expect(all.length).toBeGreaterThan(100);
    const token = await f.token(Role.ANALYST);
    const count = async (sites: Site[], filter?: Record<string, unknown>) => {
      const { result, statements } = await f.server.counter.measure(() => f.request(SITE_MENU, { r: sites.map(representation), filter }, { token }));
      expectNoErrors(result);
      return statements.length;
    };
    // The items, their resources, their editions, and the resources' categories (facets, terms).
    expect(await count([station])).toBe(await count(all));
    expect(await count(all)).toBeLessThanOrEqual(5);
    // With a category filter: the terms below the codes and the facets, once for all sites.
    expect(await count([station], { categoryCodes: ['SERVICE.THEORY'] })).toBe(await count(all, { categoryCodes: ['SERVICE.THEORY'] }));
  });
});
