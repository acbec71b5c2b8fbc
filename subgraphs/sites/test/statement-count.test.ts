import { Role } from '@practice/common';
import { SitesFixture, startSites } from './fixture';

const LIST = `query($first: Int!) {
  sites(filter: { kinds: [STATION, POINT] }, first: $first) {
    edges { node { code parent { code } ancestors { code } children { code } designations { year } subtreeCounts { kind count } managers { subject } } }
  }
}`;

let f: SitesFixture;
beforeAll(async () => {
  f = await startSites();
});
afterAll(() => f.close());

async function statementsFor(first: number, token?: string): Promise<string[]> {
  const { result, statements } = await f.server.counter.measure(() => f.request<{ sites: { edges: unknown[] } }>(LIST, { first }, { token }));
  expect(result.errors).toBeUndefined();
  expect(result.data!.sites.edges).toHaveLength(first);
  return statements;
}

describe('SQL statements per list', () => {
  it('are the same for 10 and 100 sites with parent, ancestors, children, designations and counts', async () => {
    const ten = await statementsFor(10);
    const hundred = await statementsFor(100);
    expect(hundred.length).toBe(ten.length);
    expect(ten.length).toBeLessThanOrEqual(6);
  });

  it('stay constant for a manager, whose view adds the managers of each site', async () => {
    const token = await f.token(Role.ADMIN);
    expect((await statementsFor(100, token)).length).toBe((await statementsFor(10, token)).length);
  });

  it('resolve entity references in one statement per batch', async () => {
    const ids: { id: string }[] = await f.server.db.query('SELECT id FROM site ORDER BY code LIMIT 50');
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Site { code } } }`;
    const { result, statements } = await f.server.counter.measure(() =>
      f.request<{ _entities: { code: string }[] }>(query, { r: ids.map(({ id }) => ({ __typename: 'Site', id })) }),
    );
    expect(result.data!._entities).toHaveLength(50);
    expect(statements).toHaveLength(1);
  });
});
