import { Role, monthOf, todayInChina } from '@practice/common';
import { GraphQLResult, firstError, tokenFor } from '@practice/common/testing';
import { Supergraph, startSupergraph } from './supergraph';

/**
 * The catalogues and menus through the gateway: agencies and site managers publish through the
 * supergraph, and a citizen at a station sees in one query what every level offers there, with
 * the publishers' names from the sites subgraph.
 */
let supergraph: Supergraph;
let admin: string;
let station: { id: string; name: string };
let institute: { id: string; name: string };
let center: { id: string; name: string };
let subCenter: { id: string; name: string };
const PERIOD = monthOf(todayInChina());

function ok<T>(result: GraphQLResult<T>): T {
  if (result.errors?.length) throw new Error(JSON.stringify(result.errors, null, 2));
  return result.data!;
}

/** A published resource of the publisher on its published menu for the month, through the gateway. */
async function publish(publisher: { id: string }, token: string, titles: string[]): Promise<void> {
  const ids: string[] = [];
  for (const title of titles) {
    const created = ok(
      await supergraph.request<{ createResource: { id: string } }>(
        `mutation($input: CreateResourceInput!) { createResource(input: $input) { id } }`,
        {
          input: {
            publisherId: publisher.id,
            kind: 'SERVICE',
            title,
            description: `${title}，欢迎预约。`,
            categoryCodes: ['SERVICE.LIVELIHOOD'],
            deliveryModes: ['AT_REQUESTER'],
            capacityPerMonth: 20,
          },
        },
        { token },
      ),
    );
    ok(await supergraph.request(`mutation($id: ID!) { publishResource(id: $id) { id } }`, { id: created.createResource.id }, { token }));
    ids.push(created.createResource.id);
  }
  const menu = ok(
    await supergraph.request<{ createMenu: { id: string } }>(
      `mutation($input: CreateMenuInput!) { createMenu(input: $input) { id } }`,
      { input: { publisherId: publisher.id, period: PERIOD, items: ids.map((resourceId) => ({ resourceId, quota: 10 })) } },
      { token },
    ),
  );
  ok(await supergraph.request(`mutation($id: ID!) { publishMenu(id: $id) { id } }`, { id: menu.createMenu.id }, { token }));
}

beforeAll(async () => {
  supergraph = await startSupergraph();
  admin = await tokenFor({ role: Role.ADMIN });
  const data = ok(
    await supergraph.request<{
      sites: { edges: { node: { id: string; name: string; parent: { id: string; name: string }; children: { id: string; name: string }[] } }[] };
      subCenters: { edges: { node: { id: string; name: string } }[] };
    }>(
      `{ sites(filter: { kinds: [INSTITUTE] }, first: 1) { edges { node { id name parent { id name } children(kinds: [STATION]) { id name } } } }
         subCenters: sites(filter: { kinds: [SECTOR_SUBCENTER] }, first: 1) { edges { node { id name } } } }`,
    ),
  );
  const node = data.sites.edges[0].node;
  institute = { id: node.id, name: node.name };
  center = node.parent;
  station = node.children[0];
  subCenter = data.subCenters.edges[0].node;
  await publish(station, await tokenFor({ role: Role.SITE_MANAGER, siteIds: [station.id] }), ['农家书屋借阅']);
  await publish(institute, await tokenFor({ role: Role.SITE_MANAGER, siteIds: [institute.id] }), ['家电义务维修']);
  await publish(center, admin, ['理论宣讲进村']);
  await publish(subCenter, await tokenFor({ role: Role.AGENCY_ADMIN, siteIds: [subCenter.id] }), ['燃气安全入户检查', '老旧电路排查']);
});
afterAll(() => supergraph?.close());

describe('resources and menus through the gateway', () => {
  it('shows a citizen at a station what the station, the sites above it and the sub-centers offer this month, with the publishers’ names', async () => {
    const data = ok(
      await supergraph.request<{
        site: { menu: { items: { edges: { node: { level: string; resource: { title: string; publisher: { name: string } } } }[] } } };
      }>(
        `query($id: ID!, $period: String!) { site(id: $id) {
          menu(period: $period) { items { edges { node { level quota resource { title publisher { name kind } } } } } }
        } }`,
        { id: station.id, period: PERIOD },
      ),
    );
    expect(data.site.menu.items.edges.map(({ node }) => [node.level, node.resource.title, node.resource.publisher.name])).toEqual([
      ['STATION', '农家书屋借阅', station.name],
      ['INSTITUTE', '家电义务维修', institute.name],
      ['CENTER', '理论宣讲进村', center.name],
      ['SECTOR_SUBCENTER', '燃气安全入户检查', subCenter.name],
      ['SECTOR_SUBCENTER', '老旧电路排查', subCenter.name],
    ]);
  });

  it('gives the menus of many sites in one query, each with its own items', async () => {
    const data = ok(
      await supergraph.request<{ site: { children: { name: string; menu: { items: { totalCount: number } } }[] } }>(
        `query($id: ID!) { site(id: $id) { children(kinds: [STATION]) { name menu { items { totalCount } } } } }`,
        { id: institute.id },
      ),
    );
    const counts = Object.fromEntries(data.site.children.map((child) => [child.name, child.menu.items.totalCount]));
    expect(counts[station.name]).toBe(5);
    expect(Object.values(counts).filter((count) => count === 4).length).toBe(data.site.children.length - 1);
  });

  it('goes from a site’s catalogue to its menus’ editions and back to the site tree', async () => {
    const data = ok(
      await supergraph.request<{
        site: { resources: { edges: { node: { title: string; publisher: { name: string; parent: { name: string } } } }[] } };
        menus: { edges: { node: { level: string; publisher: { name: string }; editions: { edition: number }[] } }[] };
      }>(
        `query($id: ID!, $period: String!) {
          site(id: $id) { resources { edges { node { title publisher { name parent { name } } } } } }
          menus(filter: { publisherIds: [$id], periods: [$period] }) { edges { node { level publisher { name } editions { edition } } } }
        }`,
        { id: subCenter.id, period: PERIOD },
      ),
    );
    expect(data.site.resources.edges.map(({ node }) => node.title)).toEqual(['燃气安全入户检查', '老旧电路排查']);
    expect(data.site.resources.edges[0].node.publisher).toEqual({ name: subCenter.name, parent: { name: center.name } });
    expect(data.menus.edges).toEqual([{ node: { level: 'SECTOR_SUBCENTER', publisher: { name: subCenter.name }, editions: [{ edition: 1 }] } }]);
  });

  it('refuses an agency changing another agency’s catalogue through the gateway', async () => {
    const stranger = await tokenFor({ role: Role.AGENCY_ADMIN, siteIds: [institute.id] });
    const result = await supergraph.request(
      `mutation($input: CreateResourceInput!) { createResource(input: $input) { id } }`,
      {
        input: {
          publisherId: subCenter.id,
          kind: 'EXPERT',
          title: '越权发布',
          description: '不应成功',
          categoryCodes: ['SERVICE.LEGAL'],
          deliveryModes: ['ONLINE'],
        },
      },
      { token: stranger },
    );
    expect(firstError(result)).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_CATALOGUE_OWNER' });
  });
});
