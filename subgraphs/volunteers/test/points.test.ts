import { Role, uuidv7, addDays, todayInChina } from '@practice/common';
import { firstError } from '@practice/common/testing';
import { Site } from '@practice/sites/site/site.entity';
import { SiteKind, SiteStatus } from '@practice/sites/site/site.enums';
import { PointsEntry } from '../src/points/points-entry.entity';
import { Volunteer } from '../src/volunteer/volunteer.entity';
import { VolunteersFixture, expectNoErrors, startVolunteers } from './fixture';

const ENTRY_FIELDS = `id kind points balanceAfter reason createdBy`;
const REDEEM = `mutation($input: RedeemPointsInput!) { redeemPoints(input: $input) { ${ENTRY_FIELDS} } }`;
const ADJUST = `mutation($input: AdjustPointsInput!) { adjustPoints(input: $input) { ${ENTRY_FIELDS} } }`;
const LEDGER = `query($id: ID!, $first: Int, $after: String) {
  volunteer(id: $id) {
    points {
      balance
      entries(first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { cursor node { kind points balanceAfter reason } }
      }
    }
  }
}`;

interface Entry {
  id: string;
  kind: string;
  points: number;
  balanceAfter: number;
  reason: string | null;
  createdBy: string;
}
type EntryNode = Pick<Entry, 'kind' | 'points' | 'balanceAfter' | 'reason'>;
interface Ledger {
  balance: number;
  entries: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string; node: EntryNode }[] };
}

let f: VolunteersFixture;
let admin: string;
let institute: Site;
let station: Site;
let siblingStation: Site;

beforeAll(async () => {
  f = await startVolunteers();
  admin = await f.token(Role.ADMIN, { subject: 'points-admin' });
  institute = await f.site(SiteKind.INSTITUTE, 3);
  station = await stationOf(institute, 0);
  siblingStation = await stationOf(institute, 1);
});
afterAll(() => f.close());

/** An active station below an institute (the nth by code); the first children by code are often points. */
const stationOf = async (institute: Site, index = 0): Promise<Site> =>
  (
    await f.sites.db
      .getRepository(Site)
      .find({ where: { parentId: institute.id, kind: SiteKind.STATION, status: SiteStatus.ACTIVE }, order: { code: 'ASC' }, skip: index, take: 1 })
  )[0];

let serial = 0;
const key = () => `req-${process.pid}-${++serial}`;

const redeem = (token: string | undefined, volunteerId: string, points: number, requestKey = key(), reason = '爱心超市兑换大米') =>
  f.request<{ redeemPoints: Entry }>(REDEEM, { input: { volunteerId, points, reason, requestKey } }, { token });
const adjust = (token: string | undefined, volunteerId: string, points: number, requestKey = key(), reason = '补录2025年服务积分') =>
  f.request<{ adjustPoints: Entry }>(ADJUST, { input: { volunteerId, points, reason, requestKey } }, { token });

/** A volunteer at the station with `points` points, given by an admin. */
async function volunteerWith(points: number): Promise<string> {
  const id = await f.register(station.id);
  if (points) expectNoErrors(await adjust(admin, id, points));
  return id;
}

/** The balance kept on the volunteer row and the ledger, straight from the database. */
async function stateOf(volunteerId: string) {
  const db = f.server.db;
  const { pointsBalance } = await db.getRepository(Volunteer).findOneByOrFail({ id: volunteerId });
  const entries = await db.getRepository(PointsEntry).find({ where: { volunteerId }, order: { id: 'ASC' } });
  return { pointsBalance, entries };
}

async function ledger(volunteerId: string, variables: { first?: number; after?: string | null } = {}, token = admin): Promise<Ledger> {
  const result = await f.request<{ volunteer: { points: Ledger } }>(LEDGER, { id: volunteerId, ...variables }, { token });
  expectNoErrors(result);
  return result.data!.volunteer.points;
}

/** The balance on every volunteer row equals the sum of its ledger. */
async function expectBalancesMatchLedgers(): Promise<void> {
  const rows: { id: string; balance: number | string; ledger: number | string | null }[] = await f.server.db.query(
    'SELECT v.id AS id, v.points_balance AS balance, (SELECT SUM(e.points) FROM points_entry e WHERE e.volunteer_id = v.id) AS ledger FROM volunteer v',
  );
  for (const row of rows) expect({ id: row.id, balance: Number(row.balance) }).toEqual({ id: row.id, balance: Number(row.ledger ?? 0) });
}

describe('redeemPoints', () => {
  type Caller = (volunteerId: string) => Promise<string | undefined>;
  it.each<[string, Caller, string | undefined]>([
    ['an anonymous caller', async () => undefined, 'UNAUTHENTICATED'],
    ['the volunteer', (id) => f.token(Role.VOLUNTEER, { volunteerId: id, subject: `self-${id}` }), undefined],
    ['a manager of the home site', () => f.token(Role.SITE_MANAGER, { siteIds: [station.id] }), undefined],
    ['a manager of the institute above the home site', () => f.token(Role.SITE_MANAGER, { siteIds: [institute.id] }), undefined],
    ['an admin', () => f.token(Role.ADMIN), undefined],
    ['a manager of a sibling station', () => f.token(Role.SITE_MANAGER, { siteIds: [siblingStation.id] }), 'FORBIDDEN'],
    ['another volunteer', () => f.token(Role.VOLUNTEER, { volunteerId: uuidv7(), subject: 'other-volunteer' }), 'FORBIDDEN'],
    ['a citizen', () => f.token(Role.CITIZEN), 'FORBIDDEN'],
    ['an analyst', () => f.token(Role.ANALYST), 'FORBIDDEN'],
  ])('by %s', async (_who, caller, code) => {
    const volunteerId = await volunteerWith(100);
    const before = await stateOf(volunteerId);
    const result = await redeem(await caller(volunteerId), volunteerId, 30);
    if (code) {
      expect(firstError(result).code).toBe(code);
      expect(await stateOf(volunteerId)).toEqual(before);
      return;
    }
    expectNoErrors(result);
    expect(result.data!.redeemPoints).toMatchObject({ kind: 'REDEEMED', points: -30, balanceAfter: 70, reason: '爱心超市兑换大米' });
    const after = await stateOf(volunteerId);
    expect(after.pointsBalance).toBe(70);
    expect(after.entries).toHaveLength(2);
  });

  it('refuses more than the balance and writes nothing', async () => {
    const volunteerId = await volunteerWith(50);
    const before = await stateOf(volunteerId);
    const result = await redeem(admin, volunteerId, 51);
    expect(firstError(result)).toMatchObject({ code: 'CONFLICT', reason: 'INSUFFICIENT_POINTS', field: 'input.points' });
    expect(await stateOf(volunteerId)).toEqual(before);
    // The whole balance may be spent.
    const all = await redeem(admin, volunteerId, 50);
    expectNoErrors(all);
    expect(all.data!.redeemPoints.balanceAfter).toBe(0);
    expect(firstError(await redeem(admin, volunteerId, 1))).toMatchObject({ code: 'CONFLICT', reason: 'INSUFFICIENT_POINTS' });
  });

  it('returns the first entry for the same request key and changes nothing', async () => {
    const volunteerId = await volunteerWith(100);
    const requestKey = key();
    const first = await redeem(admin, volunteerId, 40, requestKey);
    expectNoErrors(first);
    const before = await stateOf(volunteerId);
    const again = await redeem(admin, volunteerId, 40, requestKey, '另一个说明');
    expectNoErrors(again);
    expect(again.data!.redeemPoints).toEqual(first.data!.redeemPoints);
    expect(await stateOf(volunteerId)).toEqual(before);
    // The same key may be used by another volunteer.
    const otherVolunteer = await volunteerWith(100);
    expectNoErrors(await redeem(admin, otherVolunteer, 40, requestKey));
  });

  it('refuses the same request key with other points', async () => {
    const volunteerId = await volunteerWith(100);
    const requestKey = key();
    expectNoErrors(await redeem(admin, volunteerId, 40, requestKey));
    const before = await stateOf(volunteerId);
    expect(firstError(await redeem(admin, volunteerId, 41, requestKey))).toMatchObject({
      code: 'CONFLICT',
      reason: 'REQUEST_KEY_REUSED',
      field: 'input.requestKey',
    });
    // An adjustment with a redemption's key is another request too.
    expect(firstError(await adjust(admin, volunteerId, -40, requestKey))).toMatchObject({ code: 'CONFLICT', reason: 'REQUEST_KEY_REUSED' });
    expect(await stateOf(volunteerId)).toEqual(before);
  });

  it.each([
    ['no points', { points: 0 }, 'input.points'],
    ['negative points', { points: -5 }, 'input.points'],
    ['a short request key', { requestKey: 'short' }, 'input.requestKey'],
    ['no reason', { reason: '' }, 'input.reason'],
    ['a malformed volunteer id', { volunteerId: 'volunteer-1' }, 'input.volunteerId'],
  ])('refuses %s', async (_name, overrides, field) => {
    const volunteerId = await volunteerWith(100);
    const before = await stateOf(volunteerId);
    const result = await f.request(REDEEM, { input: { volunteerId, points: 10, reason: '兑换', requestKey: key(), ...overrides } }, { token: admin });
    expect(firstError(result)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await stateOf(volunteerId)).toEqual(before);
  });

  it('answers NOT_FOUND for an unknown volunteer', async () => {
    const before = await f.server.db.getRepository(PointsEntry).count();
    expect(firstError(await redeem(admin, uuidv7(), 10))).toMatchObject({ code: 'NOT_FOUND', field: 'input.volunteerId' });
    expect(await f.server.db.getRepository(PointsEntry).count()).toBe(before);
  });
});

describe('adjustPoints', () => {
  it.each<[string, () => Promise<string | undefined>, string]>([
    ['an anonymous caller', async () => undefined, 'UNAUTHENTICATED'],
    ['a manager of the home site', () => f.token(Role.SITE_MANAGER, { siteIds: [station.id] }), 'FORBIDDEN'],
    ['a citizen', () => f.token(Role.CITIZEN), 'FORBIDDEN'],
    ['an analyst', () => f.token(Role.ANALYST), 'FORBIDDEN'],
  ])('is refused to %s', async (_who, caller, code) => {
    const volunteerId = await volunteerWith(10);
    const before = await stateOf(volunteerId);
    expect(firstError(await adjust(await caller(), volunteerId, 50)).code).toBe(code);
    expect(await stateOf(volunteerId)).toEqual(before);
  });

  it('is refused to the volunteer', async () => {
    const volunteerId = await volunteerWith(10);
    const before = await stateOf(volunteerId);
    const token = await f.token(Role.VOLUNTEER, { volunteerId, subject: 'greedy-volunteer' });
    expect(firstError(await adjust(token, volunteerId, 50))).toMatchObject({ code: 'FORBIDDEN', reason: 'ADMIN_ONLY' });
    expect(await stateOf(volunteerId)).toEqual(before);
  });

  it('moves the balance up and down with a reason, never below zero', async () => {
    const volunteerId = await volunteerWith(0);
    const up = await adjust(admin, volunteerId, 80, key(), '补录积分');
    expectNoErrors(up);
    expect(up.data!.adjustPoints).toMatchObject({ kind: 'ADJUSTED', points: 80, balanceAfter: 80, reason: '补录积分', createdBy: 'points-admin' });
    const down = await adjust(admin, volunteerId, -30, key(), '更正重复记录');
    expectNoErrors(down);
    expect(down.data!.adjustPoints).toMatchObject({ kind: 'ADJUSTED', points: -30, balanceAfter: 50 });
    const before = await stateOf(volunteerId);
    expect(firstError(await adjust(admin, volunteerId, -51))).toMatchObject({ code: 'CONFLICT', reason: 'INSUFFICIENT_POINTS' });
    expect(firstError(await adjust(admin, volunteerId, 0))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.points' });
    expect(firstError(await adjust(admin, volunteerId, 10, key(), ''))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
    expect(await stateOf(volunteerId)).toEqual(before);
    const toZero = await adjust(admin, volunteerId, -50);
    expectNoErrors(toZero);
    expect(toZero.data!.adjustPoints.balanceAfter).toBe(0);
    expect((await stateOf(volunteerId)).pointsBalance).toBe(0);
  });
});

describe('the ledger', () => {
  it('lists the entries newest first, with the balance after each, in pages', async () => {
    const volunteerId = await volunteerWith(0);
    expectNoErrors(await adjust(admin, volunteerId, 50, key(), '开户赠送'));
    expectNoErrors(await redeem(admin, volunteerId, 10, key(), '兑换毛巾'));
    expectNoErrors(await redeem(admin, volunteerId, 5, key(), '兑换肥皂'));
    expectNoErrors(await adjust(admin, volunteerId, -5, key(), '更正'));
    expectNoErrors(await redeem(admin, volunteerId, 12, key(), '兑换大米'));
    const expected: EntryNode[] = [
      { kind: 'REDEEMED', points: -12, balanceAfter: 18, reason: '兑换大米' },
      { kind: 'ADJUSTED', points: -5, balanceAfter: 30, reason: '更正' },
      { kind: 'REDEEMED', points: -5, balanceAfter: 35, reason: '兑换肥皂' },
      { kind: 'REDEEMED', points: -10, balanceAfter: 40, reason: '兑换毛巾' },
      { kind: 'ADJUSTED', points: 50, balanceAfter: 50, reason: '开户赠送' },
    ];

    const all = await ledger(volunteerId);
    expect(all.balance).toBe(18);
    expect(all.entries.totalCount).toBe(5);
    expect(all.entries.pageInfo.hasNextPage).toBe(false);
    expect(all.entries.edges.map((edge) => edge.node)).toEqual(expected);

    const seen: EntryNode[] = [];
    let after: string | null = null;
    const more: boolean[] = [];
    do {
      const page: Ledger = await ledger(volunteerId, { first: 2, after });
      expect(page.entries.totalCount).toBe(5);
      seen.push(...page.entries.edges.map((edge) => edge.node));
      more.push(page.entries.pageInfo.hasNextPage);
      after = page.entries.pageInfo.hasNextPage ? page.entries.pageInfo.endCursor : null;
    } while (after);
    expect(more).toEqual([true, true, false]);
    expect(seen).toEqual(expected);

    // The volunteer reads their own ledger.
    const own = await ledger(volunteerId, { first: 1 }, await f.token(Role.VOLUNTEER, { volunteerId, subject: 'ledger-volunteer' }));
    expect(own.entries.edges.map((edge) => edge.node)).toEqual(expected.slice(0, 1));

    const tooMany = await f.request(LEDGER, { id: volunteerId, first: 101 }, { token: admin });
    expect(firstError(tooMany)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const badCursor = await f.request(LEDGER, { id: volunteerId, after: 'nope' }, { token: admin });
    expect(firstError(badCursor)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('gives the ledgers of many volunteers in one list', async () => {
    const ids = [await volunteerWith(10), await volunteerWith(20), await volunteerWith(0)];
    const result = await f.request<{ volunteers: { edges: { node: { id: string; points: Ledger } }[] } }>(
      `query($siteId: ID!) { volunteers(filter: { siteId: $siteId }, first: 500) { edges { node { id points { balance entries(first: 1) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { kind points balanceAfter reason } } } } } } } }`,
      { siteId: station.id },
      { token: admin },
    );
    expectNoErrors(result);
    const byId = new Map(result.data!.volunteers.edges.map((edge) => [edge.node.id, edge.node.points]));
    expect(byId.get(ids[0])).toMatchObject({ balance: 10, entries: { totalCount: 1, edges: [{ node: { points: 10, balanceAfter: 10 } }] } });
    expect(byId.get(ids[1])).toMatchObject({ balance: 20, entries: { totalCount: 1, edges: [{ node: { points: 20, balanceAfter: 20 } }] } });
    expect(byId.get(ids[2])).toMatchObject({ balance: 0, entries: { totalCount: 0, edges: [] } });
  });
});

describe('concurrent redemptions', () => {
  it('never take the balance below zero: 30 × 30 points from 100, exactly 3 succeed', async () => {
    const volunteerId = await volunteerWith(100);
    const token = await f.token(Role.VOLUNTEER, { volunteerId, subject: 'racing-volunteer' });
    const results = await Promise.all(Array.from({ length: 30 }, (_, index) => redeem(token, volunteerId, 30, `race-${volunteerId}-${index}`)));
    const succeeded = results.filter((result) => !result.errors);
    const failed = results.filter((result) => result.errors);
    expect(succeeded).toHaveLength(3);
    expect(failed).toHaveLength(27);
    for (const result of failed) expect(firstError(result)).toMatchObject({ code: 'CONFLICT', reason: 'INSUFFICIENT_POINTS' });
    expect(succeeded.map((result) => result.data!.redeemPoints.balanceAfter).sort((x, y) => x - y)).toEqual([10, 40, 70]);

    const { pointsBalance, entries } = await stateOf(volunteerId);
    expect(pointsBalance).toBe(10);
    const redeemed = entries.filter((entry) => entry.kind === 'REDEEMED');
    expect(redeemed).toHaveLength(3);
    expect(redeemed.map((entry) => entry.balanceAfter).sort((x, y) => x - y)).toEqual([10, 40, 70]);
    expect(entries.reduce((sum, entry) => sum + entry.points, 0)).toBe(pointsBalance);

    // Read back newest first, the ledger tells the same story.
    const read = await ledger(volunteerId);
    expect(read.balance).toBe(10);
    expect(read.entries.edges.map((edge) => edge.node.balanceAfter)).toEqual([10, 40, 70, 100]);
  });

  it('create one entry for 20 concurrent redemptions with the same request key', async () => {
    const volunteerId = await volunteerWith(100);
    const requestKey = `same-${volunteerId}`;
    const results = await Promise.all(Array.from({ length: 20 }, () => redeem(admin, volunteerId, 25, requestKey)));
    results.forEach(expectNoErrors);
    expect(new Set(results.map((result) => result.data!.redeemPoints.id)).size).toBe(1);
    const { pointsBalance, entries } = await stateOf(volunteerId);
    expect(pointsBalance).toBe(75);
    expect(entries.filter((entry) => entry.kind === 'REDEEMED')).toHaveLength(1);
  });

  it('mixed with adjustments and earnings, keep every balance equal to its ledger, entry by entry', async () => {
    const volunteerId = await volunteerWith(60);
    const pending: string[] = [];
    for (let n = 1; n <= 4; n++) {
      const input = {
        volunteerId,
        siteId: station.id,
        servedOn: addDays(todayInChina(), -n),
        hours: 1.5,
        content: '积分超市值守',
        source: { type: 'MANUAL', reference: `mixed-${n}` },
      };
      const result = await f.request<{ recordService: { id: string } }>(
        `mutation($input: RecordServiceInput!) { recordService(input: $input) { id } }`,
        { input },
        { token: admin },
      );
      expectNoErrors(result);
      pending.push(result.data!.recordService.id);
    }
    const results = await Promise.all([
      ...Array.from({ length: 10 }, () => redeem(admin, volunteerId, 20)),
      ...Array.from({ length: 5 }, () => adjust(admin, volunteerId, 10)),
      ...Array.from({ length: 5 }, () => adjust(admin, volunteerId, -15)),
      ...pending.map((id) => f.request(`mutation($id: ID!) { verifyServiceRecord(id: $id) { id } }`, { id }, { token: admin })),
    ]);
    for (const result of results.filter((one) => one.errors)) expect(firstError(result)).toMatchObject({ code: 'CONFLICT', reason: 'INSUFFICIENT_POINTS' });
    const { pointsBalance, entries } = await stateOf(volunteerId);
    expect(entries.filter((entry) => entry.kind === 'EARNED').map((entry) => entry.points)).toEqual([15, 15, 15, 15]);
    // In the order of their ids (the ledger's order), each entry's balance is the one before plus its points.
    let running = 0;
    for (const entry of entries) {
      running += entry.points;
      expect(entry.balanceAfter).toBe(running);
      expect(entry.balanceAfter).toBeGreaterThanOrEqual(0);
    }
    expect(pointsBalance).toBe(running);
    await expectBalancesMatchLedgers();
  });
});
