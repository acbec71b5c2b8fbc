import { Role, createLogger } from '@practice/common';
import { GraphQLRequest, firstError, tokenFor } from '@practice/common/testing';
import { Supergraph, startSupergraph } from './supergraph';

let supergraph: Supergraph;
let request: GraphQLRequest;
const subgraphLog: Record<string, unknown>[] = [];

beforeAll(async () => {
  const sitesLog = createLogger('info', { service: 'sites' }, (line) => subgraphLog.push(JSON.parse(line)));
  supergraph = await startSupergraph({ sitesLog });
  request = supergraph.request;
});
afterAll(() => supergraph?.close());

describe('the supergraph through the gateway', () => {
  it('answers a query over the site tree from the composed supergraph', async () => {
    const result = await request<{
      sites: { totalCount: number; edges: { node: { name: string; ancestors: { kind: string }[]; children: { kind: string }[] } }[] };
    }>(`{ sites(filter: { kinds: [INSTITUTE] }, first: 2) { totalCount edges { node { name ancestors { kind } children(kinds: [STATION]) { kind } } } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.sites.totalCount).toBe(14);
    expect(result.data!.sites.edges[0].node.ancestors).toEqual([{ kind: 'CENTER' }]);
    expect(result.data!.sites.edges[0].node.children.length).toBeGreaterThan(3);
  });

  it('passes the caller token on: a site manager changes its site through the gateway, a stranger cannot', async () => {
    const station = await request<{ sites: { edges: { node: { id: string; parent: { id: string } } }[] } }>(
      `{ sites(filter: { kinds: [STATION] }, first: 1) { edges { node { id parent { id } } } } }`,
    );
    const { id, parent } = station.data!.sites.edges[0].node;
    const mutation = `mutation($id: ID!) { updateSite(input: { id: $id, contactPhone: "0512-52779999" }) { contactPhone } }`;
    const manager = await tokenFor({ role: Role.SITE_MANAGER, siteIds: [parent.id] });
    const allowed = await request<{ updateSite: { contactPhone: string } }>(mutation, { id }, { token: manager });
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data!.updateSite.contactPhone).toBe('0512-52779999');
    const stranger = await tokenFor({ role: Role.CITIZEN });
    expect(firstError(await request(mutation, { id }, { token: stranger })).code).toBe('FORBIDDEN');
  });

  it('rejects a bad token at the gateway with 401 before any subgraph is called', async () => {
    const before = subgraphLog.length;
    const result = await request('{ sites { totalCount } }', {}, { token: 'a.b.c' });
    expect(result.status).toBe(401);
    expect(firstError(result).code).toBe('UNAUTHENTICATED');
    expect(subgraphLog.slice(before).filter((line) => line.msg === 'request')).toHaveLength(0);
  });

  it('carries the request id from the client through the gateway to the subgraph', async () => {
    const result = await request('{ sites { totalCount } }', {}, { headers: { 'x-request-id': 'hotline-desk-0042' } });
    expect(result.headers.get('x-request-id')).toBe('hotline-desk-0042');
    expect(subgraphLog.some((line) => line.msg === 'request' && line.requestId === 'hotline-desk-0042')).toBe(true);
  });

  it('passes validation errors through with their code and field', async () => {
    const result = await request(`{ sites(filter: { regionCodePrefix: "32058" }) { totalCount } }`);
    expect(firstError(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.regionCodePrefix' });
  });
});
