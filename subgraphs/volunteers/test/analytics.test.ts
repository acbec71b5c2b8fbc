import { Role } from '@practice/common';
import { GraphQLResult, firstError } from '@practice/common/testing';
import { AnalyticsScene, buildAnalyticsScene } from './analytics-scene';
import { expectNoErrors } from './fixture';

const VOLUNTEER_STATS = `query($groupBy: [VolunteerDimension!]!, $filter: VolunteerStatsFilter, $regionLevel: RegionLevel, $first: Int) {
  volunteerStats(groupBy: $groupBy, filter: $filter, regionLevel: $regionLevel, first: $first) {
    truncated minimumGroupSize suppressedGroups
    groups {
      key { region site { id } status starLevel team { id name } gender ageBand month }
      registeredCount activeCount verifiedHours averageVerifiedHours starredCount
    }
  }
}`;

const HOUR_STATS = `query($groupBy: [ServiceHourDimension!]!, $filter: ServiceHourStatsFilter!, $regionLevel: RegionLevel, $first: Int) {
  serviceHourStats(groupBy: $groupBy, filter: $filter, regionLevel: $regionLevel, first: $first) {
    truncated minimumGroupSize suppressedGroups
    groups {
      key { month week day region site { id } sourceType status starLevel team { id name } }
      hours recordCount volunteerCount averageHoursPerRecord averageHoursPerVolunteer
    }
  }
}`;

interface Stats<G> {
  truncated: boolean;
  minimumGroupSize: number;
  suppressedGroups: number;
  groups: G[];
}
type Key = Record<string, unknown>;
interface VolunteerGroup {
  key: Key;
  registeredCount: number;
  activeCount: number;
  verifiedHours: number;
  averageVerifiedHours: number;
  starredCount: number;
}
interface HourGroup {
  key: Key;
  hours: number;
  recordCount: number;
  volunteerCount: number;
  averageHoursPerRecord: number;
  averageHoursPerVolunteer: number;
}

const NO_VOLUNTEER_KEY: Key = { region: null, site: null, status: null, starLevel: null, team: null, gender: null, ageBand: null, month: null };
const NO_HOUR_KEY: Key = { month: null, week: null, day: null, region: null, site: null, sourceType: null, status: null, starLevel: null, team: null };

/** The figures of a group of volunteers: key, registered, active, verified hours, average, starred. */
const vg = (key: Key, registeredCount: number, activeCount: number, verifiedHours: number, averageVerifiedHours: number, starredCount: number) => ({
  key: { ...NO_VOLUNTEER_KEY, ...key },
  registeredCount,
  activeCount,
  verifiedHours,
  averageVerifiedHours,
  starredCount,
});
/** The figures of a group of records: key, hours, records, volunteers, per record, per volunteer. */
const hg = (key: Key, hours: number, recordCount: number, volunteerCount: number, averageHoursPerRecord: number, averageHoursPerVolunteer: number) => ({
  key: { ...NO_HOUR_KEY, ...key },
  hours,
  recordCount,
  volunteerCount,
  averageHoursPerRecord,
  averageHoursPerVolunteer,
});

const PERIOD = { from: '2025-03-01', to: '2025-04-30' };

let s: AnalyticsScene;
let analyst: string;

beforeAll(async () => {
  s = await buildAnalyticsScene();
  analyst = await s.f.token(Role.ANALYST, { subject: 'analyst-1' });
});
afterAll(() => s.f.close());

const township = (site: { regionCode: string }) => site.regionCode.slice(0, 9);
/** Groups in the order the databases give them: by the bytes of a key field (or of its id). */
const byKey =
  (field: string) =>
  (x: { key: Key }, y: { key: Key }): number => {
    const value = (group: { key: Key }) => {
      const key = group.key[field];
      return String(key !== null && typeof key === 'object' ? (key as { id: string }).id : key);
    };
    return value(x) < value(y) ? -1 : value(x) > value(y) ? 1 : 0;
  };
const site = (entity: { id: string }) => ({ id: entity.id });

async function volunteerStats(variables: Record<string, unknown>, token = s.admin): Promise<GraphQLResult<{ volunteerStats: Stats<VolunteerGroup> }>> {
  return s.f.request<{ volunteerStats: Stats<VolunteerGroup> }>(VOLUNTEER_STATS, variables, { token });
}
async function volunteerGroups(variables: Record<string, unknown>, token = s.admin): Promise<VolunteerGroup[]> {
  const result = await volunteerStats(variables, token);
  expectNoErrors(result);
  return result.data!.volunteerStats.groups;
}
async function hourStats(variables: Record<string, unknown>, token = s.admin): Promise<GraphQLResult<{ serviceHourStats: Stats<HourGroup> }>> {
  return s.f.request<{ serviceHourStats: Stats<HourGroup> }>(HOUR_STATS, { filter: PERIOD, ...variables }, { token });
}
async function hourGroups(variables: Record<string, unknown>, token = s.admin): Promise<HourGroup[]> {
  const result = await hourStats(variables, token);
  expectNoErrors(result);
  return result.data!.serviceHourStats.groups;
}

describe('volunteerStats', () => {
  it('measures everyone as one group: registered, active, verified hours, their mean and those with a star', async () => {
    const result = await volunteerStats({ groupBy: [] });
    expectNoErrors(result);
    // 11 + 3 + 24 + 5 + 4.5 + 9.99 + 0 = 57.49 over 7 volunteers; p6 is suspended and p7 has left.
    expect(result.data!.volunteerStats).toEqual({ truncated: false, minimumGroupSize: 1, suppressedGroups: 0, groups: [vg({}, 7, 5, 57.49, 8.21, 4)] });
  });

  it('buckets star levels by the configured thresholds (5, 10, 20 hours), a threshold itself included', async () => {
    expect(await volunteerGroups({ groupBy: ['STAR_LEVEL'] })).toEqual([
      vg({ starLevel: 0 }, 3, 2, 7.5, 2.5, 0),
      // p4 has exactly 5 hours, p6 9.99.
      vg({ starLevel: 1 }, 2, 1, 14.99, 7.5, 2),
      vg({ starLevel: 2 }, 1, 1, 11, 11, 1),
      vg({ starLevel: 3 }, 1, 1, 24, 24, 1),
    ]);
  });

  it('groups by the region of the home site at the level asked for (township by default)', async () => {
    const { A, B, a1, a2, b1 } = s.sites;
    expect(await volunteerGroups({ groupBy: ['REGION'] })).toEqual(
      [vg({ region: township(A) }, 5, 4, 43, 8.6, 3), vg({ region: township(B) }, 2, 1, 14.49, 7.25, 1)].sort(byKey('region')),
    );
    const villages = await volunteerGroups({ groupBy: ['REGION'], regionLevel: 'VILLAGE' });
    expect(villages.map((group) => [group.key.region, group.registeredCount])).toEqual(
      [
        [A.regionCode, 1],
        [a1.regionCode, 2],
        [a2.regionCode, 2],
        [b1.regionCode, 2],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    expect(await volunteerGroups({ groupBy: ['REGION'], regionLevel: 'COUNTY' })).toEqual([vg({ region: A.regionCode.slice(0, 6) }, 7, 5, 57.49, 8.21, 4)]);
  });

  it('groups by home site, as Site references', async () => {
    const { A, a1, a2, b1 } = s.sites;
    const expected = [
      vg({ site: site(A) }, 1, 0, 0, 0, 0),
      vg({ site: site(a1) }, 2, 2, 14, 7, 1),
      vg({ site: site(a2) }, 2, 2, 29, 14.5, 2),
      vg({ site: site(b1) }, 2, 1, 14.49, 7.25, 1),
    ].sort(byKey('site'));
    expect(await volunteerGroups({ groupBy: ['SITE'] })).toEqual(expected);
  });

  it('groups by status, gender, age band (in age order) and month of registration', async () => {
    expect(await volunteerGroups({ groupBy: ['STATUS'] })).toEqual([
      vg({ status: 'ACTIVE' }, 5, 5, 47.5, 9.5, 3),
      vg({ status: 'LEFT' }, 1, 0, 0, 0, 0),
      vg({ status: 'SUSPENDED' }, 1, 0, 9.99, 9.99, 1),
    ]);
    expect(await volunteerGroups({ groupBy: ['GENDER'] })).toEqual([vg({ gender: 'FEMALE' }, 4, 3, 39.5, 9.88, 2), vg({ gender: 'MALE' }, 3, 2, 17.99, 6, 2)]);
    // Ages 29 | 30, 44 | 45, 59 | 60, 70 this year.
    expect(await volunteerGroups({ groupBy: ['AGE_BAND'] })).toEqual([
      vg({ ageBand: 'UNDER_30' }, 1, 1, 11, 11, 1),
      vg({ ageBand: 'FROM_30_TO_44' }, 2, 2, 27, 13.5, 1),
      vg({ ageBand: 'FROM_45_TO_59' }, 2, 1, 14.99, 7.5, 2),
      vg({ ageBand: 'FROM_60' }, 2, 1, 4.5, 2.25, 0),
    ]);
    expect(await volunteerGroups({ groupBy: ['MONTH'] })).toEqual([
      vg({ month: '2024-01' }, 2, 2, 14, 7, 1),
      vg({ month: '2024-02' }, 3, 3, 33.5, 11.17, 2),
      vg({ month: '2024-03' }, 2, 0, 9.99, 5, 1),
    ]);
  });

  it('counts a volunteer in each of their teams, and those in none in a group without a team', async () => {
    const groups = await volunteerGroups({ groupBy: ['TEAM'] });
    const byTeam = (id: string | null) => groups.find((group) => ((group.key.team as { id: string } | null)?.id ?? null) === id);
    expect(groups).toHaveLength(3);
    // T1: p1, p2, p3; T2: p4 and p1 again; none: p5, p6, p7.
    expect(byTeam(s.teams.T1)).toEqual(vg({ team: { id: s.teams.T1, name: '卫生健康服务队' } }, 3, 3, 38, 12.67, 2));
    expect(byTeam(s.teams.T2)).toEqual(vg({ team: { id: s.teams.T2, name: '邻里互助服务队' } }, 2, 2, 16, 8, 2));
    expect(byTeam(null)).toEqual(vg({}, 3, 1, 14.49, 4.83, 1));
    expect(groups.reduce((sum, group) => sum + group.registeredCount, 0)).toBe(8);
  });

  it('groups by two dimensions, in the order of groupBy', async () => {
    const groups = await volunteerGroups({ groupBy: ['GENDER', 'STAR_LEVEL'] });
    expect(groups.map((group) => [group.key.gender, group.key.starLevel, group.registeredCount])).toEqual([
      ['FEMALE', 0, 2],
      ['FEMALE', 2, 1],
      ['FEMALE', 3, 1],
      ['MALE', 0, 1],
      ['MALE', 1, 2],
    ]);
  });

  it('filters by registration days, region, site subtree, statuses, skills and categories with those below, and team', async () => {
    const total = async (filter: Record<string, unknown>) => (await volunteerGroups({ groupBy: [], filter }))[0]?.registeredCount ?? 0;
    expect(await total({ registeredFrom: '2024-02-01', registeredTo: '2024-02-29' })).toBe(3);
    expect(await total({ registeredFrom: '2024-03-01' })).toBe(2);
    expect(await total({ registeredTo: '2024-01-20' })).toBe(2);
    expect(await total({ regionCodePrefix: township(s.sites.B) })).toBe(2);
    expect(await total({ siteId: s.sites.A.id })).toBe(5);
    expect(await total({ siteId: s.sites.a2.id })).toBe(2);
    expect(await total({ statuses: ['SUSPENDED', 'LEFT'] })).toBe(2);
    expect(await total({ skillCodes: ['MEDICAL'] })).toBe(2);
    expect(await total({ skillCodes: ['MEDICAL.FIRST_AID', 'ARTS'] })).toBe(2);
    // SERVICE.HEALTHY is not below SERVICE.HEALTH.
    expect(await total({ categoryCodes: ['SERVICE.HEALTH'] })).toBe(2);
    expect(await total({ categoryCodes: ['SERVICE.HEALTH.CHECKUP'] })).toBe(1);
    expect(await total({ teamId: s.teams.T2 })).toBe(2);
    expect(await total({ siteId: s.sites.A.id, skillCodes: ['MEDICAL'], statuses: ['ACTIVE'] })).toBe(2);
    expect(await volunteerGroups({ groupBy: ['STAR_LEVEL'], filter: { teamId: s.teams.T1 } })).toEqual([
      vg({ starLevel: 0 }, 1, 1, 3, 3, 0),
      vg({ starLevel: 2 }, 1, 1, 11, 11, 1),
      vg({ starLevel: 3 }, 1, 1, 24, 24, 1),
    ]);
  });

  it('with first, answers the largest groups first and tells that more were left out', async () => {
    const result = await volunteerStats({ groupBy: ['AGE_BAND'], first: 2 });
    expectNoErrors(result);
    // Three bands have two volunteers: ties go in the order of the keys.
    expect(result.data!.volunteerStats.groups.map((group) => group.key.ageBand)).toEqual(['FROM_30_TO_44', 'FROM_45_TO_59']);
    expect(result.data!.volunteerStats.truncated).toBe(true);
    const all = await volunteerStats({ groupBy: ['STATUS'], first: 3 });
    expect(all.data!.volunteerStats.groups.map((group) => group.key.status)).toEqual(['ACTIVE', 'LEFT', 'SUSPENDED']);
    expect(all.data!.volunteerStats.truncated).toBe(false);
  });
});

describe('serviceHourStats', () => {
  it('measures the verified hours of the period as one group', async () => {
    const result = await hourStats({ groupBy: [] });
    expectNoErrors(result);
    // 57.49 hours in 8 verified records of 6 volunteers; the pending and the rejected record do not count.
    expect(result.data!.serviceHourStats).toEqual({ truncated: false, minimumGroupSize: 1, suppressedGroups: 0, groups: [hg({}, 57.49, 8, 6, 7.19, 9.58)] });
  });

  it('groups by month, ISO week (its Monday) and day of service', async () => {
    expect(await hourGroups({ groupBy: ['MONTH'] })).toEqual([
      hg({ month: '2025-03' }, 37.5, 5, 4, 7.5, 9.38),
      hg({ month: '2025-04' }, 19.99, 3, 3, 6.66, 6.66),
    ]);
    expect(await hourGroups({ groupBy: ['WEEK'] })).toEqual([
      // 2025-03-09 is the Sunday of the week of Monday 2025-03-03.
      hg({ week: '2025-03-03' }, 33, 4, 3, 8.25, 11),
      hg({ week: '2025-03-10' }, 4.5, 1, 1, 4.5, 4.5),
      hg({ week: '2025-03-31' }, 14.99, 2, 2, 7.5, 7.5),
      hg({ week: '2025-04-07' }, 5, 1, 1, 5, 5),
    ]);
    expect(await hourGroups({ groupBy: ['DAY'], filter: { from: '2025-03-03', to: '2025-03-10' } })).toEqual([
      hg({ day: '2025-03-03' }, 6, 1, 1, 6, 6),
      hg({ day: '2025-03-04' }, 12, 1, 1, 12, 12),
      hg({ day: '2025-03-05' }, 12, 1, 1, 12, 12),
      hg({ day: '2025-03-09' }, 3, 1, 1, 3, 3),
      hg({ day: '2025-03-10' }, 4.5, 1, 1, 4.5, 4.5),
    ]);
  });

  it('groups by the region and the site of the place of service', async () => {
    const { A, B, a1, a2, b1 } = s.sites;
    expect(await hourGroups({ groupBy: ['REGION'] })).toEqual(
      [hg({ region: township(A) }, 43, 6, 4, 7.17, 10.75), hg({ region: township(B) }, 14.49, 2, 2, 7.25, 7.25)].sort(byKey('region')),
    );
    expect(await hourGroups({ groupBy: ['SITE'] })).toEqual(
      [hg({ site: site(a1) }, 14, 3, 2, 4.67, 7), hg({ site: site(a2) }, 29, 3, 2, 9.67, 14.5), hg({ site: site(b1) }, 14.49, 2, 2, 7.25, 7.25)].sort(
        byKey('site'),
      ),
    );
  });

  it('groups by source type and by status (of the statuses asked for)', async () => {
    expect(await hourGroups({ groupBy: ['SOURCE_TYPE'] })).toEqual([
      hg({ sourceType: 'ACTIVITY' }, 18.5, 4, 4, 4.63, 4.63),
      hg({ sourceType: 'IMPORT' }, 24, 2, 1, 12, 24),
      hg({ sourceType: 'MANUAL' }, 14.99, 2, 2, 7.5, 7.5),
    ]);
    expect(await hourGroups({ groupBy: ['STATUS'], filter: { ...PERIOD, statuses: ['PENDING', 'VERIFIED', 'REJECTED'] } })).toEqual([
      hg({ status: 'PENDING' }, 2, 1, 1, 2, 2),
      hg({ status: 'REJECTED' }, 1, 1, 1, 1, 1),
      hg({ status: 'VERIFIED' }, 57.49, 8, 6, 7.19, 9.58),
    ]);
  });

  it("groups by the volunteers' star level now, and by month and star level together", async () => {
    expect(await hourGroups({ groupBy: ['STAR_LEVEL'] })).toEqual([
      hg({ starLevel: 0 }, 7.5, 2, 2, 3.75, 3.75),
      hg({ starLevel: 1 }, 14.99, 2, 2, 7.5, 7.5),
      hg({ starLevel: 2 }, 11, 2, 1, 5.5, 11),
      hg({ starLevel: 3 }, 24, 2, 1, 12, 24),
    ]);
    expect(await hourGroups({ groupBy: ['MONTH', 'STAR_LEVEL'] })).toEqual([
      hg({ month: '2025-03', starLevel: 0 }, 7.5, 2, 2, 3.75, 3.75),
      hg({ month: '2025-03', starLevel: 2 }, 6, 1, 1, 6, 6),
      hg({ month: '2025-03', starLevel: 3 }, 24, 2, 1, 12, 24),
      hg({ month: '2025-04', starLevel: 1 }, 14.99, 2, 2, 7.5, 7.5),
      hg({ month: '2025-04', starLevel: 2 }, 5, 1, 1, 5, 5),
    ]);
  });

  it("counts the hours of a volunteer in each of their teams, with the teams' names", async () => {
    const groups = await hourGroups({ groupBy: ['TEAM'] });
    const byTeam = (id: string | null) => groups.find((group) => ((group.key.team as { id: string } | null)?.id ?? null) === id);
    expect(groups).toHaveLength(3);
    expect(byTeam(s.teams.T1)).toEqual(hg({ team: { id: s.teams.T1, name: '卫生健康服务队' } }, 38, 5, 3, 7.6, 12.67));
    expect(byTeam(s.teams.T2)).toEqual(hg({ team: { id: s.teams.T2, name: '邻里互助服务队' } }, 16, 3, 2, 5.33, 8));
    expect(byTeam(null)).toEqual(hg({}, 14.49, 2, 2, 7.25, 7.25));
  });

  it("filters by period, source types, the place's region and site subtree, the volunteer's team and skills", async () => {
    const hours = async (filter: Record<string, unknown>) => (await hourGroups({ groupBy: [], filter: { ...PERIOD, ...filter } }))[0]?.hours ?? 0;
    expect(await hours({ from: '2025-03-04', to: '2025-03-05' })).toBe(24);
    expect(await hours({ sourceTypes: ['IMPORT', 'MANUAL'] })).toBe(38.99);
    expect(await hours({ regionCodePrefix: township(s.sites.B) })).toBe(14.49);
    expect(await hours({ siteId: s.sites.A.id })).toBe(43);
    expect(await hours({ siteId: s.sites.a1.id })).toBe(14);
    expect(await hours({ teamId: s.teams.T1 })).toBe(38);
    expect(await hours({ skillCodes: ['MEDICAL'] })).toBe(35);
    expect(await hours({ statuses: ['PENDING'] })).toBe(2);
    expect(await hours({ siteId: s.sites.A.id, teamId: s.teams.T2, sourceTypes: ['ACTIVITY'] })).toBe(11);
  });

  it('with first, answers the groups of most hours first', async () => {
    const result = await hourStats({ groupBy: ['SITE'], first: 1 });
    expectNoErrors(result);
    expect(result.data!.serviceHourStats.groups).toEqual([hg({ site: site(s.sites.a2) }, 29, 3, 2, 9.67, 14.5)]);
    expect(result.data!.serviceHourStats.truncated).toBe(true);
  });
});

describe('who reads the figures', () => {
  it('analysts read every group of at least the minimum size; smaller ones are left out and counted', async () => {
    const result = await volunteerStats({ groupBy: ['STAR_LEVEL'] }, analyst);
    expectNoErrors(result);
    const stats = result.data!.volunteerStats;
    expect(stats.minimumGroupSize).toBe(2);
    // Levels 2 and 3 have one volunteer each.
    expect(stats.groups.map((group) => group.key.starLevel)).toEqual([0, 1]);
    expect(stats.suppressedGroups).toBe(2);
    const hours = await hourStats({ groupBy: ['SOURCE_TYPE'] }, analyst);
    expect(hours.data!.serviceHourStats.groups.map((group) => group.key.sourceType)).toEqual(['ACTIVITY', 'MANUAL']);
    expect(hours.data!.serviceHourStats.suppressedGroups).toBe(1);
  });

  it('answers the counts when every group is too small to show', async () => {
    const result = await hourStats({ groupBy: ['DAY'], filter: { from: '2025-03-03', to: '2025-03-10' } }, analyst);
    expectNoErrors(result);
    expect(result.data!.serviceHourStats).toEqual({ truncated: false, minimumGroupSize: 2, suppressedGroups: 5, groups: [] });
  });

  it("site managers read the figures of their sites' subtrees only", async () => {
    const managerOfA = await s.f.token(Role.SITE_MANAGER, { siteIds: [s.sites.A.id], subject: 'manager-a' });
    const result = await volunteerStats({ groupBy: ['SITE'] }, managerOfA);
    expectNoErrors(result);
    // p7 alone at the institute itself is too small a group to show.
    expect(result.data!.volunteerStats.groups.map((group) => [group.key.site, group.registeredCount])).toEqual(
      [
        [site(s.sites.a1), 2],
        [site(s.sites.a2), 2],
      ].sort((x, y) => ((x[0] as { id: string }).id < (y[0] as { id: string }).id ? -1 : 1)),
    );
    expect(result.data!.volunteerStats.suppressedGroups).toBe(1);
    expect((await volunteerGroups({ groupBy: [] }, managerOfA))[0].registeredCount).toBe(5);
    // Another institute's volunteers are not theirs, even when asked for by name.
    expect(await volunteerGroups({ groupBy: [], filter: { siteId: s.sites.B.id } }, managerOfA)).toEqual([]);
    // Hours served at their sites, whoever served them.
    expect(await hourGroups({ groupBy: [] }, managerOfA)).toEqual([hg({}, 43, 6, 4, 7.17, 10.75)]);
    const managerOfA1 = await s.f.token(Role.SITE_MANAGER, { siteIds: [s.sites.a1.id], subject: 'manager-a1' });
    expect(await hourGroups({ groupBy: [] }, managerOfA1)).toEqual([hg({}, 14, 3, 2, 4.67, 7)]);
    const managerOfBoth = await s.f.token(Role.SITE_MANAGER, { siteIds: [s.sites.A.id, s.sites.a1.id], subject: 'manager-both' });
    expect((await volunteerGroups({ groupBy: [] }, managerOfBoth))[0].registeredCount).toBe(5);
  });

  it.each([
    ['citizens', Role.CITIZEN],
    ['volunteers', Role.VOLUNTEER],
  ])('refuses %s', async (_name, role) => {
    const token = await s.f.token(role, { subject: `someone-${role}` });
    expect(firstError(await volunteerStats({ groupBy: [] }, token))).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
    expect(firstError(await hourStats({ groupBy: [] }, token))).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
  });

  it('refuses managers whose token names no site, and anonymous callers', async () => {
    const token = await s.f.token(Role.SITE_MANAGER, { subject: 'manager-of-nothing' });
    expect(firstError(await volunteerStats({ groupBy: [] }, token))).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_MANAGED_SITES' });
    const anonymous = await s.f.request(VOLUNTEER_STATS, { groupBy: [] });
    expect(firstError(anonymous).code).toBe('UNAUTHENTICATED');
    expect(firstError(await s.f.request(HOUR_STATS, { groupBy: [], filter: PERIOD })).code).toBe('UNAUTHENTICATED');
  });
});

describe('bad input', () => {
  it.each([
    [{ groupBy: ['STATUS', 'STATUS'] }, 'groupBy', 'REPEATED_DIMENSION'],
    [{ groupBy: ['STATUS', 'GENDER', 'MONTH', 'TEAM', 'SITE'] }, 'groupBy', 'TOO_MANY_DIMENSIONS'],
    // 7 volunteers in 7 combinations, above VOLUNTEER_STATS_MAX_GROUPS = 6.
    [{ groupBy: ['SITE', 'GENDER', 'AGE_BAND'] }, 'groupBy', 'TOO_MANY_GROUPS'],
    [{ groupBy: [], first: 0 }, 'first', 'PAGE_SIZE_OUT_OF_RANGE'],
    [{ groupBy: [], first: 7 }, 'first', 'PAGE_SIZE_OUT_OF_RANGE'],
    [{ groupBy: [], filter: { registeredFrom: '2024-03-01', registeredTo: '2024-02-01' } }, 'filter.registeredTo', 'PERIOD_REVERSED'],
    [{ groupBy: [], filter: { registeredFrom: '2024-02-30' } }, 'filter.registeredFrom', 'INVALID_DATE'],
    [{ groupBy: [], filter: { skillCodes: ['NO_SUCH_SKILL'] } }, 'filter.skillCodes[0]', 'UNKNOWN_SKILL'],
  ])('volunteerStats %j: %s %s', async (variables, field, reason) => {
    expect(firstError(await volunteerStats(variables))).toMatchObject({ code: 'BAD_USER_INPUT', field, reason });
  });

  it.each([
    [{ groupBy: ['DAY', 'DAY'] }, 'groupBy', 'REPEATED_DIMENSION'],
    [{ groupBy: ['MONTH', 'SITE', 'TEAM', 'STATUS', 'SOURCE_TYPE'] }, 'groupBy', 'TOO_MANY_DIMENSIONS'],
    // Eight days of service, above VOLUNTEER_STATS_MAX_GROUPS = 6.
    [{ groupBy: ['DAY'] }, 'groupBy', 'TOO_MANY_GROUPS'],
    [{ groupBy: [], filter: { from: '2025-04-30', to: '2025-03-01' } }, 'filter.to', 'PERIOD_REVERSED'],
    // VOLUNTEER_STATS_MAX_DAYS = 400.
    [{ groupBy: [], filter: { from: '2024-03-01', to: '2025-04-30' } }, 'filter.to', 'PERIOD_TOO_LONG'],
    [{ groupBy: [], filter: { from: '2025-02-30', to: '2025-04-30' } }, 'filter.from', 'INVALID_DATE'],
    [{ groupBy: [], filter: { ...PERIOD, skillCodes: ['NO_SUCH_SKILL'] } }, 'filter.skillCodes[0]', 'UNKNOWN_SKILL'],
    [{ groupBy: [], first: 100 }, 'first', 'PAGE_SIZE_OUT_OF_RANGE'],
  ])('serviceHourStats %j: %s %s', async (variables, field, reason) => {
    expect(firstError(await hourStats(variables))).toMatchObject({ code: 'BAD_USER_INPUT', field, reason });
  });

  it('names malformed filter fields', async () => {
    expect(firstError(await volunteerStats({ groupBy: [], filter: { regionCodePrefix: '32058' } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.regionCodePrefix',
    });
    expect(firstError(await hourStats({ groupBy: [], filter: { ...PERIOD, siteId: 'not-a-site' } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.siteId',
    });
    expect(firstError(await volunteerStats({ groupBy: ['NAME'] })).code).toBe('BAD_USER_INPUT');
  });

  it('a period of exactly the longest length is fine', async () => {
    expectNoErrors(await hourStats({ groupBy: [], filter: { from: '2024-04-01', to: '2025-05-06' } }));
  });
});

describe('SQL statements', () => {
  const statementsOf = async (query: string, variables: Record<string, unknown>): Promise<number> => {
    const { result, statements } = await s.f.server.counter.measure(() => s.f.request(query, variables, { token: s.admin }));
    expectNoErrors(result);
    return statements.length;
  };

  it('one statement for the groups whatever their number, one more for the names of the teams', async () => {
    expect(await statementsOf(VOLUNTEER_STATS, { groupBy: [] })).toBe(1);
    expect(await statementsOf(VOLUNTEER_STATS, { groupBy: ['SITE', 'STATUS'] })).toBe(1);
    expect(await statementsOf(VOLUNTEER_STATS, { groupBy: ['TEAM', 'STATUS'] })).toBe(2);
    expect(await statementsOf(HOUR_STATS, { groupBy: [], filter: PERIOD })).toBe(1);
    expect(await statementsOf(HOUR_STATS, { groupBy: ['WEEK'], filter: PERIOD })).toBe(1);
    expect(await statementsOf(HOUR_STATS, { groupBy: ['TEAM', 'MONTH'], filter: PERIOD })).toBe(2);
  });

  it('one more to look the skills of a filter up', async () => {
    expect(await statementsOf(VOLUNTEER_STATS, { groupBy: ['STAR_LEVEL'], filter: { skillCodes: ['MEDICAL'] } })).toBe(2);
    expect(await statementsOf(HOUR_STATS, { groupBy: ['MONTH'], filter: { ...PERIOD, skillCodes: ['MEDICAL'] } })).toBe(2);
  });
});
