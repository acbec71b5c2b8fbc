import { Role } from '@practice/common';
import { firstError } from '@practice/common/testing';
import { Site } from '@practice/sites/site/site.entity';
import { SiteKind } from '@practice/sites/site/site.enums';
import { Volunteer } from '../src/volunteer/volunteer.entity';
import { VolunteersFixture, expectNoErrors, startVolunteers } from './fixture';

const LIST = `query($filter: VolunteerFilter, $first: Int, $after: String) {
  volunteers(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name } }
  }
}`;

interface Page {
  volunteers: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string; name: string } }[] };
}

let f: VolunteersFixture;
let institute: Site;
let station: Site;
let point: Site | null;
let otherInstitute: Site;
let otherStation: Site;
const ids: Record<string, string> = {};

beforeAll(async () => {
  f = await startVolunteers();
  institute = await f.site(SiteKind.INSTITUTE, 6);
  station = await f.childOf(institute, 0);
  otherInstitute = await f.site(SiteKind.INSTITUTE, 7);
  otherStation = await f.childOf(otherInstitute, 0);
  point = await f.sites.db.getRepository(Site).findOneBy({ kind: SiteKind.POINT, parentId: station.id });
  ids.medic = await f.register(station.id, { name: '李医生', skillCodes: ['MEDICAL.FIRST_AID'], categoryCodes: ['SERVICE.HEALTH'] });
  ids.lawyer = await f.register(station.id, { name: '张律师', skillCodes: ['LEGAL.ADVICE'], categoryCodes: ['SERVICE.LEGAL'] });
  ids.teacher = await f.register(institute.id, { name: '陈老师', skillCodes: ['EDUCATION.TUTORING'], categoryCodes: ['SERVICE.THEORY', 'SERVICE.SCIENCE'] });
  ids.elsewhere = await f.register(otherStation.id, { name: '赵电工', skillCodes: ['REPAIR.ELECTRICAL'], categoryCodes: ['SERVICE.LIVELIHOOD'] });
  ids.suspended = await f.register(station.id, { name: '钱暂停' });
  expectNoErrors(
    await f.request(
      `mutation($input: ChangeVolunteerStatusInput!) { changeVolunteerStatus(input: $input) { id } }`,
      { input: { id: ids.suspended, status: 'SUSPENDED', reason: '暂停服务' } },
      { token: await f.token(Role.ADMIN) },
    ),
  );
  // Star levels follow verified hours; the hours themselves are proven in the service-record tests.
  const volunteers = f.server.db.getRepository(Volunteer);
  await volunteers.update({ id: ids.medic }, { verifiedHundredths: 45_000 });
  await volunteers.update({ id: ids.lawyer }, { verifiedHundredths: 10_000 });
  await volunteers.update({ id: ids.teacher }, { verifiedHundredths: 9_999 });
});
afterAll(() => f.close());

async function list(filter: Record<string, unknown>, first?: number, after?: string): Promise<Page['volunteers']> {
  const result = await f.request<Page>(LIST, { filter, first, after });
  expectNoErrors(result);
  return result.data!.volunteers;
}
const names = async (filter: Record<string, unknown>) => (await list(filter)).edges.map((edge) => edge.node.name).sort();

describe('volunteers(filter)', () => {
  it('finds the volunteers of a site and everything below it, ACTIVE by default', async () => {
    expect(await names({ siteId: station.id })).toEqual(['张律师', '李医生']);
    expect(await names({ siteId: institute.id })).toEqual(['张律师', '李医生', '陈老师']);
    expect(await names({ siteId: station.id, statuses: ['ACTIVE', 'SUSPENDED'] })).toEqual(['张律师', '李医生', '钱暂停']);
    expect(await names({ siteId: station.id, statuses: ['SUSPENDED'] })).toEqual(['钱暂停']);
    if (point) expect(await names({ siteId: point.id })).toEqual([]);
  });

  it('filters by the region-code prefix copied from the home site', async () => {
    expect(await names({ regionCodePrefix: otherStation.regionCode })).toEqual(['赵电工']);
    expect(await names({ regionCodePrefix: institute.regionCode.slice(0, 9) })).toEqual(['张律师', '李医生', '陈老师']);
  });

  it('matches a parent skill by any skill below it', async () => {
    expect(await names({ skillCodes: ['MEDICAL'] })).toEqual(['李医生']);
    expect(await names({ skillCodes: ['MEDICAL.FIRST_AID'] })).toEqual(['李医生']);
    expect(await names({ skillCodes: ['MEDICAL.NURSING'] })).toEqual([]);
    expect(await names({ skillCodes: ['LEGAL', 'REPAIR'] })).toEqual(['张律师', '赵电工']);
  });

  it('refuses an unknown skill code, naming it', async () => {
    expect(firstError(await f.request(LIST, { filter: { skillCodes: ['MEDICAL', 'NOPE'] } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.skillCodes[1]',
    });
  });

  it('filters by preferred categories, star levels, team and text', async () => {
    expect(await names({ categoryCodes: ['SERVICE.SCIENCE', 'SERVICE.LEGAL'] })).toEqual(['张律师', '陈老师']);
    expect(await names({ starLevels: [2] })).toEqual(['李医生']);
    expect(await names({ starLevels: [1] })).toEqual(['张律师']);
    expect(await names({ starLevels: [0], siteId: institute.id })).toEqual(['陈老师']);
    expect(await names({ starLevels: [9] })).toEqual([]);
    expect(await names({ text: '律' })).toEqual(['张律师']);
    expect(await names({ text: '%' })).toEqual([]);
    const team = await f.request<{ createTeam: { id: string } }>(
      `mutation($input: CreateTeamInput!) { createTeam(input: $input) { id } }`,
      { input: { name: '急救队', level: 'TEAM', siteId: station.id, leaderId: ids.medic } },
      { token: await f.token(Role.ADMIN) },
    );
    expectNoErrors(team);
    expect(await names({ teamId: team.data!.createTeam.id })).toEqual(['李医生']);
  });

  it('pages in registration order with cursors and a total count', async () => {
    const first = await list({}, 2);
    expect(first.totalCount).toBe(4);
    expect(first.edges.map((edge) => edge.node.id)).toEqual([ids.medic, ids.lawyer]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await list({}, 2, first.pageInfo.endCursor!);
    expect(second.edges.map((edge) => edge.node.id)).toEqual([ids.teacher, ids.elsewhere]);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const scoped = await list({ siteId: institute.id }, 1);
    const next = await list({ siteId: institute.id }, 5, scoped.pageInfo.endCursor!);
    expect([...scoped.edges, ...next.edges].map((edge) => edge.node.id)).toEqual([ids.medic, ids.lawyer, ids.teacher]);
  });

  it.each([
    ['first 0', { first: 0 }, 'first'],
    ['first 501', { first: 501 }, 'first'],
    ['a cursor of something else', { after: 'bm90LWEtY3Vyc29y' }, 'after'],
    ['a region prefix of 7 digits', { filter: { regionCodePrefix: '3205811' } }, 'filter.regionCodePrefix'],
    ['a malformed site id', { filter: { siteId: 'abc' } }, 'filter.siteId'],
    ['an unknown status', { filter: { statuses: ['RETIRED'] } }, undefined],
  ])('refuses %s', async (_, variables, field) => {
    const error = firstError(await f.request(LIST, variables));
    expect(error.code).toBe('BAD_USER_INPUT');
    if (field) expect(error.field).toBe(field);
  });
});

describe('what the volunteers subgraph adds to Site', () => {
  it('answers volunteers, counts and teams for several sites in one request', async () => {
    const result = await f.request<{
      _entities: { volunteerCount: number; all: number; volunteers: { totalCount: number; edges: { node: { name: string } }[] } }[];
    }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Site {
        volunteerCount all: volunteerCount(statuses: [ACTIVE, SUSPENDED, LEFT])
        volunteers(first: 1, filter: { skillCodes: ["MEDICAL", "LEGAL", "EDUCATION"] }) { totalCount edges { node { name } } }
      } } }`,
      { r: [institute, station, otherStation].map((site) => ({ __typename: 'Site', id: site.id })) },
    );
    expectNoErrors(result);
    expect(result.data!._entities).toEqual([
      { volunteerCount: 3, all: 4, volunteers: { totalCount: 3, edges: [{ node: { name: '李医生' } }] } },
      { volunteerCount: 2, all: 3, volunteers: { totalCount: 2, edges: [{ node: { name: '李医生' } }] } },
      { volunteerCount: 1, all: 1, volunteers: { totalCount: 0, edges: [] } },
    ]);
  });

  it('pages Site.volunteers with its own cursors', async () => {
    const query = `query($r: [_Any!]!, $after: String) { _entities(representations: $r) { ... on Site { volunteers(first: 2, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } } } }`;
    const r = [{ __typename: 'Site', id: institute.id }];
    const first = await f.request<{
      _entities: { volunteers: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { id: string } }[] } }[];
    }>(query, { r });
    const page = first.data!._entities[0].volunteers;
    expect(page.pageInfo.hasNextPage).toBe(true);
    const second = await f.request<typeof first.data>(query, { r, after: page.pageInfo.endCursor });
    expect([...page.edges, ...second.data!._entities[0].volunteers.edges].map((edge) => edge.node.id)).toEqual([ids.medic, ids.lawyer, ids.teacher]);
  });
});
