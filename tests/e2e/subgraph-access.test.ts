import {
  EVENTS_PATH,
  Role,
  SERVICE_AUTHORIZATION_HEADER,
  SUBGRAPH_AUDIENCE,
  ServiceCredential,
  SiteDirectory,
  lookupEntities,
  signInternalToken,
  withServiceCredential,
} from '@practice/common';
import { GraphQLRequest, GraphQLResult, TEST_INTERNAL_SECRET, firstError, graphqlClient, tokenFor } from '@practice/common/testing';
import { checkCharacter } from '@practice/volunteers/volunteer/id-number';
import { Supergraph, startSupergraph } from './supergraph';

/**
 * Subgraphs answer the gateway (and each other) and callers with a token of their own, nobody
 * else: the gateway's limits cannot be gone around by calling a subgraph directly.
 */
let supergraph: Supergraph;
let direct: GraphQLRequest;
let volunteerId: string;
let stationId: string;

const PHONE = '13851234567';
const ENTITIES = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Volunteer { id name phone } } }`;
type Entities = { _entities: ({ id: string; name: string; phone: string | null } | null)[] };
const entitiesOf = (request: GraphQLRequest, options: Parameters<GraphQLRequest>[2] = {}) =>
  request<Entities>(ENTITIES, { representations: [{ __typename: 'Volunteer', id: volunteerId }] }, options);

function ok<T>(result: GraphQLResult<T>): T {
  if (result.errors?.length) throw new Error(JSON.stringify(result.errors, null, 2));
  return result.data!;
}

beforeAll(async () => {
  supergraph = await startSupergraph();
  direct = graphqlClient(supergraph.volunteers.url, { gatewayCredential: false });
  stationId = ok(await supergraph.request<{ siteByCode: { id: string } }>('{ siteByCode(code: "320581101001-S") { id } }')).siteByCode.id;
  const first17 = '32058119850312102';
  const citizen = await tokenFor({ role: Role.CITIZEN, subject: 'wx-zhou' });
  const registered = await supergraph.request<{ registerVolunteer: { id: string } }>(
    'mutation ($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { id } }',
    { input: { name: '周红梅', idNumber: `${first17}${checkCharacter(first17)}`, phone: PHONE, homeSiteId: stationId, skillCodes: ['LECTURING.THEORY'] } },
    { token: citizen },
  );
  volunteerId = ok(registered).registerVolunteer.id;
});
afterAll(() => supergraph?.close());

describe('a direct call to a subgraph', () => {
  it('without a token or the gateway credential gets 401 UNAUTHENTICATED and no data, also for _entities', async () => {
    for (const result of [await entitiesOf(direct), await direct('{ skills { code } }')]) {
      expect(result.status).toBe(401);
      expect(firstError(result).code).toBe('UNAUTHENTICATED');
      expect(result.data).toBeUndefined();
    }
  });

  it('with a client token of its own is answered as that caller: an analyst sees the phone masked', async () => {
    const analyst = await tokenFor({ role: Role.ANALYST });
    const result = await entitiesOf(direct, { token: analyst });
    expect(result.status).toBe(200);
    expect(ok(result)._entities).toEqual([{ id: volunteerId, name: '周红梅', phone: '138****4567' }]);
  });

  it('with the gateway credential only is an anonymous caller: no phone', async () => {
    expect(ok(await entitiesOf(direct, { gatewayCredential: true }))._entities).toEqual([{ id: volunteerId, name: '周红梅', phone: null }]);
  });

  it('with the gateway credential and a token is the token’s caller: the volunteer sees their phone', async () => {
    const self = await tokenFor({ role: Role.VOLUNTEER, subject: 'wx-zhou', volunteerId });
    expect(ok(await entitiesOf(direct, { gatewayCredential: true, token: self }))._entities[0]?.phone).toBe(PHONE);
  });

  it.each([
    ['signed with another secret', () => new ServiceCredential('not-the-internal-secret-of-these-services', 'gateway').header()],
    ['expired', async () => `Bearer ${await signInternalToken(TEST_INTERNAL_SECRET, 'gateway', -10, SUBGRAPH_AUDIENCE)}`],
    ['made for /internal/events', async () => `Bearer ${await signInternalToken(TEST_INTERNAL_SECRET, 'gateway')}`],
  ])('with a gateway credential %s gets 401 and no data', async (_, credential) => {
    const result = await entitiesOf(direct, { headers: { [SERVICE_AUTHORIZATION_HEADER]: await credential() } });
    expect(result.status).toBe(401);
    expect(firstError(result).code).toBe('UNAUTHENTICATED');
    expect(result.data).toBeUndefined();
  });

  it('through the gateway works as before: anonymous callers get no phone', async () => {
    const result = await supergraph.request<{ volunteer: { phone: string | null } }>('query ($id: ID!) { volunteer(id: $id) { phone } }', { id: volunteerId });
    expect(ok(result).volunteer).toEqual({ phone: null });
  });

  it('to /healthz and /readyz needs nothing; /internal/events keeps its own service token', async () => {
    const base = new URL(supergraph.volunteers.url);
    for (const path of ['/healthz', '/readyz']) expect((await fetch(new URL(path, base))).status).toBe(200);
    const deliver = (authorization?: string) =>
      fetch(new URL(EVENTS_PATH, base), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ events: [] }),
      });
    expect((await deliver()).status).toBe(401);
    // The credential sent with every query cannot deliver events.
    expect((await deliver(await new ServiceCredential(TEST_INTERNAL_SECRET, 'gateway').header())).status).toBe(401);
  });
});

describe('a subgraph asking another without a client token', () => {
  const lookup = () =>
    lookupEntities<{ id: string; name: string }>({ url: supergraph.sites.url, subgraph: 'sites', typeName: 'Site', selection: 'id name', ids: [stationId] });

  it('is refused without a service credential', async () => {
    await expect(lookup()).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('carries the credential of the subgraph whose work it is, and is answered as anonymous', async () => {
    const credential = new ServiceCredential(TEST_INTERNAL_SECRET, 'tickets');
    const found = await withServiceCredential(credential, lookup);
    expect(found.get(stationId)?.name).toMatch(/实践站/);
    const facts = await withServiceCredential(credential, () => new SiteDirectory(supergraph.sites.url).lookup([stationId]));
    expect(facts.get(stationId)).toMatchObject({ id: stationId, status: 'ACTIVE' });
  });
});
