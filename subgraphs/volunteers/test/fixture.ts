import { Role } from '@practice/common';
import { GraphQLRequest, GraphQLResult, TestSubgraph, graphqlClient, startTestSubgraph, tokenFor } from '@practice/common/testing';
import { seedDemoSites } from '@practice/sites/demo/seed';
import { Site } from '@practice/sites/site/site.entity';
import { SiteKind } from '@practice/sites/site/site.enums';
import { sitesSubgraph } from '@practice/sites/subgraph';
import { checkCharacter } from '../src/volunteer/id-number';
import { volunteersSubgraph } from '../src/subgraph';

export interface VolunteersFixture {
  sites: TestSubgraph;
  server: TestSubgraph;
  request: GraphQLRequest;
  /** A site of the demo county by kind (the nth by code). */
  site(kind: SiteKind, index?: number): Promise<Site>;
  /** A child of a site (the nth by code). */
  childOf(parent: Site, index?: number): Promise<Site>;
  token(role: Role, options?: { siteIds?: string[]; subject?: string; volunteerId?: string }): Promise<string>;
  /** Registers a volunteer as an admin and answers its id. */
  register(homeSiteId: string, overrides?: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

let serial = 0;

/** A valid resident ID number, different on every call (birth date and sequence vary). */
export function idNumber(birth = '19850312', region = '320581'): string {
  serial++;
  const first17 = `${region}${birth}${String(100 + (serial % 900)).padStart(3, '0')}`;
  return `${first17}${checkCharacter(first17)}`;
}

/** A mobile number, different on every call in a test file. */
export const mobile = (): string => `139${String(process.pid % 1000).padStart(3, '0')}${String(++serial).padStart(5, '0')}`;

export const REGISTER = `mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { id name gender birthYear status homeRegionCode } }`;

/**
 * The sites subgraph with the demo county and the volunteers subgraph asking it, each on its own
 * test database. `env` sets the volunteers subgraph's own variables.
 */
export async function startVolunteers(options: { env?: NodeJS.ProcessEnv } = {}): Promise<VolunteersFixture> {
  const sites = await startTestSubgraph(sitesSubgraph, { seed: (db) => seedDemoSites(db) });
  const server = await startTestSubgraph(volunteersSubgraph, { env: { SITES_URL: sites.url, ...options.env } });
  const request = graphqlClient(server.url);
  const siteRepository = sites.db.getRepository(Site);
  const admin = await tokenFor({ role: Role.ADMIN, subject: 'fixture-admin' });
  const fixture: VolunteersFixture = {
    sites,
    server,
    request,
    site: async (kind, index = 0) => (await siteRepository.find({ where: { kind }, order: { code: 'ASC' }, skip: index, take: 1 }))[0],
    childOf: async (parent, index = 0) => (await siteRepository.find({ where: { parentId: parent.id }, order: { code: 'ASC' }, skip: index, take: 1 }))[0],
    token: (role, { siteIds = [], subject, volunteerId } = {}) => tokenFor({ role, siteIds, subject, volunteerId }),
    register: async (homeSiteId, overrides = {}) => {
      const result = await request<{ registerVolunteer: { id: string } }>(
        REGISTER,
        { input: { name: '测试志愿者', idNumber: idNumber(), phone: mobile(), homeSiteId, ...overrides } },
        { token: admin },
      );
      expectNoErrors(result);
      return result.data!.registerVolunteer.id;
    },
    close: async () => {
      await server.close();
      await sites.close();
    },
  };
  return fixture;
}

export function expectNoErrors(result: GraphQLResult<unknown>): void {
  if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
}
