import { Role } from '@practice/common';
import {
  GraphQLRequest,
  GraphQLResult,
  RestartableTestSubgraph,
  TestSubgraph,
  firstError,
  graphqlClient,
  startRestartableTestSubgraph,
  startTestSubgraph,
  tokenFor,
} from '@practice/common/testing';
import { resourcesSubgraph } from '@practice/resources/subgraph';
import { seedDemoSites } from '@practice/sites/demo/seed';
import { Site } from '@practice/sites/site/site.entity';
import { SiteKind, SiteStatus } from '@practice/sites/site/site.enums';
import { sitesSubgraph } from '@practice/sites/subgraph';
import { checkCharacter } from '@practice/volunteers/volunteer/id-number';
import { volunteersSubgraph } from '@practice/volunteers/subgraph';
import { ticketsSubgraph } from '../src/subgraph';

export interface TicketsFixture {
  sites: TestSubgraph;
  volunteers: TestSubgraph | RestartableTestSubgraph;
  resources: TestSubgraph;
  server: TestSubgraph;
  /** The tickets subgraph. */
  request: GraphQLRequest;
  volunteersRequest: GraphQLRequest;
  resourcesRequest: GraphQLRequest;
  /** An ACTIVE site of the demo county by kind (the nth by code). */
  site(kind: SiteKind, index?: number): Promise<Site>;
  childOf(parent: Site, kind?: SiteKind, index?: number): Promise<Site>;
  token(role: Role, options?: { siteIds?: string[]; subject?: string; volunteerId?: string }): Promise<string>;
  admin: string;
  /** Registers an ACTIVE volunteer at a site; answers its id and a volunteer token for it. */
  volunteer(homeSiteId: string, name?: string): Promise<{ id: string; token: string }>;
  /** A team of a site with these members; answers its id. */
  team(siteId: string, memberIds: string[]): Promise<string>;
  /** A published resource of a publisher with an order form; answers its id. */
  resource(publisherId: string, overrides?: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

let serial = 0;
const idNumber = (): string => {
  serial++;
  const first17 = `32058119${70 + (serial % 30)}0${1 + (serial % 9)}1${serial % 10}${String(100 + (serial % 900)).slice(-3)}`;
  return `${first17}${checkCharacter(first17)}`;
};
const mobile = (): string => `137${String(process.pid % 1000).padStart(3, '0')}${String(++serial).padStart(5, '0')}`;

/**
 * Every subgraph a ticket touches, each on its own test database: the sites with the demo county,
 * the volunteers and resources subgraphs, and the tickets subgraph asking them and delivering its
 * events to them. `env` sets the tickets subgraph's own variables; `restartableVolunteers` lets a
 * test stop the volunteers subgraph and start it again.
 */
export async function startTickets(options: { env?: NodeJS.ProcessEnv; restartableVolunteers?: boolean } = {}): Promise<TicketsFixture> {
  const sites = await startTestSubgraph(sitesSubgraph, { seed: (db) => seedDemoSites(db) });
  const [volunteers, resources] = await Promise.all([
    options.restartableVolunteers
      ? startRestartableTestSubgraph(volunteersSubgraph, { env: { SITES_URL: sites.url } })
      : startTestSubgraph(volunteersSubgraph, { env: { SITES_URL: sites.url } }),
    startTestSubgraph(resourcesSubgraph, { env: { SITES_URL: sites.url } }),
  ]);
  const server = await startTestSubgraph(ticketsSubgraph, {
    env: { SITES_URL: sites.url, VOLUNTEERS_URL: volunteers.url, RESOURCES_URL: resources.url, ...options.env },
  });
  const repository = sites.db.getRepository(Site);
  const admin = await tokenFor({ role: Role.ADMIN, subject: 'fixture-admin' });
  const volunteersRequest = graphqlClient(volunteers.url);
  const resourcesRequest = graphqlClient(resources.url);
  return {
    sites,
    volunteers,
    resources,
    server,
    request: graphqlClient(server.url),
    volunteersRequest,
    resourcesRequest,
    admin,
    site: async (kind, index = 0) => (await repository.find({ where: { kind, status: SiteStatus.ACTIVE }, order: { code: 'ASC' }, skip: index, take: 1 }))[0],
    childOf: async (parent, kind, index = 0) =>
      (
        await repository.find({
          where: { parentId: parent.id, status: SiteStatus.ACTIVE, ...(kind ? { kind } : {}) },
          order: { code: 'ASC' },
          skip: index,
          take: 1,
        })
      )[0],
    token: (role, { siteIds = [], subject, volunteerId } = {}) => tokenFor({ role, siteIds, subject, volunteerId }),
    volunteer: async (homeSiteId, name = '测试志愿者') => {
      const result = await volunteersRequest<{ registerVolunteer: { id: string } }>(
        `mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { id } }`,
        { input: { name, idNumber: idNumber(), phone: mobile(), homeSiteId, skillCodes: ['REPAIR.ELECTRICAL'] } },
        { token: admin },
      );
      expectNoErrors(result);
      const id = result.data!.registerVolunteer.id;
      return { id, token: await tokenFor({ role: Role.VOLUNTEER, subject: `volunteer-${id}`, volunteerId: id }) };
    },
    team: async (siteId, memberIds) => {
      const created = await volunteersRequest<{ createTeam: { id: string } }>(
        `mutation($input: CreateTeamInput!) { createTeam(input: $input) { id } }`,
        { input: { name: `便民服务队${++serial}`, level: 'TEAM', siteId, leaderId: memberIds[0] } },
        { token: admin },
      );
      expectNoErrors(created);
      const teamId = created.data!.createTeam.id;
      for (const volunteerId of memberIds.slice(1)) {
        expectNoErrors(
          await volunteersRequest(
            `mutation($input: TeamMemberInput!) { addTeamMember(input: $input) { id } }`,
            { input: { teamId, volunteerId } },
            { token: admin },
          ),
        );
      }
      return teamId;
    },
    resource: async (publisherId, overrides = {}) => {
      const created = await resourcesRequest<{ createResource: { id: string } }>(
        `mutation($input: CreateResourceInput!) { createResource(input: $input) { id } }`,
        {
          input: {
            publisherId,
            kind: 'SERVICE',
            title: '家电义务维修',
            description: '上门检修老人家中的电路和小家电。',
            categoryCodes: ['SERVICE.LIVELIHOOD'],
            deliveryModes: ['AT_REQUESTER'],
            capacityPerMonth: 30,
            orderForm: [
              {
                key: 'appliance',
                label: '需维修的电器',
                type: 'SINGLE_CHOICE',
                required: true,
                options: [
                  { value: 'tv', label: '电视' },
                  { value: 'fridge', label: '冰箱' },
                ],
              },
              { key: 'people', label: '家中人数', type: 'NUMBER', required: false, min: 1, max: 10 },
            ],
            ...overrides,
          },
        },
        { token: admin },
      );
      expectNoErrors(created);
      const id = created.data!.createResource.id;
      expectNoErrors(await resourcesRequest(`mutation($id: ID!) { publishResource(id: $id) { id } }`, { id }, { token: admin }));
      return id;
    },
    close: async () => {
      await server.close();
      await Promise.all([volunteers.close(), resources.close()]);
      await sites.close();
    },
  };
}

export function expectNoErrors(result: GraphQLResult<unknown>): void {
  if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
}

export const errorOf = firstError;

/**
 * The statements a request sent, without those of the outbox dispatcher, which runs meanwhile: it
 * polls every second and every submission nudges it, so its short transactions land in any window.
 */
export const requestStatements = (statements: readonly string[]): string[] =>
  statements.filter((sql) => !/outbox_event|^(SET TRANSACTION|START TRANSACTION|BEGIN|COMMIT|ROLLBACK)\b/i.test(sql.trim()));

export const TICKET_FIELDS = `id code kind channel status title categoryCode version servingSite { id } servingSiteRegionCode servingSiteAncestorIds
  requester { hasAccount name phone } address latitude longitude formAnswers { key value values }
  assignedVolunteer { id } assignedTeam { id } participants { volunteer { id } hours } rating overdue overdueKind
  history { sequence action fromStatus toStatus actor actorRole note }`;

export const SUBMIT = `mutation($input: SubmitTicketInput!) { submitTicket(input: $input) { ${TICKET_FIELDS} } }`;
export const READ = `query($id: ID!) { ticket(id: $id) { ${TICKET_FIELDS} } }`;

/** A valid REQUEST submitted online for a site, with overrides. */
export function requestInput(servingSiteId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    idempotencyKey: `key-${process.pid}-${++serial}`,
    kind: 'REQUEST',
    channel: 'ONLINE',
    servingSiteId,
    categoryCode: 'SERVICE.LIVELIHOOD',
    neededSkillCodes: ['REPAIR.ELECTRICAL'],
    title: '独居老人家中电路老化',
    description: '家里插座经常跳闸，请志愿者上门看看。',
    location: { latitude: 31.6543, longitude: 120.7521 },
    address: '虞山街道琴湖社区3幢201室',
    ...overrides,
  };
}
