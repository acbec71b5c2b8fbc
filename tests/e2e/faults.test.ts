import {
  GraphQLRequest,
  GraphQLResult,
  RestartableTestSubgraph,
  TestSubgraph,
  startRestartableTestSubgraph,
  startTestSubgraph,
} from '@practice/common/testing';
import type { RunningGateway } from '@practice/gateway/gateway';
import { seedDemoSites } from '@practice/sites/demo/seed';
import { sitesSubgraph } from '@practice/sites/subgraph';
import { volunteersSubgraph } from '@practice/volunteers/subgraph';
import { resourcesSubgraph } from '@practice/resources/subgraph';
import { ticketsSubgraph } from '@practice/tickets/subgraph';
import { startTestGateway } from './supergraph';

/**
 * One subgraph down costs a client only that subgraph's fields: the gateway keeps answering 200
 * with everything the other subgraphs give, plus an error that names the missing subgraph, and it
 * uses the subgraph again as soon as it is back on its address, without a restart of its own.
 */
let sites: TestSubgraph;
let volunteers: RestartableTestSubgraph;
let resources: RestartableTestSubgraph;
let tickets: TestSubgraph;
let gateway: RunningGateway;
let request: GraphQLRequest;
let instituteId: string;

beforeAll(async () => {
  sites = await startTestSubgraph(sitesSubgraph, { seed: (db) => seedDemoSites(db) });
  [volunteers, resources] = await Promise.all([
    startRestartableTestSubgraph(volunteersSubgraph, { env: { SITES_URL: sites.url } }),
    startRestartableTestSubgraph(resourcesSubgraph, { env: { SITES_URL: sites.url } }),
  ]);
  tickets = await startTestSubgraph(ticketsSubgraph, { env: { SITES_URL: sites.url, VOLUNTEERS_URL: volunteers.url, RESOURCES_URL: resources.url } });
  ({ gateway, request } = await startTestGateway({ sites, volunteers, resources, tickets }));
  const first = await request<{ sites: { edges: { node: { id: string } }[] } }>(
    '{ sites(filter: { kinds: [INSTITUTE] }, first: 1) { edges { node { id } } } }',
  );
  instituteId = first.data!.sites.edges[0].node.id;
});
afterAll(async () => {
  await gateway?.close();
  await tickets?.close();
  await Promise.all([volunteers?.close(), resources?.close()]);
  await sites?.close();
});

/** Sites, resources and tickets, nothing of volunteers. */
const WITHOUT_VOLUNTEERS = `{
  sites(filter: { kinds: [INSTITUTE] }, first: 3) { totalCount edges { node { name openTicketCount resources { totalCount } } } }
  category(code: "SERVICE") { name }
}`;
/** The sites part beside a volunteers root field and a site with a volunteers field. */
const WITH_VOLUNTEERS = `query($id: ID!) {
  sites(filter: { kinds: [INSTITUTE] }, first: 3) { totalCount edges { node { name } } }
  skill(code: "MEDICAL") { name }
  site(id: $id) { name volunteerCount }
}`;
/** Sites and volunteers beside a site with a resources field. */
const WITH_RESOURCES = `query($id: ID!) {
  sites(filter: { kinds: [INSTITUTE] }, first: 3) { totalCount }
  skill(code: "MEDICAL") { name }
  site(id: $id) { name resources { totalCount } }
}`;

type Data = { sites: { totalCount: number }; skill: { name: string } | null; site: { name: string } | null; category?: unknown };

const unavailable = (subgraph: string) => ({
  message: expect.stringContaining(`${subgraph} subgraph`),
  extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'SUBGRAPH_UNREACHABLE', serviceName: subgraph },
});

function expectComplete(result: GraphQLResult<unknown>): void {
  expect(result.status).toBe(200);
  expect(result.errors).toBeUndefined();
}

describe('one subgraph down', () => {
  it('answers in full while every subgraph is up', async () => {
    const [without, withVolunteers] = await Promise.all([request(WITHOUT_VOLUNTEERS), request<Data>(WITH_VOLUNTEERS, { id: instituteId })]);
    expectComplete(without);
    expectComplete(withVolunteers);
    expect(withVolunteers.data).toMatchObject({ sites: { totalCount: 14 }, skill: { name: expect.any(String) }, site: { volunteerCount: 0 } });
  });

  describe('with the volunteers subgraph stopped', () => {
    beforeAll(() => volunteers.stop());

    it('answers queries of the other subgraphs in full', async () => {
      const result = await request<{ sites: { totalCount: number; edges: unknown[] }; category: { name: string } }>(WITHOUT_VOLUNTEERS);
      expectComplete(result);
      expect(result.data!.sites.totalCount).toBe(14);
      expect(result.data!.sites.edges).toHaveLength(3);
      expect(result.data!.category).toEqual({ name: expect.any(String) });
    });

    it('answers 200 with the other parts and an error naming the volunteers subgraph', async () => {
      const result = await request<Data>(WITH_VOLUNTEERS, { id: instituteId });
      expect(result.status).toBe(200);
      expect(result.data!.sites.totalCount).toBe(14);
      // A missing non-null field (volunteerCount) takes its nullable parent with it, as GraphQL says.
      expect(result.data).toMatchObject({ skill: null, site: null });
      expect(result.errors!.length).toBeGreaterThan(0);
      for (const error of result.errors!) expect(error).toMatchObject(unavailable('volunteers'));
      expect(JSON.stringify(result.errors)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|database/);
    });

    it('uses it again once it is back on its port, without a restart of the gateway', async () => {
      await volunteers.start();
      const result = await request<Data>(WITH_VOLUNTEERS, { id: instituteId });
      expectComplete(result);
      expect(result.data).toMatchObject({ skill: { name: expect.any(String) }, site: { volunteerCount: 0 } });
    });
  });

  describe('with the resources subgraph stopped', () => {
    beforeAll(() => resources.stop());

    it('keeps the sites and volunteers parts and names the resources subgraph', async () => {
      const result = await request<Data>(WITH_RESOURCES, { id: instituteId });
      expect(result.status).toBe(200);
      expect(result.data).toMatchObject({ sites: { totalCount: 14 }, skill: { name: expect.any(String) }, site: null });
      expect(result.errors).toEqual([expect.objectContaining(unavailable('resources'))]);
    });

    it('recovers when it comes back', async () => {
      await resources.start();
      const result = await request<Data>(WITH_RESOURCES, { id: instituteId });
      expectComplete(result);
      expect(result.data!.site).toEqual({ name: expect.any(String), resources: { totalCount: 0 } });
    });
  });
});
