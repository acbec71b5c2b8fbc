import { Role, addDays, todayInChina } from '@practice/common';
import { firstError } from '@practice/common/testing';
import { Site } from '@practice/sites/site/site.entity';
import { SiteKind, SiteStatus } from '@practice/sites/site/site.enums';
import { VolunteersFixture, expectNoErrors, startVolunteers } from './fixture';

const BOARD = `query($period: PeriodInput!, $siteId: ID, $regionCodePrefix: String, $first: Int) {
  volunteerLeaderboard(period: $period, siteId: $siteId, regionCodePrefix: $regionCodePrefix, first: $first) { rank hours volunteer { id name } }
}`;
const RECORD = `mutation($input: RecordServiceInput!) { recordService(input: $input) { id } }`;

interface Place {
  rank: number;
  hours: number;
  volunteer: { id: string; name: string } | null;
}

let f: VolunteersFixture;
let admin: string;
let center: Site;
/** The institute whose board is tested, two of its stations, and a station of another institute. */
let institute: Site;
let s1: Site;
let s2: Site;
let otherInstitute: Site;
let o1: Site;
const v: Record<string, string> = {};

const today = todayInChina();
const day = (n: number): string => addDays(today, -n);
/** The period of the main board: ten days up to yesterday. */
const PERIOD = { from: day(10), to: day(1) };

let serial = 0;
async function serve(
  volunteerId: string,
  siteId: string,
  servedOn: string,
  hours: number,
  outcome: 'VERIFIED' | 'REJECTED' | 'PENDING' = 'VERIFIED',
): Promise<void> {
  const input = { volunteerId, siteId, servedOn, hours, content: '文明实践志愿服务', source: { type: 'IMPORT', reference: `board-${++serial}` } };
  const recorded = await f.request<{ recordService: { id: string } }>(RECORD, { input }, { token: admin });
  expectNoErrors(recorded);
  const id = recorded.data!.recordService.id;
  if (outcome === 'VERIFIED') expectNoErrors(await f.request(`mutation($id: ID!) { verifyServiceRecord(id: $id) { id } }`, { id }, { token: admin }));
  if (outcome === 'REJECTED') {
    expectNoErrors(
      await f.request(
        `mutation($input: RejectServiceRecordInput!) { rejectServiceRecord(input: $input) { id } }`,
        { input: { id, reason: '重复录入' } },
        { token: admin },
      ),
    );
  }
}

beforeAll(async () => {
  f = await startVolunteers();
  admin = await f.token(Role.ADMIN);
  center = await f.site(SiteKind.CENTER);
  institute = await f.site(SiteKind.INSTITUTE, 4);
  s1 = await stationOf(institute, 0);
  s2 = await stationOf(institute, 1);
  otherInstitute = await f.site(SiteKind.INSTITUTE, 9);
  o1 = await stationOf(otherInstitute, 0);

  v.a = await f.register(s1.id, { name: '张甲' });
  v.b = await f.register(s2.id, { name: '张乙' });
  v.c = await f.register(s1.id, { name: '张丙' });
  v.d = await f.register(institute.id, { name: '张丁' });
  v.e = await f.register(o1.id, { name: '张戊' });
  v.g = await f.register(s2.id, { name: '张己' });

  // a: 10 verified hours in the period; pending and rejected hours do not count.
  await serve(v.a, s1.id, day(2), 6);
  await serve(v.a, s1.id, day(3), 4);
  await serve(v.a, s1.id, day(4), 20, 'PENDING');
  await serve(v.a, s1.id, day(5), 20, 'REJECTED');
  // b: 6 hours served at another institute's station still count for the home site's board.
  await serve(v.b, o1.id, day(2), 6);
  // c: 6 hours on both ends of the period; the day before it does not count.
  await serve(v.c, s1.id, day(10), 2);
  await serve(v.c, s2.id, day(1), 4);
  await serve(v.c, s1.id, day(11), 5);
  // d (home: the institute itself): 3 hours in the period, 20 long before.
  await serve(v.d, institute.id, day(1), 3);
  await serve(v.d, institute.id, day(20), 20);
  // e lives elsewhere: serving at s1 does not put them on the institute's board.
  await serve(v.e, s1.id, day(2), 20);
  // g has only pending hours.
  await serve(v.g, s2.id, day(2), 8, 'PENDING');
});
afterAll(() => f.close());

/** An active station below an institute (the nth by code); the first children by code are often points. */
const stationOf = async (institute: Site, index = 0): Promise<Site> =>
  (
    await f.sites.db
      .getRepository(Site)
      .find({ where: { parentId: institute.id, kind: SiteKind.STATION, status: SiteStatus.ACTIVE }, order: { code: 'ASC' }, skip: index, take: 1 })
  )[0];

async function board(variables: Record<string, unknown>, token?: string): Promise<{ name: string | undefined; rank: number; hours: number }[]> {
  const result = await f.request<{ volunteerLeaderboard: Place[] }>(BOARD, { period: PERIOD, ...variables }, { token });
  expectNoErrors(result);
  return result.data!.volunteerLeaderboard.map((place) => ({ name: place.volunteer?.name, rank: place.rank, hours: place.hours }));
}

/** Equal hours are ordered by volunteer id. */
const tied = (...names: string[]) => [...names].sort((x, y) => (v[nameKey[x]] < v[nameKey[y]] ? -1 : 1));
const nameKey: Record<string, string> = { 张甲: 'a', 张乙: 'b', 张丙: 'c', 张丁: 'd', 张戊: 'e', 张己: 'g' };

describe('volunteerLeaderboard of a site', () => {
  it('ranks the volunteers of the site and below by verified hours in the period, with competition ranks', async () => {
    const [first, second] = tied('张乙', '张丙');
    expect(await board({ siteId: institute.id })).toEqual([
      { name: '张甲', rank: 1, hours: 10 },
      { name: first, rank: 2, hours: 6 },
      { name: second, rank: 2, hours: 6 },
      { name: '张丁', rank: 4, hours: 3 },
    ]);
  });

  it('covers only the volunteers living at or below the site', async () => {
    expect(await board({ siteId: s1.id })).toEqual([
      { name: '张甲', rank: 1, hours: 10 },
      { name: '张丙', rank: 2, hours: 6 },
    ]);
    expect(await board({ siteId: s2.id })).toEqual([{ name: '张乙', rank: 1, hours: 6 }]);
    expect(await board({ siteId: otherInstitute.id })).toEqual([{ name: '张戊', rank: 1, hours: 20 }]);
    const [first, second] = tied('张乙', '张丙');
    expect(await board({ siteId: center.id })).toEqual([
      { name: '张戊', rank: 1, hours: 20 },
      { name: '张甲', rank: 2, hours: 10 },
      { name: first, rank: 3, hours: 6 },
      { name: second, rank: 3, hours: 6 },
      { name: '张丁', rank: 5, hours: 3 },
    ]);
  });

  it('counts only the days of the period', async () => {
    expect(await board({ siteId: institute.id, period: { from: day(20), to: day(20) } })).toEqual([{ name: '张丁', rank: 1, hours: 20 }]);
    expect(await board({ siteId: institute.id, period: { from: day(11), to: day(10) } })).toEqual([{ name: '张丙', rank: 1, hours: 7 }]);
    expect(await board({ siteId: institute.id, period: { from: day(9), to: day(5) } })).toEqual([]);
  });

  it('gives the first places only', async () => {
    const [first] = tied('张乙', '张丙');
    expect(await board({ siteId: institute.id, first: 2 })).toEqual([
      { name: '张甲', rank: 1, hours: 10 },
      { name: first, rank: 2, hours: 6 },
    ]);
    expect(await board({ siteId: institute.id, first: 1 })).toEqual([{ name: '张甲', rank: 1, hours: 10 }]);
  });

  it('is the same for a signed-in caller', async () => {
    expect(await board({ siteId: s1.id }, await f.token(Role.CITIZEN))).toEqual(await board({ siteId: s1.id }));
  });
});

describe('volunteerLeaderboard of an area', () => {
  it('ranks the volunteers whose home lies in a township', async () => {
    const township = institute.regionCode.slice(0, 9);
    expect(otherInstitute.regionCode.startsWith(township)).toBe(false);
    expect(await board({ regionCodePrefix: township })).toEqual(await board({ siteId: institute.id }));
    expect(await board({ regionCodePrefix: s2.regionCode })).toEqual([{ name: '张乙', rank: 1, hours: 6 }]);
  });

  it('ranks a whole county', async () => {
    const [first, second] = tied('张乙', '张丙');
    expect(await board({ regionCodePrefix: center.regionCode.slice(0, 6) })).toEqual([
      { name: '张戊', rank: 1, hours: 20 },
      { name: '张甲', rank: 2, hours: 10 },
      { name: first, rank: 3, hours: 6 },
      { name: second, rank: 3, hours: 6 },
      { name: '张丁', rank: 5, hours: 3 },
    ]);
    expect(await board({ regionCodePrefix: '110101' })).toEqual([]);
  });
});

describe('bad leaderboard requests', () => {
  it.each<[string, () => Record<string, unknown>, Record<string, unknown>]>([
    ['neither a site nor an area', () => ({}), { field: 'siteId', reason: 'ONE_SCOPE_REQUIRED' }],
    ['both a site and an area', () => ({ siteId: s1.id, regionCodePrefix: '320581' }), { field: 'siteId', reason: 'ONE_SCOPE_REQUIRED' }],
    ['first 0', () => ({ siteId: s1.id, first: 0 }), { field: 'first' }],
    ['first 101', () => ({ siteId: s1.id, first: 101 }), { field: 'first' }],
    ['first 101 for an area', () => ({ regionCodePrefix: '320581', first: 101 }), { field: 'first' }],
    ['a reversed period', () => ({ siteId: s1.id, period: { from: day(1), to: day(2) } }), { field: 'period.to', reason: 'PERIOD_REVERSED' }],
    ['a reversed period for an area', () => ({ regionCodePrefix: '320581', period: { from: day(1), to: day(2) } }), { reason: 'PERIOD_REVERSED' }],
    ['a day that does not exist', () => ({ siteId: s1.id, period: { from: '2026-02-30', to: day(1) } }), { field: 'period.from' }],
    ['a region prefix of 5 digits', () => ({ regionCodePrefix: '32058' }), { field: 'regionCodePrefix' }],
    ['a malformed site id', () => ({ siteId: 'site-1' }), { field: 'siteId' }],
  ])('refuses %s', async (_name, variables, expected) => {
    const result = await f.request(BOARD, { period: PERIOD, ...variables() });
    expect(firstError(result)).toMatchObject({ code: 'BAD_USER_INPUT', ...expected });
  });

  it('answers an empty board for a site without volunteers', async () => {
    expect(await board({ siteId: (await stationOf(await f.site(SiteKind.INSTITUTE, 12), 0)).id })).toEqual([]);
  });
});

describe('Site.volunteerLeaderboard', () => {
  const ENTITIES = `query($representations: [_Any!]!, $period: PeriodInput!, $first: Int!) {
    _entities(representations: $representations) {
      ... on Site { id volunteerLeaderboard(period: $period, first: $first) { rank hours volunteer { name } } }
    }
  }`;
  type Entities = { _entities: { id: string; volunteerLeaderboard: { rank: number; hours: number; volunteer: { name: string } }[] }[] };

  it('gives the boards of two sites in one request', async () => {
    const result = await f.request<Entities>(ENTITIES, {
      representations: [institute, otherInstitute, s2].map((site) => ({ __typename: 'Site', id: site.id })),
      period: PERIOD,
      first: 3,
    });
    expectNoErrors(result);
    const [first, second] = tied('张乙', '张丙');
    expect(result.data!._entities).toEqual([
      {
        id: institute.id,
        volunteerLeaderboard: [
          { rank: 1, hours: 10, volunteer: { name: '张甲' } },
          { rank: 2, hours: 6, volunteer: { name: first } },
          { rank: 2, hours: 6, volunteer: { name: second } },
        ],
      },
      { id: otherInstitute.id, volunteerLeaderboard: [{ rank: 1, hours: 20, volunteer: { name: '张戊' } }] },
      { id: s2.id, volunteerLeaderboard: [{ rank: 1, hours: 6, volunteer: { name: '张乙' } }] },
    ]);
  });

  it.each([
    ['first out of range', { first: 0 }, { field: 'first' }],
    ['a reversed period', { period: { from: day(1), to: day(2) } }, { reason: 'PERIOD_REVERSED' }],
  ])('refuses %s', async (_name, overrides, expected) => {
    const result = await f.request(ENTITIES, { representations: [{ __typename: 'Site', id: institute.id }], period: PERIOD, first: 3, ...overrides });
    expect(firstError(result)).toMatchObject({ code: 'BAD_USER_INPUT', ...expected });
  });
});
