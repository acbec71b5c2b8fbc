import { Role } from '@practice/common';
import { Site } from '@practice/sites/site/site.entity';
import { SiteStatus } from '@practice/sites/site/site.enums';
import { seedDemoResources } from '../src/demo/seed';
import { ResourcesFixture, expectNoErrors, startResources } from './fixture';

/** Lists over the demo catalogues: the SQL statements of a page do not grow with its size. */
const RESOURCES = `query($first: Int!) { resources(first: $first) { totalCount edges { node {
  title publisher { id } categories { code parent { code } } audiences deliveryModes serviceArea { regionCodePrefixes sites { id } }
  schedule { days } orderForm { key } history(first: 3) { action }
} } } }`;

const MENUS = `query($first: Int!) { menus(first: $first, filter: { statuses: [PUBLISHED, SUPERSEDED, ARCHIVED] }) { totalCount edges { node {
  title itemCount publisher { id } supersedes { id } supersededBy { id } editions { edition }
  items { quota resource { title categories { code } } }
} } } }`;

const SITE_RESOURCES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Site {
  resources(first: 5) { totalCount edges { node { title categories { code } } } }
} } }`;

let f: ResourcesFixture;
let admin: string;
let publishers: Site[];

beforeAll(async () => {
  f = await startResources({ seed: (db) => seedDemoResources(db) });
  admin = await f.token(Role.ADMIN);
  publishers = (await f.sites.db.getRepository(Site).find({ where: { status: SiteStatus.ACTIVE }, order: { code: 'ASC' } })).filter(
    (site) => site.kind !== 'POINT',
  );
}, 120_000);
afterAll(() => f?.close());

async function statementsOf(query: string, variables: Record<string, unknown>): Promise<number> {
  const { result, statements } = await f.server.counter.measure(() => f.request(query, variables, { token: admin }));
  expectNoErrors(result);
  return statements.length;
}

/** A small and a large page stay within `bound`: one statement per batched loader the query touches. */
async function expectBounded(query: string, small: Record<string, unknown>, large: Record<string, unknown>, bound: number): Promise<void> {
  const few = await statementsOf(query, small);
  const many = await statementsOf(query, large);
  expect(few).toBeLessThanOrEqual(bound);
  expect(many).toBeLessThanOrEqual(bound);
}

describe('SQL statements per list, whatever the page size', () => {
  it('resources with categories, facets, areas and history', async () => {
    // The page and its count, facets, categories, their parents, areas, changes.
    await expectBounded(RESOURCES, { first: 5 }, { first: 200 }, 7);
  });

  it('menus with their editions, corrections, items and the items’ resources', async () => {
    // The page and its count, items, superseded and superseding editions, editions, resources, facets, categories.
    await expectBounded(MENUS, { first: 5 }, { first: 200 }, 9);
  });

  it('Site.resources for 5 and for 300 sites in one request', async () => {
    const sites = (n: number) => publishers.slice(0, n).map((site) => ({ __typename: 'Site', id: site.id }));
    expect(publishers.length).toBeGreaterThan(300);
    // The pages per publisher, their counts, facets, categories.
    await expectBounded(SITE_RESOURCES, { r: sites(5) }, { r: sites(300) }, 4);
  });

  it('entity references of 200 resources in one statement', async () => {
    const ids: { id: string }[] = await f.server.db.query('SELECT id FROM resource ORDER BY id LIMIT 200');
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Resource { title } } }`;
    const { result, statements } = await f.server.counter.measure(() =>
      f.request<{ _entities: unknown[] }>(query, { r: ids.map(({ id }) => ({ __typename: 'Resource', id })) }, { token: admin }),
    );
    expect(result.data!._entities).toHaveLength(200);
    expect(statements).toHaveLength(1);
  });
});
