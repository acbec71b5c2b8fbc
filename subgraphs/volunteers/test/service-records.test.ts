import { ConfigError, Role, loadSubgraphConfig, uuidv7, addDays, todayInChina } from '@practice/common';
import { GraphQLResult, firstError } from '@practice/common/testing';
import { Site } from '@practice/sites/site/site.entity';
import { SiteKind, SiteStatus } from '@practice/sites/site/site.enums';
import { PointsEntry } from '../src/points/points-entry.entity';
import { ServiceRecord } from '../src/service-record/service-record.entity';
import { volunteersEnv } from '../src/settings';
import { Volunteer } from '../src/volunteer/volunteer.entity';
import { VolunteersFixture, expectNoErrors, startVolunteers } from './fixture';

const RECORD_FIELDS = `id status hours servedOn sourceType sourceReference recordedBy reviewedBy reviewedAt rejectionReason volunteer { id } site { id }`;
const RECORD = `mutation($input: RecordServiceInput!) { recordService(input: $input) { ${RECORD_FIELDS} } }`;
const VERIFY = `mutation($id: ID!) { verifyServiceRecord(id: $id) { ${RECORD_FIELDS} } }`;
const REJECT = `mutation($input: RejectServiceRecordInput!) { rejectServiceRecord(input: $input) { ${RECORD_FIELDS} } }`;
const STANDING = `query($id: ID!) {
  volunteer(id: $id) {
    verifiedHours
    starLevel { level verifiedHours nextLevel nextLevelHours hoursToNextLevel }
    points { balance entries { totalCount edges { node { kind points balanceAfter reason } } } }
  }
}`;

interface Rec {
  id: string;
  status: string;
  hours: number;
  servedOn: string;
  sourceType: string;
  sourceReference: string;
  recordedBy: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  rejectionReason: string | null;
  volunteer: { id: string } | null;
  site: { id: string } | null;
}

interface Standing {
  verifiedHours: number;
  starLevel: { level: number; verifiedHours: number; nextLevel: number | null; nextLevelHours: number | null; hoursToNextLevel: number | null };
  points: {
    balance: number;
    entries: { totalCount: number; edges: { node: { kind: string; points: number; balanceAfter: number; reason: string | null } }[] };
  } | null;
}

let f: VolunteersFixture;
let admin: string;
let center: Site;
let institute: Site;
let station: Site;
let siblingStation: Site;
let otherInstitute: Site;
let otherStation: Site;
let subcenter: Site;

beforeAll(async () => {
  f = await startVolunteers();
  admin = await f.token(Role.ADMIN);
  center = await f.site(SiteKind.CENTER);
  institute = await f.site(SiteKind.INSTITUTE, 2);
  station = await stationOf(institute, 0);
  siblingStation = await stationOf(institute, 1);
  otherInstitute = await f.site(SiteKind.INSTITUTE, 5);
  otherStation = await stationOf(otherInstitute, 0);
  subcenter = await f.site(SiteKind.SECTOR_SUBCENTER);
});
afterAll(() => f.close());

/** An active station below an institute (the nth by code); the first children by code are often points. */
const stationOf = async (institute: Site, index = 0): Promise<Site> =>
  (
    await f.sites.db
      .getRepository(Site)
      .find({ where: { parentId: institute.id, kind: SiteKind.STATION, status: SiteStatus.ACTIVE }, order: { code: 'ASC' }, skip: index, take: 1 })
  )[0];

const today = todayInChina();
/** The day `n` days before today (China time). */
const day = (n: number): string => addDays(today, -n);

let serial = 0;
const recordInput = (volunteerId: string, overrides: Record<string, unknown> = {}) => ({
  volunteerId,
  siteId: station.id,
  servedOn: day(1),
  hours: 1,
  content: '为独居老人打扫卫生',
  source: { type: 'MANUAL', reference: `ref-${++serial}` },
  ...overrides,
});

const record = (token: string | undefined, volunteerId: string, overrides: Record<string, unknown> = {}) =>
  f.request<{ recordService: Rec }>(RECORD, { input: recordInput(volunteerId, overrides) }, { token });

/** Records as an admin and answers the record. */
async function recorded(volunteerId: string, overrides: Record<string, unknown> = {}): Promise<Rec> {
  const result = await record(admin, volunteerId, overrides);
  expectNoErrors(result);
  return result.data!.recordService;
}

const verify = (token: string | undefined, id: string) => f.request<{ verifyServiceRecord: Rec }>(VERIFY, { id }, { token });
const reject = (token: string | undefined, id: string, reason = '时长与签到记录不符') =>
  f.request<{ rejectServiceRecord: Rec }>(REJECT, { input: { id, reason } }, { token });

async function standing(volunteerId: string, token = admin): Promise<Standing> {
  const result = await f.request<{ volunteer: Standing }>(STANDING, { id: volunteerId }, { token });
  expectNoErrors(result);
  return result.data!.volunteer;
}

/** Everything of a volunteer that recording and reviewing may change, straight from the database. */
async function stateOf(volunteerId: string) {
  const db = f.server.db;
  const volunteer = await db.getRepository(Volunteer).findOneByOrFail({ id: volunteerId });
  return {
    records: await db.getRepository(ServiceRecord).find({ where: { volunteerId }, order: { id: 'ASC' } }),
    entries: await db.getRepository(PointsEntry).find({ where: { volunteerId }, order: { id: 'ASC' } }),
    verifiedHundredths: volunteer.verifiedHundredths,
    pointsBalance: volunteer.pointsBalance,
  };
}

const recordCount = () => f.server.db.getRepository(ServiceRecord).count();

type Caller = (volunteerId: string) => Promise<string | undefined>;
const anonymous: Caller = async () => undefined;
const self: Caller = (volunteerId) => f.token(Role.VOLUNTEER, { volunteerId, subject: `self-${volunteerId}` });
const as =
  (role: Role, siteIds: () => string[] = () => []): Caller =>
  () =>
    f.token(role, { siteIds: siteIds() });

describe('recordService', () => {
  let volunteerId: string;
  beforeAll(async () => {
    volunteerId = await f.register(station.id, { name: '李明' });
  });

  const OK = { code: undefined };
  it.each([
    ['an anonymous caller, MANUAL', anonymous, 'MANUAL', () => station.id, { code: 'UNAUTHENTICATED' }],
    ['the volunteer, MANUAL', self, 'MANUAL', () => station.id, OK],
    ['the volunteer, ACTIVITY', self, 'ACTIVITY', () => otherStation.id, OK],
    ['the volunteer, TICKET', self, 'TICKET', () => station.id, { code: 'FORBIDDEN' }],
    ['the volunteer, IMPORT', self, 'IMPORT', () => station.id, { code: 'FORBIDDEN' }],
    ['another volunteer, MANUAL', as(Role.VOLUNTEER), 'MANUAL', () => station.id, { code: 'FORBIDDEN' }],
    ['a manager of the home site, for service elsewhere', as(Role.SITE_MANAGER, () => [station.id]), 'TICKET', () => otherStation.id, OK],
    ['a manager of the institute above the home site', as(Role.SITE_MANAGER, () => [institute.id]), 'IMPORT', () => station.id, OK],
    ['a manager of the county center', as(Role.SITE_MANAGER, () => [center.id]), 'IMPORT', () => otherStation.id, OK],
    ['a manager of the site where the service took place', as(Role.SITE_MANAGER, () => [otherStation.id]), 'TICKET', () => otherStation.id, OK],
    ['a manager of the institute above the site of service', as(Role.SITE_MANAGER, () => [otherInstitute.id]), 'ACTIVITY', () => otherStation.id, OK],
    ['a manager of a sibling station', as(Role.SITE_MANAGER, () => [siblingStation.id]), 'MANUAL', () => station.id, { code: 'FORBIDDEN' }],
    [
      'a manager of an unrelated site, for service at the home site',
      as(Role.SITE_MANAGER, () => [otherStation.id]),
      'MANUAL',
      () => station.id,
      { code: 'FORBIDDEN' },
    ],
    ['an agency admin of a sector sub-center', as(Role.AGENCY_ADMIN, () => [subcenter.id]), 'MANUAL', () => station.id, { code: 'FORBIDDEN' }],
    ['a citizen', as(Role.CITIZEN), 'MANUAL', () => station.id, { code: 'FORBIDDEN' }],
    ['an analyst', as(Role.ANALYST), 'MANUAL', () => station.id, { code: 'FORBIDDEN' }],
    ['an admin', as(Role.ADMIN), 'IMPORT', () => station.id, OK],
  ])('%s', async (_who, caller, type, siteId, expected) => {
    const before = await stateOf(volunteerId);
    const reference = `who-${++serial}`;
    const result = await record(await caller(volunteerId), volunteerId, { siteId: siteId(), source: { type, reference } });
    if (expected.code) {
      expect(firstError(result).code).toBe(expected.code);
      expect(result.data?.recordService ?? null).toBeNull();
      expect(await stateOf(volunteerId)).toEqual(before);
      return;
    }
    expectNoErrors(result);
    expect(result.data!.recordService).toMatchObject({
      status: 'PENDING',
      hours: 1,
      servedOn: day(1),
      sourceType: type,
      sourceReference: reference,
      reviewedBy: null,
      reviewedAt: null,
      rejectionReason: null,
      volunteer: { id: volunteerId },
      site: { id: siteId() },
    });
    const after = await stateOf(volunteerId);
    expect(after.records).toHaveLength(before.records.length + 1);
    expect(after.verifiedHundredths).toBe(before.verifiedHundredths);
  });

  it('keeps who recorded it and the copies of the site', async () => {
    const token = await f.token(Role.SITE_MANAGER, { siteIds: [otherStation.id], subject: 'manager-of-other-station' });
    const result = await record(token, volunteerId, { siteId: otherStation.id, hours: 2.5, source: { type: 'TICKET', reference: 'T20261120-0042' } });
    expectNoErrors(result);
    expect(result.data!.recordService).toMatchObject({ recordedBy: 'manager-of-other-station', hours: 2.5 });
    const row = await f.server.db.getRepository(ServiceRecord).findOneByOrFail({ id: result.data!.recordService.id });
    expect(row).toMatchObject({ siteId: otherStation.id, sitePath: otherStation.path, regionCode: otherStation.regionCode, hoursHundredths: 250 });
  });

  it('answers NOT_FOUND for an unknown volunteer or site', async () => {
    const before = await recordCount();
    const unknownVolunteer = await record(admin, uuidv7());
    expect(firstError(unknownVolunteer)).toMatchObject({ code: 'NOT_FOUND', field: 'input.volunteerId' });
    const unknownSite = await record(admin, volunteerId, { siteId: uuidv7() });
    expect(firstError(unknownSite)).toMatchObject({ code: 'NOT_FOUND', field: 'input.siteId' });
    expect(await recordCount()).toBe(before);
  });

  it.each([0, -1, 24.01, 1.234])('refuses %p hours', async (hours) => {
    const before = await stateOf(volunteerId);
    const result = await record(admin, volunteerId, { hours, servedOn: day(2) });
    expect(firstError(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.hours' });
    expect(await stateOf(volunteerId)).toEqual(before);
  });

  it('accepts 24 hours on a day', async () => {
    const other = await f.register(station.id);
    const result = await record(admin, other, { hours: 24 });
    expectNoErrors(result);
    expect(result.data!.recordService.hours).toBe(24);
  });

  it.each([
    ['tomorrow (China time)', () => addDays(today, 1), 'DATE_IN_FUTURE'],
    ['a day that does not exist', () => '2026-02-30', 'INVALID_DATE'],
    ['a day before 2000', () => '1999-12-31', 'DATE_TOO_OLD'],
  ])('refuses service on %s', async (_name, servedOn, reason) => {
    const before = await stateOf(volunteerId);
    const result = await record(admin, volunteerId, { servedOn: servedOn() });
    expect(firstError(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.servedOn', reason });
    expect(await stateOf(volunteerId)).toEqual(before);
  });

  it('accepts service today and on 2000-01-01', async () => {
    for (const servedOn of [today, '2000-01-01']) {
      const result = await record(admin, volunteerId, { servedOn });
      expectNoErrors(result);
      expect(result.data!.recordService.servedOn).toBe(servedOn);
    }
  });

  it('returns the first record when the same source is recorded again, even with other hours', async () => {
    const source = { type: 'ACTIVITY', reference: 'ACT-2026-0001' };
    const first = await recorded(volunteerId, { source, hours: 2, servedOn: day(3) });
    const before = await stateOf(volunteerId);
    const again = await record(admin, volunteerId, { source, hours: 5, servedOn: day(4), content: '另一次活动' });
    expectNoErrors(again);
    expect(again.data!.recordService).toMatchObject({ id: first.id, hours: 2, servedOn: day(3) });
    expect(await stateOf(volunteerId)).toEqual(before);
    // The same reference with another type is another source.
    const otherType = await record(admin, volunteerId, { source: { type: 'MANUAL', reference: 'ACT-2026-0001' }, servedOn: day(3) });
    expectNoErrors(otherType);
    expect(otherType.data!.recordService.id).not.toBe(first.id);
  });

  it('writes one row for concurrent identical requests', async () => {
    const other = await f.register(station.id);
    const input = recordInput(other, { source: { type: 'TICKET', reference: 'T-CONCURRENT-1' }, hours: 3 });
    const results = await Promise.all(Array.from({ length: 10 }, () => f.request<{ recordService: Rec }>(RECORD, { input }, { token: admin })));
    results.forEach(expectNoErrors);
    expect(new Set(results.map((result) => result.data!.recordService.id)).size).toBe(1);
    expect(await f.server.db.getRepository(ServiceRecord).countBy({ volunteerId: other })).toBe(1);
  });

  describe('the daily limit of 24 hours', () => {
    it('adds up the records of a day, and a day more is refused', async () => {
      const other = await f.register(station.id);
      await recorded(other, { hours: 10, servedOn: day(2) });
      await recorded(other, { hours: 10, servedOn: day(2), siteId: otherStation.id });
      const before = await stateOf(other);
      const over = await record(admin, other, { hours: 4.01, servedOn: day(2) });
      expect(firstError(over)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.hours', reason: 'DAILY_LIMIT_EXCEEDED' });
      expect(await stateOf(other)).toEqual(before);
      await recorded(other, { hours: 4, servedOn: day(2) });
      const full = await record(admin, other, { hours: 0.01, servedOn: day(2) });
      expect(firstError(full)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.hours', reason: 'DAILY_LIMIT_EXCEEDED' });
      // Another day is not affected.
      await recorded(other, { hours: 24, servedOn: day(3) });
    });

    it('does not count rejected records', async () => {
      const other = await f.register(station.id);
      const first = await recorded(other, { hours: 20, servedOn: day(2) });
      expect(firstError(await record(admin, other, { hours: 5, servedOn: day(2) }))).toMatchObject({ reason: 'DAILY_LIMIT_EXCEEDED' });
      expectNoErrors(await reject(admin, first.id));
      const again = await record(admin, other, { hours: 24, servedOn: day(2) });
      expectNoErrors(again);
    });

    it('counts verified records', async () => {
      const other = await f.register(station.id);
      const first = await recorded(other, { hours: 20, servedOn: day(2) });
      expectNoErrors(await verify(admin, first.id));
      expect(firstError(await record(admin, other, { hours: 5, servedOn: day(2) }))).toMatchObject({ reason: 'DAILY_LIMIT_EXCEEDED' });
    });

    it('holds under concurrent records for the same day: 6 × 5 hours, exactly 4 are written', async () => {
      const other = await f.register(station.id);
      const results = await Promise.all(Array.from({ length: 6 }, () => record(admin, other, { hours: 5, servedOn: day(2) })));
      const written = results.filter((result) => !result.errors);
      const refused = results.filter((result) => result.errors);
      expect(written).toHaveLength(4);
      for (const result of refused) expect(firstError(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.hours', reason: 'DAILY_LIMIT_EXCEEDED' });
      const rows = await f.server.db.getRepository(ServiceRecord).findBy({ volunteerId: other });
      expect(rows).toHaveLength(4);
      expect(rows.reduce((sum, row) => sum + row.hoursHundredths, 0)).toBe(2000);
    });
  });
});

describe('verifyServiceRecord and rejectServiceRecord', () => {
  let volunteerId: string;
  let dayIndex = 0;
  beforeAll(async () => {
    volunteerId = await f.register(station.id, { name: '周立新' });
  });

  type Outcome = { code?: string; reason?: string };
  const CASES: [string, Caller, () => string, Outcome][] = [
    ['an anonymous caller', anonymous, () => station.id, { code: 'UNAUTHENTICATED' }],
    ['a manager of the site where the service took place', as(Role.SITE_MANAGER, () => [station.id]), () => station.id, {}],
    ['a manager of the institute above that site', as(Role.SITE_MANAGER, () => [institute.id]), () => station.id, {}],
    ['a manager of the site of service that is not the home site', as(Role.SITE_MANAGER, () => [otherStation.id]), () => otherStation.id, {}],
    ['an admin', as(Role.ADMIN), () => station.id, {}],
    [
      'a manager of only the home site, when the service was elsewhere',
      as(Role.SITE_MANAGER, () => [station.id]),
      () => otherStation.id,
      { code: 'FORBIDDEN', reason: 'NOT_SITE_MANAGER' },
    ],
    ['a manager of a sibling station', as(Role.SITE_MANAGER, () => [siblingStation.id]), () => station.id, { code: 'FORBIDDEN', reason: 'NOT_SITE_MANAGER' }],
    ['an agency admin', as(Role.AGENCY_ADMIN, () => [subcenter.id]), () => station.id, { code: 'FORBIDDEN' }],
    ['an analyst', as(Role.ANALYST), () => station.id, { code: 'FORBIDDEN' }],
    ['a citizen', as(Role.CITIZEN), () => station.id, { code: 'FORBIDDEN' }],
    ['the volunteer', self, () => station.id, { code: 'FORBIDDEN' }],
    [
      'a manager of the site who is the volunteer',
      (id) => f.token(Role.SITE_MANAGER, { siteIds: [station.id], volunteerId: id, subject: 'manager-and-volunteer' }),
      () => station.id,
      { code: 'FORBIDDEN', reason: 'OWN_RECORD' },
    ],
    [
      'a manager of the center who is the volunteer',
      (id) => f.token(Role.SITE_MANAGER, { siteIds: [center.id], volunteerId: id, subject: 'center-manager-and-volunteer' }),
      () => station.id,
      { code: 'FORBIDDEN', reason: 'OWN_RECORD' },
    ],
  ];

  describe.each([
    ['verify', 'VERIFIED', (token: string | undefined, id: string) => verify(token, id)],
    ['reject', 'REJECTED', (token: string | undefined, id: string) => reject(token, id)],
  ])('%s', (_action, status, review) => {
    it.each(CASES)('by %s', async (_who, caller, siteId, expected) => {
      const pending = await recorded(volunteerId, { siteId: siteId(), servedOn: day(++dayIndex), hours: 2 });
      const before = await stateOf(volunteerId);
      const result = await review(await caller(volunteerId), pending.id);
      if (expected.code) {
        expect(firstError(result)).toMatchObject(expected);
        expect(await stateOf(volunteerId)).toEqual(before);
        return;
      }
      expectNoErrors(result);
      const reviewed = Object.values(result.data!)[0] as Rec;
      expect(reviewed).toMatchObject({ id: pending.id, status });
      expect(reviewed.reviewedBy).toEqual(expect.any(String));
      expect(reviewed.reviewedAt).toEqual(expect.any(String));
    });
  });

  it('verifying adds the hours, updates the star level and earns points rounded down, with one entry linked to the record', async () => {
    const other = await f.register(station.id);
    const pending = await recorded(other, { hours: 1.55 });
    const manager = await f.token(Role.SITE_MANAGER, { siteIds: [station.id], subject: 'station-manager-wu' });
    const result = await verify(manager, pending.id);
    expectNoErrors(result);
    const verified = result.data!.verifyServiceRecord;
    expect(verified).toMatchObject({ id: pending.id, status: 'VERIFIED', hours: 1.55, reviewedBy: 'station-manager-wu', rejectionReason: null });
    expect(Date.parse(verified.reviewedAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect(await standing(other)).toEqual({
      verifiedHours: 1.55,
      starLevel: { level: 0, verifiedHours: 1.55, nextLevel: 1, nextLevelHours: 100, hoursToNextLevel: 98.45 },
      points: { balance: 15, entries: { totalCount: 1, edges: [{ node: { kind: 'EARNED', points: 15, balanceAfter: 15, reason: null } }] } },
    });
    const entries = await f.server.db.getRepository(PointsEntry).findBy({ volunteerId: other });
    expect(entries).toEqual([
      expect.objectContaining({ kind: 'EARNED', points: 15, balanceAfter: 15, serviceRecordId: pending.id, createdBy: 'station-manager-wu' }),
    ]);

    // Verifying again changes nothing: the hours and points are not doubled.
    const before = await stateOf(other);
    const again = await verify(manager, pending.id);
    expectNoErrors(again);
    expect(again.data!.verifyServiceRecord).toMatchObject({ status: 'VERIFIED', reviewedBy: 'station-manager-wu' });
    expect(await stateOf(other)).toEqual(before);
    expect((await standing(other)).verifiedHours).toBe(1.55);
  });

  it('adds the hours once when the same record is verified concurrently', async () => {
    const other = await f.register(station.id);
    const pending = await recorded(other, { hours: 3 });
    const manager = await f.token(Role.SITE_MANAGER, { siteIds: [station.id] });
    const results = await Promise.all(Array.from({ length: 10 }, () => verify(manager, pending.id)));
    for (const result of results) {
      expectNoErrors(result);
      expect(result.data!.verifyServiceRecord.status).toBe('VERIFIED');
    }
    const state = await stateOf(other);
    expect(state).toMatchObject({ verifiedHundredths: 300, pointsBalance: 30 });
    expect(state.entries).toHaveLength(1);
  });

  it('moves the star level across thresholds and the star-level filter follows', async () => {
    const other = await f.register(station.id, { name: '钱晓梅' });
    const levelsOf = async (starLevels: number[]) => {
      const result = await f.request<{ volunteers: { edges: { node: { id: string } }[] } }>(
        `query($filter: VolunteerFilter) { volunteers(filter: $filter, first: 500) { edges { node { id } } } }`,
        { filter: { siteId: station.id, starLevels } },
      );
      expectNoErrors(result);
      return result.data!.volunteers.edges.map((edge) => edge.node.id);
    };
    expect(await levelsOf([0])).toContain(other);
    for (let n = 1; n <= 5; n++) {
      const pending = await recorded(other, { hours: 20, servedOn: day(n) });
      expectNoErrors(await verify(admin, pending.id));
    }
    expect((await standing(other)).starLevel).toEqual({ level: 1, verifiedHours: 100, nextLevel: 2, nextLevelHours: 300, hoursToNextLevel: 200 });
    expect((await standing(other)).points!.balance).toBe(1000);
    expect(await levelsOf([1])).toContain(other);
    expect(await levelsOf([0])).not.toContain(other);
    expect(await levelsOf([2, 3])).not.toContain(other);
  });

  it('refuses to verify a rejected record and to reject a verified one', async () => {
    const other = await f.register(station.id);
    const rejected = await recorded(other, { servedOn: day(2) });
    expectNoErrors(await reject(admin, rejected.id));
    const verified = await recorded(other, { servedOn: day(3) });
    expectNoErrors(await verify(admin, verified.id));
    const before = await stateOf(other);
    expect(firstError(await verify(admin, rejected.id))).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_REVIEWED' });
    expect(firstError(await reject(admin, verified.id))).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_REVIEWED' });
    expect(await stateOf(other)).toEqual(before);
  });

  it('rejects with a reason, keeps who and when, and rejecting again changes nothing', async () => {
    const other = await f.register(station.id);
    const pending = await recorded(other);
    const manager = await f.token(Role.SITE_MANAGER, { siteIds: [institute.id], subject: 'institute-manager-zhao' });
    const before = await stateOf(other);
    for (const reason of ['', '说', ' 前后有空格 ']) {
      const result = await reject(manager, pending.id, reason);
      expect(firstError(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
    }
    expect(await stateOf(other)).toEqual(before);
    const result = await reject(manager, pending.id, '当天未在站点签到');
    expectNoErrors(result);
    expect(result.data!.rejectServiceRecord).toMatchObject({
      status: 'REJECTED',
      reviewedBy: 'institute-manager-zhao',
      rejectionReason: '当天未在站点签到',
    });
    expect(result.data!.rejectServiceRecord.reviewedAt).toEqual(expect.any(String));
    const after = await stateOf(other);
    expect(after).toMatchObject({ verifiedHundredths: 0, pointsBalance: 0, entries: [] });
    const again = await reject(admin, pending.id, '另一个理由');
    expectNoErrors(again);
    expect(again.data!.rejectServiceRecord).toMatchObject({ reviewedBy: 'institute-manager-zhao', rejectionReason: '当天未在站点签到' });
    expect(await stateOf(other)).toEqual(after);
  });

  it('answers NOT_FOUND for an unknown record', async () => {
    expect(firstError(await verify(admin, uuidv7()))).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    expect(firstError(await reject(admin, uuidv7()))).toMatchObject({ code: 'NOT_FOUND', field: 'input.id' });
  });
});

describe('star levels are configuration', () => {
  it('uses STAR_THRESHOLDS and POINTS_PER_HOUR', async () => {
    const g = await startVolunteers({ env: { STAR_THRESHOLDS: '1,2,3', POINTS_PER_HOUR: '3' } });
    try {
      const gAdmin = await g.token(Role.ADMIN);
      const home = await g.childOf(await g.site(SiteKind.INSTITUTE, 2), 0);
      const rules = await g.request<{ starLevelRules: { level: number; minimumHours: number }[] }>(`{ starLevelRules { level minimumHours } }`);
      expect(rules.data!.starLevelRules).toEqual([
        { level: 1, minimumHours: 1 },
        { level: 2, minimumHours: 2 },
        { level: 3, minimumHours: 3 },
      ]);
      const volunteerId = await g.register(home.id);
      const idle = await g.register(home.id);
      const recordAndVerify = async (hours: number, servedOn: string) => {
        const result = await g.request<{ recordService: Rec }>(
          RECORD,
          { input: { ...recordInput(volunteerId), siteId: home.id, hours, servedOn } },
          { token: gAdmin },
        );
        expectNoErrors(result);
        expectNoErrors(await g.request(VERIFY, { id: result.data!.recordService.id }, { token: gAdmin }));
      };
      const standingIn = async () => (await g.request<{ volunteer: Standing }>(STANDING, { id: volunteerId }, { token: gAdmin })).data!.volunteer;
      const atLevels = async (starLevels: number[]) => {
        const result = await g.request<{ volunteers: { edges: { node: { id: string } }[] } }>(
          `query($filter: VolunteerFilter) { volunteers(filter: $filter) { edges { node { id } } } }`,
          { filter: { siteId: home.id, starLevels } },
        );
        expectNoErrors(result);
        return result.data!.volunteers.edges.map((edge) => edge.node.id).sort();
      };

      await recordAndVerify(2, day(1));
      const two = await standingIn();
      expect(two.starLevel).toEqual({ level: 2, verifiedHours: 2, nextLevel: 3, nextLevelHours: 3, hoursToNextLevel: 1 });
      expect(two.points!.balance).toBe(6);
      expect(await atLevels([2])).toEqual([volunteerId]);
      expect(await atLevels([0])).toEqual([idle]);
      expect(await atLevels([1, 3])).toEqual([]);
      expect(await atLevels([0, 2])).toEqual([volunteerId, idle].sort());

      await recordAndVerify(1.5, day(2));
      const top = await standingIn();
      expect(top.starLevel).toEqual({ level: 3, verifiedHours: 3.5, nextLevel: null, nextLevelHours: null, hoursToNextLevel: null });
      // 1.5 hours at 3 points an hour: 4.5, rounded down per record.
      expect(top.points!.balance).toBe(10);
      expect(await atLevels([3])).toEqual([volunteerId]);
      expect(await atLevels([4])).toEqual([]);
    } finally {
      await g.close();
    }
  });

  it('lists the national thresholds by default', async () => {
    const rules = await f.request<{ starLevelRules: { level: number; minimumHours: number }[] }>(`{ starLevelRules { level minimumHours } }`);
    expect(rules.data!.starLevelRules.map((rule) => rule.minimumHours)).toEqual([100, 300, 600, 1000, 1500]);
  });

  it.each(['300,100', '100,100', '0,100', 'many'])('refuses to start with STAR_THRESHOLDS=%p', (value) => {
    const load = () => loadSubgraphConfig('volunteers', 4002, { NODE_ENV: 'test', STAR_THRESHOLDS: value }, volunteersEnv);
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/STAR_THRESHOLDS/);
  });

  it('starts with valid thresholds', () => {
    const config = loadSubgraphConfig('volunteers', 4002, { NODE_ENV: 'test', STAR_THRESHOLDS: '10, 20.5,40' }, volunteersEnv);
    expect(config.settings.STAR_THRESHOLDS).toEqual([10, 20.5, 40]);
  });
});

describe('reading service records', () => {
  const LIST = `query($filter: ServiceRecordFilter, $first: Int, $after: String) {
    serviceRecords(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id servedOn status sourceType } }
    }
  }`;
  type Page = {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: { id: string; servedOn: string } }[];
  };

  let readInstitute: Site;
  let rs1: Site;
  let rs2: Site;
  let farInstitute: Site;
  let fs1: Site;
  let a: string;
  let b: string;
  let c: string;
  /** r1: a at rs1 (verified); r2: a at fs1 (ticket); r3: b at rs1; r4: b at fs1 (rejected); r5: c at rs2 (import, verified). */
  const r: Record<string, string> = {};

  beforeAll(async () => {
    readInstitute = await f.site(SiteKind.INSTITUTE, 7);
    rs1 = await stationOf(readInstitute, 0);
    rs2 = await stationOf(readInstitute, 1);
    farInstitute = await f.site(SiteKind.INSTITUTE, 8);
    fs1 = await stationOf(farInstitute, 0);
    a = await f.register(rs1.id, { name: '孙甲' });
    b = await f.register(fs1.id, { name: '孙乙' });
    c = await f.register(rs2.id, { name: '孙丙' });
    r.r1 = (await recorded(a, { siteId: rs1.id, servedOn: day(1), source: { type: 'ACTIVITY', reference: 'read-1' } })).id;
    r.r2 = (await recorded(a, { siteId: fs1.id, servedOn: day(2), source: { type: 'TICKET', reference: 'read-2' } })).id;
    r.r3 = (await recorded(b, { siteId: rs1.id, servedOn: day(3), source: { type: 'MANUAL', reference: 'read-3' } })).id;
    r.r4 = (await recorded(b, { siteId: fs1.id, servedOn: day(4), source: { type: 'TICKET', reference: 'read-4' } })).id;
    r.r5 = (await recorded(c, { siteId: rs2.id, servedOn: day(5), source: { type: 'IMPORT', reference: 'read-5' } })).id;
    expectNoErrors(await verify(admin, r.r1));
    expectNoErrors(await reject(admin, r.r4));
    expectNoErrors(await verify(admin, r.r5));
  });

  const ids = (page: Page) => page.edges.map((edge) => edge.node.id);
  async function list(token: string | undefined, variables: Record<string, unknown> = {}): Promise<Page> {
    const result = await f.request<{ serviceRecords: Page }>(LIST, variables, { token });
    expectNoErrors(result);
    return result.data!.serviceRecords;
  }

  const READERS: [string, () => Promise<string | undefined>, string[]][] = [
    ['an anonymous caller', async () => undefined, []],
    ['a citizen', () => f.token(Role.CITIZEN, { subject: 'some-citizen' }), []],
    ['volunteer a', () => f.token(Role.VOLUNTEER, { volunteerId: a, subject: 'volunteer-a' }), ['r1', 'r2']],
    ['volunteer b', () => f.token(Role.VOLUNTEER, { volunteerId: b, subject: 'volunteer-b' }), ['r3', 'r4']],
    ['a manager of rs1 (a’s home; r3 took place there)', () => f.token(Role.SITE_MANAGER, { siteIds: [rs1.id] }), ['r1', 'r2', 'r3']],
    ['a manager of rs2', () => f.token(Role.SITE_MANAGER, { siteIds: [rs2.id] }), ['r5']],
    ['a manager of the institute above rs1 and rs2', () => f.token(Role.SITE_MANAGER, { siteIds: [readInstitute.id] }), ['r1', 'r2', 'r3', 'r5']],
    ['a manager of fs1 (b’s home; r2 took place there)', () => f.token(Role.SITE_MANAGER, { siteIds: [fs1.id] }), ['r2', 'r3', 'r4']],
    ['a manager of rs1 and fs1', () => f.token(Role.SITE_MANAGER, { siteIds: [rs1.id, fs1.id] }), ['r1', 'r2', 'r3', 'r4']],
    ['an analyst', () => f.token(Role.ANALYST), ['r1', 'r2', 'r3', 'r4', 'r5']],
    ['an admin', () => f.token(Role.ADMIN), ['r1', 'r2', 'r3', 'r4', 'r5']],
  ];

  it.each(READERS)('serviceRecord(id) as %s', async (_who, token, readable) => {
    const caller = await token();
    for (const name of ['r1', 'r2', 'r3', 'r4', 'r5']) {
      const result = await f.request<{ serviceRecord: { id: string } | null }>(
        `query($id: ID!) { serviceRecord(id: $id) { id } }`,
        { id: r[name] },
        { token: caller },
      );
      expectNoErrors(result);
      expect({ name, found: result.data!.serviceRecord?.id ?? null }).toEqual({ name, found: readable.includes(name) ? r[name] : null });
    }
  });

  it.each(READERS.filter(([who]) => who !== 'an anonymous caller'))('serviceRecords as %s', async (_who, token, readable) => {
    const page = await list(await token(), { first: 500 });
    const mine = Object.values(r);
    const expected = readable.map((name) => r[name]);
    // Analysts and admins read every record of the file; the others exactly theirs.
    if (expected.length === 5) expect(ids(page)).toEqual(expect.arrayContaining(expected));
    else {
      expect(
        ids(page)
          .filter((id) => mine.includes(id))
          .sort(),
      ).toEqual([...expected].sort());
      expect(ids(page).sort()).toEqual([...expected].sort());
      expect(page.totalCount).toBe(expected.length);
    }
  });

  it('serviceRecords needs a signed-in caller', async () => {
    const result = await f.request(LIST, {});
    expect(firstError(result).code).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['a volunteer', () => ({ volunteerId: a }), ['r1', 'r2']],
    ['a site and its subtree', () => ({ siteId: readInstitute.id }), ['r1', 'r3', 'r5']],
    ['a station', () => ({ siteId: fs1.id }), ['r2', 'r4']],
    ['statuses', () => ({ siteId: readInstitute.id, statuses: ['VERIFIED'] }), ['r1', 'r5']],
    ['several statuses', () => ({ volunteerId: b, statuses: ['PENDING', 'REJECTED'] }), ['r3', 'r4']],
    ['a source type', () => ({ siteId: farInstitute.id, sourceType: 'TICKET' }), ['r2', 'r4']],
    ['a period', () => ({ siteId: readInstitute.id, from: day(4), to: day(2) }), ['r3']],
    ['a start only', () => ({ siteId: readInstitute.id, from: day(3) }), ['r1', 'r3']],
    ['an end only', () => ({ siteId: readInstitute.id, to: day(3) }), ['r3', 'r5']],
    ['a one-day period', () => ({ volunteerId: a, from: day(2), to: day(2) }), ['r2']],
  ])('filters by %s, newest day first', async (_name, filter, expected) => {
    const page = await list(admin, { filter: filter() });
    expect(ids(page)).toEqual(expected.map((name) => r[name]));
    expect(page.totalCount).toBe(expected.length);
  });

  it('refuses a reversed period', async () => {
    const result = await f.request(LIST, { filter: { from: day(1), to: day(3) } }, { token: admin });
    expect(firstError(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.to', reason: 'PERIOD_REVERSED' });
  });

  it.each([
    [{ from: '2026-02-30' }, { field: 'filter.from', reason: 'INVALID_DATE' }],
    [{ to: '2026-13-01' }, { field: 'filter.to', reason: 'INVALID_DATE' }],
    [
      { from: '2026-02-30', to: '2026-03-31' },
      { field: 'filter.from', reason: 'INVALID_DATE' },
    ],
    [{ from: '26-1-1' }, { field: 'filter.from' }],
  ])('refuses the dates %p', async (filter, expected) => {
    const result = await f.request(LIST, { filter }, { token: admin });
    expect(firstError(result)).toMatchObject({ code: 'BAD_USER_INPUT', ...expected });
  });

  it('pages newest day first with cursors, for the volunteer and in Volunteer.serviceRecords', async () => {
    const pagingStation = await stationOf(await f.site(SiteKind.INSTITUTE, 10), 0);
    const volunteerId = await f.register(pagingStation.id);
    const days = [1, 1, 1, 2, 3, 6, 9];
    for (const n of days) await recorded(volunteerId, { siteId: pagingStation.id, servedOn: day(n) });
    const rows = await f.server.db.getRepository(ServiceRecord).findBy({ volunteerId });
    const expected = rows
      .map((row) => ({ id: row.id, servedOn: row.servedOn }))
      .sort((x, y) => (x.servedOn === y.servedOn ? (x.id < y.id ? 1 : -1) : x.servedOn < y.servedOn ? 1 : -1))
      .map((row) => row.id);
    const token = await f.token(Role.VOLUNTEER, { volunteerId, subject: 'paging-volunteer' });

    const seen: string[] = [];
    let after: string | null = null;
    for (let pageNumber = 0; pageNumber < 4; pageNumber++) {
      const page = await list(token, { first: 2, after });
      expect(page.totalCount).toBe(days.length);
      seen.push(...ids(page));
      expect(page.pageInfo.hasNextPage).toBe(pageNumber < 3);
      after = page.pageInfo.endCursor;
      expect(after).toBe(page.edges[page.edges.length - 1].cursor);
    }
    expect(seen).toEqual(expected);

    const nested: string[] = [];
    after = null;
    do {
      const result: GraphQLResult<{ volunteer: { serviceRecords: Page } }> = await f.request(
        `query($id: ID!, $after: String) { volunteer(id: $id) { serviceRecords(first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id servedOn } } } } }`,
        { id: volunteerId, after },
        { token },
      );
      expectNoErrors(result);
      const page = result.data!.volunteer.serviceRecords;
      expect(page.totalCount).toBe(days.length);
      nested.push(...ids(page));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(nested).toEqual(expected);

    expect(firstError(await f.request(LIST, { first: 2, after: 'not-a-cursor' }, { token }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(firstError(await f.request(LIST, { first: 0 }, { token }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(firstError(await f.request(LIST, { first: 501 }, { token }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it.each([
    ['an anonymous caller', async () => undefined, false, false],
    ['a stranger (citizen)', () => f.token(Role.CITIZEN, { subject: 'stranger' }), false, false],
    ['another volunteer', () => f.token(Role.VOLUNTEER, { volunteerId: b, subject: 'volunteer-b' }), false, false],
    ['a manager of a site where the volunteer served, not the home', () => f.token(Role.SITE_MANAGER, { siteIds: [fs1.id] }), false, false],
    ['the volunteer', () => f.token(Role.VOLUNTEER, { volunteerId: a, subject: 'volunteer-a' }), true, true],
    ['a manager of the home site', () => f.token(Role.SITE_MANAGER, { siteIds: [rs1.id] }), true, true],
    ['a manager of the institute above the home site', () => f.token(Role.SITE_MANAGER, { siteIds: [readInstitute.id] }), true, true],
    ['an analyst', () => f.token(Role.ANALYST), true, false],
    ['an admin', () => f.token(Role.ADMIN), true, true],
  ])('Volunteer.serviceRecords and points: %s', async (_who, token, records, points) => {
    const result = await f.request<{ volunteer: { serviceRecords: { totalCount: number } | null; points: { balance: number } | null } }>(
      `query($id: ID!) { volunteer(id: $id) { serviceRecords { totalCount } points { balance } } }`,
      { id: a },
      { token: await token() },
    );
    expectNoErrors(result);
    expect(result.data!.volunteer.serviceRecords).toEqual(records ? { totalCount: 2 } : null);
    // r1 (1 hour, verified) earned 10 points.
    expect(result.data!.volunteer.points).toEqual(points ? { balance: 10 } : null);
  });
});
