import { Principal, Role, loadEnv, uuidv7 } from '@practice/common';
import { Site } from '@practice/sites/site/site.entity';
import { SiteKind, SiteStatus } from '@practice/sites/site/site.enums';
import { ServiceHourStatsQueries } from '../src/analytics/service-hour-stats.queries';
import { ServiceHourDimension, ServiceHourStatsFilter } from '../src/analytics/service-hour-stats.inputs';
import { statsEnvSpec, statsLimits } from '../src/analytics/stats-settings';
import {
  ServiceMonthRow,
  rebuildServiceMonths,
  serviceMonthGroupRows,
  serviceMonthGroupsOfMonths,
  serviceMonthRows,
  serviceMonthsOfRecords,
} from '../src/service-record/service-month';
import { SkillService } from '../src/skill/skill.service';
import { StarLevels } from '../src/volunteer/star-level';
import { VolunteersFixture, expectNoErrors, startVolunteers } from './fixture';
import { deliver, ticketCode, ticketEvent } from './ticket-events';

/**
 * `service_month` against the records it sums: after every kind of write it holds what a rebuild
 * from the records would, a failed write leaves it as it was, and every request it answers gets
 * the groups the records give, without a statement on the records.
 *
 * The scene, all in 2025 (thresholds 5, 10, 20 hours), at stations a1, a2 (institute A) and b1
 * (institute B) of the demo county and c1, a station of another county:
 *
 * | volunteer | records                                                                          |
 * | --------- | -------------------------------------------------------------------------------- |
 * | p1        | 4 h a1 01-10 verified, then 2 h a1 03-05 verified: 6 h, star level 0 → 1         |
 * | p2        | 3 h a1 02-03, 2 h c1 02-04 (two counties in a month), 1 h a2 02-21 verified; 5 h a2 02-20 pending |
 * | p3        | 12 h a2 01-15 and 12 h a2 02-15 verified (24 h, level 3); 1 h b1 03-01 rejected   |
 * | p4        | 5 h b1 03-10 verified (exactly level 1), 1 h b1 03-20 verified; 2 h c1 04-30 pending |
 * | p5, p6    | ticket at a1 04-12: 3 h and 4 h, p5's verified                                    |
 * | q1 … q6   | two records of 2 h each in May at a1, reviewed all at once                       |
 */
const ENV = { STAR_THRESHOLDS: '5,10,20', VOLUNTEER_STATS_MIN_GROUP_SIZE: '2', VOLUNTEER_STATS_MAX_GROUPS: '500', VOLUNTEER_STATS_MAX_DAYS: '1095' };
const OTHER_COUNTY = '320582';

const STATS = `query($groupBy: [ServiceHourDimension!]!, $filter: ServiceHourStatsFilter!, $regionLevel: RegionLevel, $first: Int) {
  serviceHourStats(groupBy: $groupBy, filter: $filter, regionLevel: $regionLevel, first: $first) {
    truncated minimumGroupSize suppressedGroups
    groups { key { month region starLevel } hours recordCount volunteerCount averageHoursPerRecord averageHoursPerVolunteer }
  }
}`;

let f: VolunteersFixture;
let admin: string;
let analyst: string;
let sites: Record<'a1' | 'a2' | 'b1' | 'c1', Site>;
const p: Record<string, string> = {};

/** From the records always, as before `service_month` existed. */
let records: ServiceHourStatsQueries;
const ADMIN: Principal = { subject: 'months-admin', role: Role.ADMIN, siteIds: [], volunteerId: null };
const ANALYST: Principal = { subject: 'months-analyst', role: Role.ANALYST, siteIds: [], volunteerId: null };

const stationOf = async (institute: Site, index: number): Promise<Site> =>
  (
    await f.sites.db
      .getRepository(Site)
      .find({ where: { parentId: institute.id, kind: SiteKind.STATION, status: SiteStatus.ACTIVE }, order: { code: 'ASC' }, skip: index, take: 1 })
  )[0];

beforeAll(async () => {
  f = await startVolunteers({ env: ENV });
  admin = await f.token(Role.ADMIN, { subject: ADMIN.subject! });
  analyst = await f.token(Role.ANALYST, { subject: ANALYST.subject! });
  const A = await f.site(SiteKind.INSTITUTE, 2);
  const B = await f.site(SiteKind.INSTITUTE, 6);
  const [a1, a2, b1] = [await stationOf(A, 0), await stationOf(A, 1), await stationOf(B, 0)];
  // A station of a neighbouring county (below a1, so that it sorts after A's stations), as the sites subgraph would serve it.
  const c1Id = uuidv7();
  const c1 = await f.sites.db.getRepository(Site).save({
    ...a1,
    id: c1Id,
    parentId: a1.id,
    code: `${a1.code}-c`.slice(0, 32),
    name: '邻县新时代文明实践站',
    regionCode: `${OTHER_COUNTY}${a1.regionCode.slice(6)}`,
    path: `${a1.path}${c1Id}/`,
  });
  sites = { a1, a2, b1, c1 };
  for (const name of ['p1', 'p2', 'p3', 'p4', 'p5', 'p6']) p[name] = await f.register(name === 'p3' ? sites.a2.id : sites.a1.id);
  const db = f.server.db;
  records = new ServiceHourStatsQueries(db, new SkillService(db), new StarLevels([5, 10, 20]), statsLimits(loadEnv(statsEnvSpec(), ENV)), {
    serviceMonths: false,
  });
});
afterAll(() => f.close());

let reference = 0;
async function recordService(volunteer: string, site: Site, servedOn: string, hours: number): Promise<string> {
  const input = {
    volunteerId: p[volunteer],
    siteId: site.id,
    servedOn,
    hours,
    content: '文明实践志愿服务',
    source: { type: 'ACTIVITY', reference: `months-${++reference}` },
  };
  const result = await f.request<{ recordService: { id: string } }>(
    `mutation($input: RecordServiceInput!) { recordService(input: $input) { id } }`,
    { input },
    { token: admin },
  );
  expectNoErrors(result);
  return result.data!.recordService.id;
}
const verify = async (id: string) => expectNoErrors(await f.request(`mutation($id: ID!) { verifyServiceRecord(id: $id) { id } }`, { id }, { token: admin }));
const reject = async (id: string) =>
  expectNoErrors(
    await f.request(
      `mutation($input: RejectServiceRecordInput!) { rejectServiceRecord(input: $input) { id } }`,
      { input: { id, reason: '重复录入' } },
      { token: admin },
    ),
  );
const recordId = async (volunteer: string, servedOn: string): Promise<string> =>
  (await f.server.db.query('SELECT id FROM service_record WHERE volunteer_id = ? AND served_on = ?', [p[volunteer], servedOn]))[0].id;

/** The tables equal what a rebuild from the records would write; answers the rows of service_month. */
async function expectKeptUp(): Promise<ServiceMonthRow[]> {
  const kept = await serviceMonthRows(f.server.db);
  expect(kept).toEqual(await serviceMonthsOfRecords(f.server.db));
  expect(await serviceMonthGroupRows(f.server.db)).toEqual(await serviceMonthGroupsOfMonths(f.server.db));
  return kept;
}
const both = async () => ({ months: await serviceMonthRows(f.server.db), groups: await serviceMonthGroupRows(f.server.db) });
const rowsOf = (rows: ServiceMonthRow[], volunteer: string) =>
  rows.filter((row) => row.volunteer_id === p[volunteer]).map(({ volunteer_id: _id, ...row }) => row);

describe('service_month follows every write in its transaction', () => {
  it('counts a recorded record as pending, and moves it to verified with the new hours on every month of the volunteer', async () => {
    const january = await recordService('p1', sites.a1, '2025-01-10', 4);
    expect(rowsOf(await expectKeptUp(), 'p1')).toEqual([
      { month: '2025-01', county_code: '320581', status: 'PENDING', hours_hundredths: 400, record_count: 1, volunteer_hundredths: 0 },
    ]);
    await verify(january);
    // The pending row counted no record any more: it is gone.
    expect(rowsOf(await expectKeptUp(), 'p1')).toEqual([
      { month: '2025-01', county_code: '320581', status: 'VERIFIED', hours_hundredths: 400, record_count: 1, volunteer_hundredths: 400 },
    ]);
    await verify(await recordService('p1', sites.a1, '2025-03-05', 2));
    // 6 hours: star level 1 now, January's row too.
    expect(rowsOf(await expectKeptUp(), 'p1')).toEqual([
      { month: '2025-01', county_code: '320581', status: 'VERIFIED', hours_hundredths: 400, record_count: 1, volunteer_hundredths: 600 },
      { month: '2025-03', county_code: '320581', status: 'VERIFIED', hours_hundredths: 200, record_count: 1, volunteer_hundredths: 600 },
    ]);
    // Verifying again changes nothing.
    await verify(january);
    await expectKeptUp();
  });

  it('keeps the counties of a month apart, and sums the records of a row', async () => {
    await verify(await recordService('p2', sites.a1, '2025-02-03', 3));
    await verify(await recordService('p2', sites.c1, '2025-02-04', 2));
    await recordService('p2', sites.a2, '2025-02-20', 5);
    const second = await recordService('p2', sites.a2, '2025-02-21', 1);
    expect(rowsOf(await expectKeptUp(), 'p2')).toEqual([
      { month: '2025-02', county_code: '320581', status: 'PENDING', hours_hundredths: 600, record_count: 2, volunteer_hundredths: 500 },
      { month: '2025-02', county_code: '320581', status: 'VERIFIED', hours_hundredths: 300, record_count: 1, volunteer_hundredths: 500 },
      { month: '2025-02', county_code: OTHER_COUNTY, status: 'VERIFIED', hours_hundredths: 200, record_count: 1, volunteer_hundredths: 500 },
    ]);
    // Out of a row that keeps another record, into one that has a record already.
    await verify(second);
    expect(rowsOf(await expectKeptUp(), 'p2')).toEqual([
      { month: '2025-02', county_code: '320581', status: 'PENDING', hours_hundredths: 500, record_count: 1, volunteer_hundredths: 600 },
      { month: '2025-02', county_code: '320581', status: 'VERIFIED', hours_hundredths: 400, record_count: 2, volunteer_hundredths: 600 },
      { month: '2025-02', county_code: OTHER_COUNTY, status: 'VERIFIED', hours_hundredths: 200, record_count: 1, volunteer_hundredths: 600 },
    ]);
    await verify(await recordService('p3', sites.a2, '2025-01-15', 12));
    await verify(await recordService('p3', sites.a2, '2025-02-15', 12));
    await expectKeptUp();
  });

  it('moves a rejected record to its own row', async () => {
    await reject(await recordService('p3', sites.b1, '2025-03-01', 1));
    expect(rowsOf(await expectKeptUp(), 'p3')).toEqual([
      { month: '2025-01', county_code: '320581', status: 'VERIFIED', hours_hundredths: 1200, record_count: 1, volunteer_hundredths: 2400 },
      { month: '2025-02', county_code: '320581', status: 'VERIFIED', hours_hundredths: 1200, record_count: 1, volunteer_hundredths: 2400 },
      { month: '2025-03', county_code: '320581', status: 'REJECTED', hours_hundredths: 100, record_count: 1, volunteer_hundredths: 2400 },
    ]);
    await verify(await recordService('p4', sites.b1, '2025-03-10', 5));
    await verify(await recordService('p4', sites.b1, '2025-03-20', 1));
    await recordService('p4', sites.c1, '2025-04-30', 2);
    await expectKeptUp();
  });

  it("counts the records of a completed ticket's participants, and their verification", async () => {
    const participants = [
      { volunteerId: p.p5, hours: 3 },
      { volunteerId: p.p6, hours: 4 },
    ];
    const [result] = await deliver(
      f,
      ticketEvent('ticket.completed', { ticketId: ticketCode(), siteId: sites.a1.id, servedOn: '2025-04-12', content: '上门维修', participants }),
    );
    expect(result.status).toBe('APPLIED');
    expect(rowsOf(await expectKeptUp(), 'p6')).toEqual([
      { month: '2025-04', county_code: '320581', status: 'PENDING', hours_hundredths: 400, record_count: 1, volunteer_hundredths: 0 },
    ]);
    await verify(await recordId('p5', '2025-04-12'));
    await expectKeptUp();
  });

  it('is left as it was by a write that fails after changing it', async () => {
    const before = await both();
    // p5's record is written and counted first; p6's 4 + 21 hours then break the daily limit.
    const participants = [
      { volunteerId: p.p5, hours: 1 },
      { volunteerId: p.p6, hours: 21 },
    ];
    const event = ticketEvent('ticket.completed', { ticketId: ticketCode(), siteId: sites.a1.id, servedOn: '2025-04-12', content: '上门维修', participants });
    const { result, statements } = await f.server.counter.measure(() => deliver(f, event));
    expect(result[0]).toMatchObject({ status: 'REJECTED', code: 'BAD_USER_INPUT' });
    expect(statements.some((sql) => /^INSERT INTO service_month /.test(sql))).toBe(true);
    expect(statements.some((sql) => /^INSERT INTO service_month_group /.test(sql))).toBe(true);
    expect(await both()).toEqual(before);
    await expectKeptUp();
  });

  it('stays equal to the records under concurrent reviews of volunteers sharing groups', async () => {
    // Six more volunteers with no verified hours: their pending records of May share one group.
    const others = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6'];
    for (const name of others) p[name] = await f.register(sites.a1.id);
    const ids: string[] = [];
    for (const name of others) for (const day of ['2025-05-06', '2025-05-07']) ids.push(await recordService(name, sites.a1, day, 2));
    await expectKeptUp();
    let pending = [...ids];
    for (let round = 0; pending.length && round < 10; round++) {
      const results = await Promise.all(
        pending.map((id, index) =>
          index % 3 === 2
            ? f.request(
                `mutation($input: RejectServiceRecordInput!) { rejectServiceRecord(input: $input) { id } }`,
                { input: { id, reason: '重复录入' } },
                { token: admin },
              )
            : f.request(`mutation($id: ID!) { verifyServiceRecord(id: $id) { id } }`, { id }, { token: admin }),
        ),
      );
      // A lost lock race is a CONFLICT to retry; nothing else may fail.
      for (const result of results) if (result.errors) expect(result.errors[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'CONCURRENT_CHANGE' });
      pending = pending.filter((_id, index) => results[index].errors);
    }
    expect(pending).toEqual([]);
    await expectKeptUp();
  });

  it('is rebuilt to the same rows, any number of times', async () => {
    await expectKeptUp();
    const kept = await both();
    expect(await rebuildServiceMonths(f.server.db, { batchSize: 2 })).toBe(kept.months.length);
    expect(await both()).toEqual(kept);
    await f.server.db.query('UPDATE service_month SET hours_hundredths = hours_hundredths + 1');
    await f.server.db.query('UPDATE service_month_group SET volunteer_count = volunteer_count + 1');
    await rebuildServiceMonths(f.server.db);
    expect(await both()).toEqual(kept);
  });
});

type Variables = { groupBy: ServiceHourDimension[]; filter: ServiceHourStatsFilter; regionLevel?: string; first?: number };

/** The answer from the records, in the shape of the GraphQL answer. */
async function fromRecords(variables: Variables, principal: Principal): Promise<unknown> {
  const stats = await records.stats(principal, variables.groupBy, variables.filter, variables.regionLevel as never, variables.first);
  return {
    truncated: stats.truncated,
    minimumGroupSize: stats.minimumGroupSize,
    suppressedGroups: stats.suppressedGroups,
    groups: stats.groups.map(({ key, hours, recordCount, volunteerCount, averageHoursPerRecord, averageHoursPerVolunteer }) => ({
      key: { month: key.month ?? null, region: key.region ?? null, starLevel: key.starLevel ?? null },
      hours,
      recordCount,
      volunteerCount,
      averageHoursPerRecord,
      averageHoursPerVolunteer,
    })),
  };
}

/** The served answer and the SQL it took. */
async function served(variables: Variables, token: string): Promise<{ answer: unknown; statements: string[] }> {
  const { result, statements } = await f.server.counter.measure(() => f.request<{ serviceHourStats: unknown }>(STATS, variables, { token }));
  expectNoErrors(result);
  return { answer: result.data!.serviceHourStats, statements };
}

const { MONTH, STAR_LEVEL, REGION, WEEK, SITE } = ServiceHourDimension;

describe('serviceHourStats from service_month', () => {
  it('answers every request it can take exactly as the records do, without reading them', async () => {
    const groupBys = [[], [MONTH], [STAR_LEVEL], [REGION], [MONTH, STAR_LEVEL], [STAR_LEVEL, MONTH], [REGION, STAR_LEVEL], [MONTH, REGION, STAR_LEVEL]];
    const periods = [
      { from: '2025-01-01', to: '2025-12-31' },
      { from: '2025-02-01', to: '2025-03-31' },
      { from: '2025-02-01', to: '2025-02-28' },
      { from: '2025-04-01', to: '2025-04-30' },
      { from: '2024-01-01', to: '2024-12-31' },
    ];
    const statuses = [undefined, ['VERIFIED'], ['PENDING'], ['REJECTED'], ['VERIFIED', 'VERIFIED']];
    const prefixes = [undefined, '32', '3205', '320581', OTHER_COUNTY];
    const firsts = [undefined, 1, 3];
    let index = 0;
    let answered = 0;
    const tables = new Set<string>();
    for (const groupBy of groupBys) {
      for (const period of periods) {
        for (const status of statuses) {
          const prefix = prefixes[index % prefixes.length];
          const first = firsts[Math.floor(index / prefixes.length) % firsts.length];
          const [token, principal] = Math.floor(index / 15) % 2 ? [analyst, ANALYST] : [admin, ADMIN];
          index++;
          const filter = { ...period, ...(status ? { statuses: status } : {}), ...(prefix ? { regionCodePrefix: prefix } : {}) } as ServiceHourStatsFilter;
          const variables: Variables = { groupBy, filter, regionLevel: 'COUNTY', ...(first ? { first } : {}) };
          const { answer, statements } = await served(variables, token);
          expect({ variables, answer }).toEqual({ variables, answer: await fromRecords(variables, principal) });
          expect(statements).toHaveLength(1);
          expect(statements[0]).toMatch(/FROM [`"]service_month(_group)?[`"]/);
          expect(statements[0]).not.toMatch(/service_record/);
          tables.add(/service_month_group/.test(statements[0]) ? 'groups' : 'months');
          if ((answer as { groups: unknown[] }).groups.length) answered++;
        }
      }
    }
    // Not an empty answer after another, and from both tables.
    expect(answered).toBeGreaterThan(80);
    expect(tables).toEqual(new Set(['groups', 'months']));
  });

  it('counts a volunteer once in a group of two counties or months', async () => {
    // p2 served in both counties in February; p1 in January and March.
    const { answer } = await served({ groupBy: [MONTH], filter: { from: '2025-02-01', to: '2025-02-28' } as ServiceHourStatsFilter }, admin);
    expect(answer).toMatchObject({ groups: [{ key: { month: '2025-02' }, hours: 18, recordCount: 4, volunteerCount: 2 }] });
    const { answer: year } = await served({ groupBy: [STAR_LEVEL], filter: { from: '2025-01-01', to: '2025-04-30' } as ServiceHourStatsFilter }, admin);
    expect(year).toMatchObject({
      groups: [
        // p5 with 3 hours; p1, p2 and p4 with 6; p3 with 24.
        { key: { starLevel: 0 }, hours: 3, recordCount: 1, volunteerCount: 1 },
        { key: { starLevel: 1 }, hours: 18, recordCount: 7, volunteerCount: 3 },
        { key: { starLevel: 3 }, hours: 24, recordCount: 2, volunteerCount: 1 },
      ],
    });
  });

  it.each<[string, Variables, 'admin' | 'manager']>([
    ['a week', { groupBy: [WEEK], filter: { from: '2025-01-01', to: '2025-12-31' } as ServiceHourStatsFilter }, 'admin'],
    ['a site', { groupBy: [SITE], filter: { from: '2025-01-01', to: '2025-12-31' } as ServiceHourStatsFilter }, 'admin'],
    ['townships', { groupBy: [REGION], filter: { from: '2025-01-01', to: '2025-12-31' } as ServiceHourStatsFilter, regionLevel: 'TOWNSHIP' }, 'admin'],
    ['part of a month', { groupBy: [MONTH], filter: { from: '2025-01-01', to: '2025-12-30' } as ServiceHourStatsFilter }, 'admin'],
    ['from the 2nd', { groupBy: [MONTH], filter: { from: '2025-01-02', to: '2025-12-31' } as ServiceHourStatsFilter }, 'admin'],
    [
      'two statuses',
      { groupBy: [MONTH], filter: { from: '2025-01-01', to: '2025-12-31', statuses: ['VERIFIED', 'PENDING'] } as ServiceHourStatsFilter },
      'admin',
    ],
    ['a township', { groupBy: [MONTH], filter: { from: '2025-01-01', to: '2025-12-31', regionCodePrefix: '320581005' } as ServiceHourStatsFilter }, 'admin'],
    ['a source type', { groupBy: [MONTH], filter: { from: '2025-01-01', to: '2025-12-31', sourceTypes: ['ACTIVITY'] } as ServiceHourStatsFilter }, 'admin'],
    ['skills', { groupBy: [MONTH], filter: { from: '2025-01-01', to: '2025-12-31', skillCodes: ['MEDICAL'] } as ServiceHourStatsFilter }, 'admin'],
    ['a site manager', { groupBy: [MONTH], filter: { from: '2025-01-01', to: '2025-12-31' } as ServiceHourStatsFilter }, 'manager'],
  ])('reads the records for %s', async (_name, variables, who) => {
    const token = who === 'manager' ? await f.token(Role.SITE_MANAGER, { siteIds: [sites.a1.id], subject: 'months-manager' }) : admin;
    const { statements } = await served(variables, token);
    expect(statements.filter((sql) => sql.includes('service_record'))).toHaveLength(1);
    expect(statements.filter((sql) => sql.includes('service_month'))).toEqual([]);
  });

  it('answers with a site filter from the records, as before', async () => {
    const variables = { groupBy: [MONTH], filter: { from: '2025-01-01', to: '2025-12-31', siteId: sites.a1.id } as ServiceHourStatsFilter };
    const { answer, statements } = await served(variables, admin);
    expect(statements.filter((sql) => sql.includes('service_month'))).toEqual([]);
    expect(answer).toEqual(await fromRecords(variables, ADMIN));
  });
});
