import { Role } from '@practice/common';
import { firstError } from '@practice/common/testing';
import { Site } from '../src/site/site.entity';
import { SiteKind, SiteStatus } from '../src/site/site.enums';
import { SitesFixture, startSites } from './fixture';

type Edge = { cursor: string; distanceKm: number | null; node: { id: string; code: string; name: string; kind: string; regionCode: string } };
type SitesPage = { sites: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Edge[] } };

const SITES = `query($filter: SiteFilter, $first: Int, $after: String) {
  sites(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor distanceKm node { id code name kind regionCode } }
  }
}`;

let f: SitesFixture;
beforeAll(async () => {
  f = await startSites();
});
afterAll(() => f.close());

const list = async (filter: Record<string, unknown>, first = 500, token?: string) => {
  const result = await f.request<SitesPage>(SITES, { filter, first }, { token });
  expect(result.errors).toBeUndefined();
  return result.data!.sites;
};

describe('sites list', () => {
  it('filters by kind and counts the whole county network', async () => {
    const institutes = await list({ kinds: ['INSTITUTE'] });
    expect(institutes.totalCount).toBe(14);
    expect(institutes.edges.every((e) => e.node.kind === 'INSTITUTE')).toBe(true);
    const stations = await list({ kinds: ['STATION'] }, 1);
    expect(stations.totalCount).toBeGreaterThan(300);
  });

  it('filters by parent, region-code prefix and text in name or address', async () => {
    const institute = await f.site(SiteKind.INSTITUTE, 6);
    const children = await list({ parentId: institute.id });
    expect(children.edges.length).toBeGreaterThan(5);
    const inTownship = await list({ regionCodePrefix: institute.regionCode.slice(0, 9), kinds: ['STATION'] });
    expect(inTownship.edges.every((e) => e.node.regionCode.startsWith(institute.regionCode.slice(0, 9)))).toBe(true);
    expect(inTownship.totalCount).toBe(children.edges.filter((e) => e.node.kind === 'STATION').length);

    const township = institute.name.replace('新时代文明实践所', '');
    const byText = await list({ text: township });
    expect(byText.totalCount).toBeGreaterThan(1);
    expect(byText.edges.every((e) => e.node.name.includes(township) || e.node.regionCode.startsWith(institute.regionCode.slice(0, 9)))).toBe(true);
    expect((await list({ text: '100%_不存在' })).totalCount).toBe(0);
  });

  it('filters demonstration sites by level and year', async () => {
    const all = await list({ demonstration: {} });
    expect(all.totalCount).toBeGreaterThan(50);
    const provincial = await list({ demonstration: { levels: ['PROVINCIAL'], yearFrom: 2019, yearTo: 2025 } });
    expect(provincial.totalCount).toBeLessThan(all.totalCount);
    const ids = provincial.edges.map((e) => e.node.id);
    const rows = await f.server.db.query(`SELECT DISTINCT site_id AS id FROM site_designation WHERE level = 'PROVINCIAL'`);
    expect(new Set(ids)).toEqual(new Set(rows.map((r: { id: string }) => r.id)));
  });

  it('pages with cursors through every site exactly once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const result: { data?: SitesPage | null } = await f.request<SitesPage>(SITES, { filter: { kinds: ['STATION'] }, first: 50, after });
      const page: SitesPage['sites'] = result.data!.sites;
      total = page.totalCount;
      seen.push(...page.edges.map((e) => e.node.code));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect([...seen].sort()).toEqual(seen);
  });

  it('rejects page sizes out of range and cursors it did not issue', async () => {
    expect(firstError(await f.request(SITES, { first: 0 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(firstError(await f.request(SITES, { first: 501 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(firstError(await f.request(SITES, { after: 'not-a-cursor' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('finds sites within a radius, nearest first, with their distance', async () => {
    const institute = await f.site(SiteKind.INSTITUTE, 3);
    const near = { latitude: institute.latitude, longitude: institute.longitude, radiusKm: 3 };
    const page = await list({ near, kinds: ['STATION', 'INSTITUTE', 'POINT'] });
    expect(page.edges[0].node.id).toBe(institute.id);
    const distances = page.edges.map((e) => e.distanceKm!);
    expect(distances.every((d) => d <= 3.001)).toBe(true);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    // Every site within the radius is listed, and none outside it.
    const all: Site[] = await f.server.db.getRepository(Site).findBy({ status: SiteStatus.ACTIVE });
    const { distanceKm } = await import('../src/site/site.queries');
    const expected = all.filter(
      (s) => s.kind !== SiteKind.CENTER && s.kind !== SiteKind.SECTOR_SUBCENTER && s.latitude !== null && distanceKm(near as never, s.location!) <= 2.999,
    );
    for (const site of expected) expect(page.edges.map((e) => e.node.id)).toContain(site.id);

    // Paging by distance continues where the last page ended.
    const first = await f.request<SitesPage>(SITES, { filter: { near }, first: 3 });
    const next = await f.request<SitesPage>(SITES, { filter: { near }, first: 3, after: first.data!.sites.pageInfo.endCursor });
    const both = [...first.data!.sites.edges, ...next.data!.sites.edges].map((e) => e.node.id);
    const whole = (await list({ near }, 6)).edges.map((e) => e.node.id);
    expect(both).toEqual(whole);
  });

  it('rejects an out-of-range point with the offending field', async () => {
    const result = await f.request(SITES, { filter: { near: { latitude: 91, longitude: 120, radiusKm: 5 } } });
    expect(firstError(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.near.latitude' });
  });
});

describe('one site', () => {
  const TREE = `query($id: ID!) { site(id: $id) { code parent { code } ancestors { code kind } children { code kind }
    subtreeCounts { kind count } location { latitude longitude } facilities { type } openingHours { days opens closes } } }`;

  it('reads a site by id and by code with its ancestors root first, children and subtree counts', async () => {
    const station = await f.site(SiteKind.STATION, 10);
    const result = await f.request<{ site: { code: string; ancestors: { code: string; kind: string }[]; parent: { code: string } } }>(TREE, { id: station.id });
    expect(result.errors).toBeUndefined();
    expect(result.data!.site.ancestors.map((a) => a.kind)).toEqual(['CENTER', 'INSTITUTE']);
    expect(result.data!.site.parent.code).toBe(result.data!.site.ancestors[1].code);
    const byCode = await f.request<{ siteByCode: { id: string } }>('query($code: String!) { siteByCode(code: $code) { id } }', { code: station.code });
    expect(byCode.data!.siteByCode.id).toBe(station.id);

    const center = await f.site(SiteKind.CENTER);
    const tree = await f.request<{ site: { children: { kind: string }[]; subtreeCounts: { kind: string; count: number }[] } }>(TREE, { id: center.id });
    const counts = Object.fromEntries(tree.data!.site.subtreeCounts.map((c) => [c.kind, c.count]));
    const active = await f.server.db.getRepository(Site).countBy({ kind: SiteKind.STATION, status: SiteStatus.ACTIVE });
    expect(counts.STATION).toBe(active);
    expect(counts.INSTITUTE).toBe(14);
    expect(tree.data!.site.children.some((c) => c.kind === 'SECTOR_SUBCENTER')).toBe(true);
  });

  it('hides suspended and archived sites from the public but shows them to their managers and analysts', async () => {
    const hidden = await f.server.db.getRepository(Site).findOneByOrFail({ status: SiteStatus.SUSPENDED });
    const query = 'query($id: ID!) { site(id: $id) { code status } }';
    expect((await f.request<{ site: unknown }>(query, { id: hidden.id })).data!.site).toBeNull();
    const manager = await f.token(Role.SITE_MANAGER, [hidden.ancestorIds[hidden.ancestorIds.length - 1]]);
    expect((await f.request<{ site: { status: string } }>(query, { id: hidden.id }, { token: manager })).data!.site.status).toBe('SUSPENDED');
    const analyst = await f.token(Role.ANALYST);
    expect((await f.request<{ site: { status: string } }>(query, { id: hidden.id }, { token: analyst })).data!.site.status).toBe('SUSPENDED');
    const publicList = await list({ statuses: ['SUSPENDED'] });
    expect(publicList.totalCount).toBe(0);
    const analystList = await list({ statuses: ['SUSPENDED'] }, 500, analyst);
    expect(analystList.totalCount).toBeGreaterThan(0);
  });

  it('answers null for an unknown id', async () => {
    const result = await f.request<{ site: unknown }>('{ site(id: "0190f1c2-0000-7000-8000-000000000000") { id } }');
    expect(result.data!.site).toBeNull();
  });
});
