import { SiteStatus } from '@practice/sites/site/site.enums';
import { Site } from '@practice/sites/site/site.entity';
import { periodOf, todayInChina } from '../src/demo/catalogue-model';
import { seedDemoResources } from '../src/demo/seed';
import type { FormField, ScheduleRule } from '../src/resource/resource.values';
import { ResourcesFixture, expectNoErrors, startResources } from './fixture';

/**
 * The demo catalogues as the database holds them, checked with plain SQL (the same statements on
 * SQLite and MySQL): every rule the API enforces on resources and menus holds for the seeded rows.
 */
let f: ResourcesFixture;
let sites: Map<string, Site>;
beforeAll(async () => {
  f = await startResources({ seed: (db) => seedDemoResources(db) });
  sites = new Map((await f.sites.db.getRepository(Site).find()).map((site) => [site.id, site]));
}, 120_000);
afterAll(() => f?.close());

const rows = <T>(sql: string, parameters: unknown[] = []): Promise<T[]> => f.server.db.query(sql, parameters);
const count = async (sql: string, parameters: unknown[] = []): Promise<number> => Number((await rows<{ n: number }>(sql, parameters))[0].n);
/** simple-json columns come back as text on both databases; MySQL's driver may already parse them. */
const json = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

interface ResourceRecord {
  id: string;
  publisher_id: string;
  publisher_kind: string;
  publisher_path: string;
  publisher_region_code: string;
  status: string;
  capacity_per_month: number | null;
  version: number;
  external_key: string | null;
  schedule: unknown;
  order_form: unknown;
}

describe('demo resources', () => {
  it('come in a few hundred, published by ACTIVE sites whose copies they keep', async () => {
    const resources = await rows<ResourceRecord>(
      'SELECT id, publisher_id, publisher_kind, publisher_path, publisher_region_code, status, capacity_per_month, version, external_key, schedule, order_form FROM resource',
    );
    expect(resources.length).toBeGreaterThan(400);
    expect(resources.length).toBeLessThan(800);
    const problems: string[] = [];
    for (const r of resources) {
      const site = sites.get(r.publisher_id);
      if (!site || site.status !== SiteStatus.ACTIVE || !['CENTER', 'INSTITUTE', 'STATION', 'SECTOR_SUBCENTER'].includes(site.kind))
        problems.push(`${r.id}: publisher`);
      else if (site.kind !== r.publisher_kind || site.path !== r.publisher_path || site.regionCode !== r.publisher_region_code)
        problems.push(`${r.id}: copies`);
      if ((r.publisher_kind === 'SECTOR_SUBCENTER') !== (r.external_key !== null)) problems.push(`${r.id}: external key`);
      const schedule = json<ScheduleRule[]>(r.schedule);
      const form = json<FormField[]>(r.order_form);
      if (!schedule.length || schedule.some((rule) => rule.opensAt >= rule.closesAt)) problems.push(`${r.id}: schedule`);
      if (form.length < 2 || form.length > 5) problems.push(`${r.id}: form`);
    }
    expect(problems).toEqual([]);
    const statuses = await rows<{ status: string; n: number }>('SELECT status, COUNT(*) AS n FROM resource GROUP BY status');
    expect(statuses.map((s) => s.status).sort()).toEqual(['DRAFT', 'PUBLISHED', 'WITHDRAWN']);
  });

  it('name only categories of the taxonomy, which the categories query answers', async () => {
    expect(await count(`SELECT COUNT(*) AS n FROM resource_facet f LEFT JOIN category c ON c.code = f.value WHERE f.facet = 'CATEGORY' AND c.id IS NULL`)).toBe(
      0,
    );
    const used = await rows<{ value: string }>(`SELECT DISTINCT value FROM resource_facet WHERE facet = 'CATEGORY'`);
    const result = await f.request<{ categories: { code: string; children: { code: string; children: { code: string }[] }[] }[] }>(
      `{ categories { code children { code children { code } } } }`,
    );
    expectNoErrors(result);
    const known = new Set(
      result.data!.categories.flatMap((root) => [root.code, ...root.children.flatMap((child) => [child.code, ...child.children.map((c) => c.code)])]),
    );
    expect(used.map((row) => row.value).filter((code) => !known.has(code))).toEqual([]);
    expect(await count(`SELECT COUNT(DISTINCT resource_id) AS n FROM resource_facet WHERE facet = 'DELIVERY'`)).toBe(
      await count('SELECT COUNT(*) AS n FROM resource'),
    );
  });

  it('are offered in their publisher’s county or townships (sub-centers) or below their publisher (sites)', async () => {
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM resource_area a JOIN resource r ON r.id = a.resource_id
         WHERE r.publisher_kind = 'SECTOR_SUBCENTER' AND (a.kind <> 'REGION' OR SUBSTR(a.value, 1, 6) <> SUBSTR(r.publisher_region_code, 1, 6))`,
      ),
    ).toBe(0);
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM resource_area a JOIN resource r ON r.id = a.resource_id
         WHERE r.publisher_kind IN ('INSTITUTE', 'STATION') AND (a.kind <> 'SITE' OR a.value <> r.publisher_id)`,
      ),
    ).toBe(0);
    expect(await count(`SELECT COUNT(*) AS n FROM resource r WHERE NOT EXISTS (SELECT 1 FROM resource_area a WHERE a.resource_id = r.id)`)).toBe(0);
  });

  it('carry their audit: a change per version, created by the demo', async () => {
    expect(await count('SELECT COUNT(*) AS n FROM resource_change')).toBe(await count('SELECT SUM(version) AS n FROM resource'));
    expect(await count(`SELECT COUNT(*) AS n FROM resource_change WHERE action = 'CREATED' AND actor = 'demo'`)).toBe(
      await count('SELECT COUNT(*) AS n FROM resource'),
    );
    expect(await count(`SELECT COUNT(*) AS n FROM resource WHERE (status = 'DRAFT') <> (published_at IS NULL)`)).toBe(0);
  });
});

describe('demo menus', () => {
  const current = periodOf(todayInChina()).period;

  it('list only PUBLISHED resources of their publisher, within capacity', async () => {
    const wrong = await rows<{ menu_id: string }>(
      `SELECT i.menu_id FROM menu_item i JOIN menu m ON m.id = i.menu_id JOIN resource r ON r.id = i.resource_id
       WHERE r.publisher_id <> m.publisher_id OR r.status <> 'PUBLISHED' OR i.quota < 1 OR (r.capacity_per_month IS NOT NULL AND i.quota > r.capacity_per_month)`,
    );
    expect(wrong).toEqual([]);
    expect(await count(`SELECT COUNT(*) AS n FROM menu m WHERE NOT EXISTS (SELECT 1 FROM menu_item i WHERE i.menu_id = m.id)`)).toBe(0);
  });

  it('keep their slots: one live and at most one draft edition per publisher and month', async () => {
    const menus = await rows<{
      id: string;
      publisher_id: string;
      period: string;
      status: string;
      edition: number;
      draft_slot: string | null;
      live_slot: string | null;
      supersedes_id: string | null;
    }>('SELECT id, publisher_id, period, status, edition, draft_slot, live_slot, supersedes_id FROM menu');
    const problems: string[] = [];
    const byId = new Map(menus.map((m) => [m.id, m]));
    for (const m of menus) {
      const slot = `${m.publisher_id}/${m.period}`;
      if (m.draft_slot !== (m.status === 'DRAFT' ? slot : null) || m.live_slot !== (m.status === 'PUBLISHED' ? slot : null)) problems.push(`${m.id}: slots`);
      if (m.edition > 1 && byId.get(m.supersedes_id ?? '')?.status !== 'SUPERSEDED') problems.push(`${m.id}: supersedes`);
    }
    expect(problems).toEqual([]);
    const live = await rows<{ publisher_id: string }>(`SELECT publisher_id FROM menu WHERE period = ? AND status = 'PUBLISHED'`, [current]);
    const publishers = await rows<{ publisher_id: string }>(`SELECT DISTINCT publisher_id FROM resource WHERE status = 'PUBLISHED'`);
    expect(live.map((m) => m.publisher_id).sort()).toEqual(publishers.map((p) => p.publisher_id).sort());
    const statuses = await rows<{ status: string }>('SELECT DISTINCT status FROM menu');
    expect(statuses.map((s) => s.status).sort()).toEqual(['ARCHIVED', 'DRAFT', 'PUBLISHED', 'SUPERSEDED']);
  });

  it('are written once: seeding again changes nothing', async () => {
    const before = await count('SELECT COUNT(*) AS n FROM menu_item');
    expect(await seedDemoResources(f.server.db)).toBe(false);
    expect(await count('SELECT COUNT(*) AS n FROM menu_item')).toBe(before);
  });
});

describe('demo usage', () => {
  const current = periodOf(todayInChina()).period;
  const previous = periodOf(todayInChina(), -1).period;

  it('counts orders of last month and this month, within capacity, which the usage fields answer', async () => {
    const periods = await rows<{ period: string }>('SELECT DISTINCT period FROM resource_usage ORDER BY period');
    expect(periods.map((p) => p.period)).toEqual([previous, current]);
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM resource_usage u JOIN resource r ON r.id = u.resource_id
         WHERE u.orders < 1 OR r.status = 'DRAFT' OR (r.capacity_per_month IS NOT NULL AND u.orders > r.capacity_per_month)`,
      ),
    ).toBe(0);
    const [busiest] = await rows<{ resource_id: string; orders: number }>(
      'SELECT resource_id, orders FROM resource_usage WHERE period = ? ORDER BY orders DESC, resource_id LIMIT 1',
      [previous],
    );
    const result = await f.request<{ resource: { usage: { period: string; orders: number } } }>(
      `query($id: ID!, $period: String) { resource(id: $id) { usage(period: $period) { period orders } } }`,
      { id: busiest.resource_id, period: previous },
      { token: f.admin },
    );
    expectNoErrors(result);
    expect(result.data!.resource.usage).toEqual({ period: previous, orders: Number(busiest.orders) });
  });
});
