import { GraphQLResult, firstError, tokenFor } from '@practice/common/testing';
import { checkCharacter } from '@practice/volunteers/volunteer/id-number';
import { Role, addDays, todayInChina } from '@practice/common';
import { Supergraph, startSupergraph } from './supergraph';

let supergraph: Supergraph;
let admin: string;
let institute: { id: string; name: string; stations: { id: string; name: string }[] };
const volunteerIds: string[] = [];

function ok<T>(result: GraphQLResult<T>): T {
  if (result.errors?.length) throw new Error(JSON.stringify(result.errors, null, 2));
  return result.data!;
}

const idCard = (n: number) => {
  const first17 = `32058119${80 + (n % 20)}0${1 + (n % 9)}1${n % 10}${String(100 + n).slice(-3)}`;
  return `${first17}${checkCharacter(first17)}`;
};

beforeAll(async () => {
  supergraph = await startSupergraph();
  admin = await tokenFor({ role: Role.ADMIN });
  const data = ok(
    await supergraph.request<{ sites: { edges: { node: { id: string; name: string; children: { id: string; name: string }[] } }[] } }>(
      `{ sites(filter: { kinds: [INSTITUTE] }, first: 1) { edges { node { id name children(kinds: [STATION]) { id name } } } } }`,
    ),
  );
  const node = data.sites.edges[0].node;
  institute = { id: node.id, name: node.name, stations: node.children.slice(0, 2) };
  // Registered through the gateway by a manager of the institute: the volunteers subgraph asks the
  // sites subgraph about the home site with the manager's own token.
  const manager = await tokenFor({ role: Role.SITE_MANAGER, siteIds: [institute.id] });
  for (let n = 0; n < 4; n++) {
    const result = await supergraph.request<{ registerVolunteer: { id: string } }>(
      `mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { id } }`,
      {
        input: {
          name: ['周红梅', '吴建华', '郑丽娟', '孙志强'][n],
          idNumber: idCard(n),
          phone: `1385123400${n}`,
          homeSiteId: institute.stations[n % 2].id,
          skillCodes: ['LECTURING.THEORY'],
        },
      },
      { token: manager },
    );
    volunteerIds.push(ok(result).registerVolunteer.id);
  }
});
afterAll(() => supergraph?.close());

describe('sites and volunteers through the gateway', () => {
  it('goes from sites into volunteers and back to sites in one query', async () => {
    const data = ok(
      await supergraph.request<{
        site: {
          name: string;
          volunteerCount: number;
          volunteers: { totalCount: number; edges: { node: { name: string; homeSite: { name: string; parent: { id: string } } } }[] };
          children: { name: string; volunteerCount: number }[];
        };
      }>(
        `query($id: ID!) { site(id: $id) {
          name volunteerCount
          volunteers(first: 10) { totalCount edges { node { name skills { code } homeSite { name parent { id } } } } }
          children(kinds: [STATION]) { name volunteerCount }
        } }`,
        { id: institute.id },
      ),
    );
    expect(data.site.volunteerCount).toBe(4);
    expect(data.site.volunteers.totalCount).toBe(4);
    for (const { node } of data.site.volunteers.edges) {
      expect(institute.stations.map((station) => station.name)).toContain(node.homeSite.name);
      expect(node.homeSite.parent.id).toBe(institute.id);
    }
    const counts = Object.fromEntries(data.site.children.map((child) => [child.name, child.volunteerCount]));
    expect(counts[institute.stations[0].name]).toBe(2);
    expect(counts[institute.stations[1].name]).toBe(2);
  });

  it('goes from a volunteer to the site tree', async () => {
    const data = ok(
      await supergraph.request<{ volunteer: { homeSite: { kind: string; ancestors: { kind: string }[] } } }>(
        `query($id: ID!) { volunteer(id: $id) { name homeSite { kind ancestors { kind name } } } }`,
        { id: volunteerIds[0] },
      ),
    );
    expect(data.volunteer.homeSite.kind).toBe('STATION');
    expect(data.volunteer.homeSite.ancestors.map((a) => a.kind)).toEqual(['CENTER', 'INSTITUTE']);
  });

  it('keeps personal data masked for an analyst and full for the managing site, through the gateway', async () => {
    const query = `query($id: ID!) { volunteer(id: $id) { phone } }`;
    const analyst = await tokenFor({ role: Role.ANALYST });
    expect(ok(await supergraph.request<{ volunteer: { phone: string } }>(query, { id: volunteerIds[1] }, { token: analyst })).volunteer.phone).toBe(
      '138****4001',
    );
    const manager = await tokenFor({ role: Role.SITE_MANAGER, siteIds: [institute.stations[1].id] });
    expect(ok(await supergraph.request<{ volunteer: { phone: string } }>(query, { id: volunteerIds[1] }, { token: manager })).volunteer.phone).toBe(
      '13851234001',
    );
  });

  it('shows teams and a leaderboard of verified hours on the site, with names from both subgraphs', async () => {
    const station = institute.stations[0];
    ok(
      await supergraph.request(
        `mutation($input: CreateTeamInput!) { createTeam(input: $input) { id } }`,
        { input: { name: '理论宣讲小分队', level: 'TEAM', siteId: station.id, leaderId: volunteerIds[0], specialtySkillCode: 'LECTURING' } },
        { token: admin },
      ),
    );
    for (const [index, hours] of [3, 5].entries()) {
      const recorded = ok(
        await supergraph.request<{ recordService: { id: string } }>(
          `mutation($input: RecordServiceInput!) { recordService(input: $input) { id } }`,
          {
            input: {
              volunteerId: volunteerIds[index * 2],
              siteId: station.id,
              servedOn: addDays(todayInChina(), -1),
              hours,
              content: '理论宣讲进村',
              source: { type: 'ACTIVITY', reference: 'e2e-activity-1' },
            },
          },
          { token: admin },
        ),
      );
      ok(await supergraph.request(`mutation($id: ID!) { verifyServiceRecord(id: $id) { status } }`, { id: recorded.recordService.id }, { token: admin }));
    }
    const data = ok(
      await supergraph.request<{
        site: {
          teams: { name: string; site: { name: string }; leader: { name: string } }[];
          volunteerLeaderboard: { rank: number; hours: number; volunteer: { name: string; homeSite: { name: string } } }[];
        };
      }>(
        `query($id: ID!, $period: PeriodInput!) { site(id: $id) {
          teams { name site { name } leader { name } }
          volunteerLeaderboard(period: $period, first: 5) { rank hours volunteer { name homeSite { name } } }
        } }`,
        { id: institute.id, period: { from: addDays(todayInChina(), -30), to: todayInChina() } },
      ),
    );
    expect(data.site.teams).toEqual([]);
    expect(data.site.volunteerLeaderboard).toEqual([
      { rank: 1, hours: 5, volunteer: { name: '郑丽娟', homeSite: { name: station.name } } },
      { rank: 2, hours: 3, volunteer: { name: '周红梅', homeSite: { name: station.name } } },
    ]);
    const stationView = ok(
      await supergraph.request<{ site: { teams: { name: string; site: { name: string }; leader: { name: string } }[] } }>(
        `query($id: ID!) { site(id: $id) { teams { name site { name } leader { name } } } }`,
        { id: station.id },
      ),
    );
    expect(stationView.site.teams).toEqual([{ name: '理论宣讲小分队', site: { name: station.name }, leader: { name: '周红梅' } }]);
  });

  it('passes the caller token through to the sites lookup: a manager elsewhere cannot register here', async () => {
    const stranger = await tokenFor({ role: Role.SITE_MANAGER, siteIds: ['01900000-0000-7000-8000-000000000000'] });
    const result = await supergraph.request(
      `mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { id } }`,
      { input: { name: '越权登记', idNumber: idCard(9), phone: '13851234999', homeSiteId: institute.stations[0].id } },
      { token: stranger },
    );
    expect(firstError(result)).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_SITE_MANAGER' });
  });
});
