import { Role, addDays, todayInChina } from '@practice/common';
import { Site } from '@practice/sites/site/site.entity';
import { SiteKind } from '@practice/sites/site/site.enums';
import { VolunteersFixture, expectNoErrors, startVolunteers } from './fixture';

const VOLUNTEERS = `query($first: Int!) {
  volunteers(first: $first) { totalCount edges { node {
    name phone idNumber homeSite { id } verifiedHours starLevel { level hoursToNextLevel }
    skills { code parent { code } } categoryCodes availability { day from to } serviceArea { sites { id } regionCodePrefixes }
    teams { role team { name leader { name } memberCount } }
    points { balance entries(first: 3) { totalCount edges { node { points } } } }
    serviceRecords(first: 3) { totalCount edges { node { hours site { id } } } }
    statusHistory { toStatus }
  } } }
}`;

const SITES = `query($r: [_Any!]!, $from: String!, $to: String!) { _entities(representations: $r) { ... on Site {
  volunteerCount
  volunteers(first: 3) { totalCount edges { node { name skills { code } } } }
  teams(includeDescendants: true) { name memberCount members(first: 2) { edges { node { role volunteer { name } } } } }
  volunteerLeaderboard(period: { from: $from, to: $to }, first: 3) { rank hours volunteer { name } }
} } }`;

const TEAMS = `query($first: Int!) { teams(first: $first) { edges { node {
  name parent { name } subTeams { name } specialty { code } leader { name } memberCount
  members(first: 5) { totalCount edges { node { role joinedOn volunteer { name teams { role } } } } }
} } } }`;

const RECORDS = `query($first: Int!) { serviceRecords(first: $first) { totalCount edges { node { hours status site { id } volunteer { name starLevel { level } } } } } }`;

let f: VolunteersFixture;
let admin: string;
let siteIds: string[];

beforeAll(async () => {
  f = await startVolunteers();
  admin = await f.token(Role.ADMIN);
  const institute = await f.site(SiteKind.INSTITUTE, 1);
  const stations = await f.sites.db.getRepository(Site).find({ where: { parentId: institute.id }, order: { code: 'ASC' }, take: 4 });
  const volunteerIds: string[] = [];
  for (let batch = 0; batch < 11; batch++) {
    volunteerIds.push(
      ...(await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          f.register(stations[(batch + i) % stations.length].id, {
            skillCodes: ['MEDICAL.NURSING', 'ARTS.DANCE'],
            categoryCodes: ['SERVICE.HEALTH'],
            availability: [{ day: 6, from: '09:00', to: '11:30' }],
            serviceArea: { siteIds: [institute.id], regionCodePrefixes: [institute.regionCode.slice(0, 9)] },
          }),
        ),
      )),
    );
  }
  const teamIds: string[] = [];
  for (const [index, station] of [...stations, ...stations, ...stations].entries()) {
    const result = await f.request<{ createTeam: { id: string } }>(
      `mutation($input: CreateTeamInput!) { createTeam(input: $input) { id } }`,
      { input: { name: `测试服务队${index}`, level: 'TEAM', siteId: station.id, specialtySkillCode: 'MEDICAL', leaderId: volunteerIds[index] } },
      { token: admin },
    );
    expectNoErrors(result);
    teamIds.push(result.data!.createTeam.id);
  }
  await Promise.all(
    volunteerIds.map((volunteerId, index) =>
      f.request(
        `mutation($input: TeamMemberInput!) { addTeamMember(input: $input) { id } }`,
        { input: { teamId: teamIds[index % teamIds.length], volunteerId } },
        { token: admin },
      ),
    ),
  );
  for (const [index, volunteerId] of volunteerIds.slice(0, 40).entries()) {
    const recorded = await f.request<{ recordService: { id: string } }>(
      `mutation($input: RecordServiceInput!) { recordService(input: $input) { id } }`,
      {
        input: {
          volunteerId,
          siteId: stations[index % stations.length].id,
          servedOn: addDays(todayInChina(), -(index % 20) - 1),
          hours: 2 + (index % 5),
          content: '健康义诊',
          source: { type: 'ACTIVITY', reference: `activity-${index}` },
        },
      },
      { token: admin },
    );
    expectNoErrors(recorded);
    expectNoErrors(await f.request(`mutation($id: ID!) { verifyServiceRecord(id: $id) { id } }`, { id: recorded.data!.recordService.id }, { token: admin }));
  }
  siteIds = (await f.sites.db.query('SELECT id FROM site ORDER BY code LIMIT 100')).map((row: { id: string }) => row.id);
});
afterAll(() => f.close());

async function statementsOf(query: string, variables: Record<string, unknown>): Promise<number> {
  const { result, statements } = await f.server.counter.measure(() => f.request(query, variables, { token: admin }));
  expectNoErrors(result);
  return statements.length;
}

/**
 * The statements of a small and a large page both stay within `bound`: one per batched loader the
 * query touches. (Whether two branches of a query share one batch of the same loader depends on
 * when their rows arrive, so the exact count may differ by such a merge, never with the page size.)
 */
async function expectBounded(query: string, small: Record<string, unknown>, large: Record<string, unknown>, bound: number): Promise<void> {
  expect(await statementsOf(query, small)).toBeLessThanOrEqual(bound);
  expect(await statementsOf(query, large)).toBeLessThanOrEqual(bound);
}

describe('SQL statements per list, whatever the page size', () => {
  it('volunteers with skills, categories, availability, area, teams, points, records and history', async () => {
    // The page and its count, skills (rows, skills, parents), categories, availability, area,
    // memberships, teams, leaders, member counts, points (page, count), records (page, count), history.
    await expectBounded(VOLUNTEERS, { first: 10 }, { first: 100 }, 17);
  });

  it('Site fields for 10 and for 100 sites in one request', async () => {
    const period = { from: addDays(todayInChina(), -60), to: todayInChina() };
    const sites = (n: number) => siteIds.slice(0, n).map((id) => ({ __typename: 'Site', id }));
    // Counts, volunteers (page, count), skills (rows, skills), teams, member counts, members,
    // leaderboard, and volunteers by id (for members and for the leaderboard).
    await expectBounded(SITES, { r: sites(10), ...period }, { r: sites(100), ...period }, 11);
  });

  it('teams with parent, sub-teams, specialty, leader and a page of members', async () => {
    // The page, parents, sub-teams, specialties, member counts, members, volunteers (leaders and
    // members, in one or two batches) and their memberships.
    await expectBounded(TEAMS, { first: 3 }, { first: 12 }, 9);
  });

  it('service records with their volunteers', async () => {
    await expectBounded(RECORDS, { first: 5 }, { first: 40 }, 3);
  });

  it('entity references of 100 volunteers in one statement', async () => {
    const ids: { id: string }[] = await f.server.db.query('SELECT id FROM volunteer ORDER BY id LIMIT 100');
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Volunteer { name } } }`;
    const { result, statements } = await f.server.counter.measure(() =>
      f.request<{ _entities: unknown[] }>(query, { r: ids.map(({ id }) => ({ __typename: 'Volunteer', id })) }),
    );
    expect(result.data!._entities).toHaveLength(100);
    expect(statements).toHaveLength(1);
  });
});
