import { GraphQLResult } from '@practice/common/testing';
import { Role } from '@practice/common';
import { Site } from '@practice/sites/site/site.entity';
import { SiteKind } from '@practice/sites/site/site.enums';
import { fillFirstDispatches } from '../src/migrations/1735000000001-TicketStats';
import { Ticket } from '../src/ticket/ticket.entity';
import { TicketChannel, TicketKind, TicketStatus } from '../src/ticket/ticket.enums';
import { SUBMIT, TicketsFixture, errorOf, expectNoErrors, requestInput, requestStatements, startTickets } from './fixture';
import { PAST, TicketSpec, writeTickets } from './stats-scene';

/**
 * ticketStats over tickets written with times of the test's choosing (see stats-scene.ts), every
 * figure against a value worked out by hand in the comments. The group limit is set to 12 so that
 * a day-by-day query can pass it.
 */
const MAX_GROUPS = 12;

let f: TicketsFixture;
let institute: Site;
let stationA1: Site;
let stationA2: Site;
let otherInstitute: Site;
let stationB1: Site;
let subCenter: Site;
let analyst: string;

const STATS = `query($filter: TicketStatsFilter!, $groupBy: [TicketDimension!]!, $regionLevel: RegionLevel, $first: Int) {
  ticketStats(filter: $filter, groupBy: $groupBy, regionLevel: $regionLevel, first: $first) {
    truncated asOf
    groups {
      key { month week day region site { __typename id } category { __typename code } status channel kind }
      count openCount completedCount rejectedCount cancelledCount duplicateCount overdueCount completionRate
      dispatchHours { measured average median p90 }
      completionHours { measured average median p90 }
      ratedCount averageRating
    }
  } }`;

interface Group {
  key: Record<string, unknown> & { site: { __typename: string; id: string } | null; category: { __typename: string; code: string } | null };
  count: number;
  openCount: number;
  completedCount: number;
  rejectedCount: number;
  cancelledCount: number;
  duplicateCount: number;
  overdueCount: number;
  completionRate: number | null;
  dispatchHours: { measured: number; average: number | null; median: number | null; p90: number | null };
  completionHours: { measured: number; average: number | null; median: number | null; p90: number | null };
  ratedCount: number;
  averageRating: number | null;
}
type Stats = { ticketStats: { truncated: boolean; asOf: string; groups: Group[] } };

const JAN_FEB = { from: '2025-01-01', to: '2025-02-28' };
const MARCH = { from: '2025-03-01', to: '2025-03-31' };

/** As the analyst unless another token (or null, for none) is given. */
function ask(variables: Record<string, unknown>, token: string | null = analyst): Promise<GraphQLResult<Stats>> {
  return f.request<Stats>(STATS, variables, token ? { token } : {});
}

async function groups(filter: Record<string, unknown>, groupBy: string[], extra: Record<string, unknown> = {}, token?: string): Promise<Group[]> {
  const result = await ask({ filter, groupBy, ...extra }, token ?? analyst);
  expectNoErrors(result);
  return result.data!.ticketStats.groups;
}

/** Tickets per value of one key. */
async function counts(filter: Record<string, unknown>, dimension: string, field: string, token?: string): Promise<Record<string, number>> {
  const rows = await groups(filter, [dimension], {}, token);
  return Object.fromEntries(rows.map((group) => [String(keyValue(group, field)), group.count]));
}

function keyValue(group: Group, field: string): unknown {
  const value = group.key[field] as { id?: string; code?: string } | string | null;
  return value !== null && typeof value === 'object' ? (value.id ?? value.code) : value;
}

const total = async (filter: Record<string, unknown>, token?: string): Promise<number> =>
  (await groups(filter, [], {}, token)).reduce((sum, group) => sum + group.count, 0);

beforeAll(async () => {
  f = await startTickets({ env: { TICKET_STATS_MAX_GROUPS: String(MAX_GROUPS) } });
  institute = await f.site(SiteKind.INSTITUTE, 4);
  stationA1 = await f.childOf(institute, SiteKind.STATION, 0);
  stationA2 = await f.childOf(institute, SiteKind.STATION, 1);
  otherInstitute = await f.site(SiteKind.INSTITUTE, 5);
  stationB1 = await f.childOf(otherInstitute, SiteKind.STATION, 0);
  subCenter = await f.site(SiteKind.SECTOR_SUBCENTER, 0);
  analyst = await f.token(Role.ANALYST, { subject: 'analyst-stats' });

  const { CLOSED, RATED, COMPLETED, REJECTED, CANCELLED, ACCEPTED, DISPATCHED, SUBMITTED, DUPLICATE } = TicketStatus;
  const specs: TicketSpec[] = [
    // Before the period in China time (15:30 UTC on 31 December), and after it (16:10 UTC on 28 February).
    { site: stationA1, submitted: '2024-12-31T23:30:00+08:00', status: SUBMITTED, category: 'SERVICE.HEALTH' },
    { site: stationA1, submitted: '2025-03-01T00:10:00+08:00', status: SUBMITTED, category: 'SERVICE.HEALTH' },
    // January: 4 tickets, all of township A.
    { site: stationA1, submitted: '2025-01-01T00:30:00+08:00', status: CLOSED, category: 'SERVICE.HEALTH', dispatched: 2, completed: 10, rating: 5 },
    {
      site: stationA1,
      submitted: '2025-01-10T10:00:00+08:00',
      status: RATED,
      channel: TicketChannel.HOTLINE_12345,
      category: 'SERVICE.HEALTH.CHECKUP',
      dispatched: 4,
      completed: 20,
      rating: 4,
    },
    { site: stationA2, submitted: '2025-01-20T08:00:00+08:00', status: COMPLETED, category: 'SERVICE.LEGAL', dispatched: 6, completed: 30 },
    { site: stationA2, submitted: '2025-01-25T12:00:00+08:00', status: REJECTED, category: 'SERVICE.HEALTH' },
    // February: 7 tickets. The first is 23:00 UTC on 31 January: February in China.
    { site: stationB1, submitted: '2025-02-01T07:00:00+08:00', status: CANCELLED, channel: TicketChannel.GRID_WORKER, category: 'SERVICE.HEALTH' },
    // A wish claimed from the wall 8 hours after submission: its dispatch time; still in service, past its deadline.
    { site: stationB1, submitted: '2025-02-03T09:00:00+08:00', status: ACCEPTED, kind: TicketKind.WISH, dispatched: 8, due: PAST },
    // An order of the sub-center's resource, first dispatched after 1 hour, redispatched after 30: the dispatch
    // time is 1 hour. Overdue.
    {
      site: stationB1,
      submitted: '2025-02-10T10:00:00+08:00',
      status: DISPATCHED,
      kind: TicketKind.ORDER,
      dispatched: 1,
      redispatched: 30,
      due: PAST,
      resourcePublisherId: subCenter.id,
    },
    { site: stationA1, submitted: '2025-02-15T10:00:00+08:00', status: SUBMITTED, category: 'SERVICE.HEALTH' },
    { site: stationA1, submitted: '2025-02-20T10:00:00+08:00', status: DUPLICATE, channel: TicketChannel.MINI_PROGRAM, category: null },
    // Not below SERVICE.HEALTH, though its code starts with it. Waiting past its dispatch deadline.
    { site: stationA2, submitted: '2025-02-12T10:00:00+08:00', status: SUBMITTED, category: 'SERVICE.HEALTHCARE', due: PAST },
    { site: stationA2, submitted: '2025-02-28T23:00:00+08:00', status: RATED, category: 'SERVICE.HEALTH', dispatched: 3, completed: 12, rating: 3 },
  ];
  // March: 10 hotline tickets served in 1..10 hours of dispatch and 10..100 of completion, 6 of them rated.
  const ratings = [5, 4, 5, 3, 4, 5];
  for (let i = 1; i <= 10; i++) {
    specs.push({
      site: stationB1,
      submitted: `2025-03-${String(i + 1).padStart(2, '0')}T09:00:00+08:00`,
      status: i <= ratings.length ? RATED : COMPLETED,
      channel: TicketChannel.HOTLINE_12345,
      category: 'SERVICE.LEGAL',
      dispatched: i,
      completed: 10 * i,
      rating: ratings[i - 1],
    });
  }
  await writeTickets(f.server.db, specs);
});
afterAll(() => f?.close());

describe('ticketStats: counts', () => {
  it('counts per month of submission in China time, the period’s ends included', async () => {
    expect(await counts(JAN_FEB, 'MONTH', 'month')).toEqual({ '2025-01': 4, '2025-02': 7 });
    expect(await total(JAN_FEB)).toBe(11);
  });

  it('counts per channel, kind, status and day; weeks are named by their Monday', async () => {
    expect(await counts(JAN_FEB, 'CHANNEL', 'channel')).toEqual({ ONLINE: 8, HOTLINE_12345: 1, GRID_WORKER: 1, MINI_PROGRAM: 1 });
    expect(await counts(JAN_FEB, 'KIND', 'kind')).toEqual({ REQUEST: 9, WISH: 1, ORDER: 1 });
    expect(await counts(JAN_FEB, 'STATUS', 'status')).toEqual({
      CLOSED: 1,
      RATED: 2,
      COMPLETED: 1,
      REJECTED: 1,
      CANCELLED: 1,
      ACCEPTED: 1,
      DISPATCHED: 1,
      SUBMITTED: 2,
      DUPLICATE: 1,
    });
    // 2025-01-01 00:30 in China is still 31 December in UTC; that Wednesday's week began on Monday 30 December.
    expect(await groups({ from: '2025-01-01', to: '2025-01-05' }, ['DAY', 'WEEK'])).toMatchObject([
      { key: { day: '2025-01-01', week: '2024-12-30' }, count: 1 },
    ]);
  });

  it('counts per category, and filters by a category with the terms below it (a code and its dotted children)', async () => {
    expect(await counts(JAN_FEB, 'CATEGORY', 'category')).toEqual({
      'SERVICE.HEALTH': 5,
      'SERVICE.HEALTH.CHECKUP': 1,
      'SERVICE.HEALTHCARE': 1,
      'SERVICE.LEGAL': 1,
      'SERVICE.LIVELIHOOD': 2,
      null: 1,
    });
    const health = await groups(JAN_FEB, ['CATEGORY'], {});
    expect(health.find((group) => group.key.category === null)).toMatchObject({ count: 1, duplicateCount: 1 });
    expect(health.find((group) => group.key.category?.code === 'SERVICE.LEGAL')!.key.category).toEqual({ __typename: 'Category', code: 'SERVICE.LEGAL' });
    expect(await total({ ...JAN_FEB, categoryCodes: ['SERVICE.HEALTH'] })).toBe(6);
    expect(await counts({ ...JAN_FEB, categoryCodes: ['SERVICE.HEALTH', 'SERVICE.LEGAL'] }, 'MONTH', 'month')).toEqual({ '2025-01': 4, '2025-02': 3 });
  });

  it('filters by status, channel, kind, region prefix and site subtree', async () => {
    expect(await total({ ...JAN_FEB, statuses: ['SUBMITTED'] })).toBe(2);
    expect(await total({ ...JAN_FEB, channels: ['HOTLINE_12345', 'GRID_WORKER'] })).toBe(2);
    expect(await total({ ...JAN_FEB, kinds: ['WISH', 'ORDER'] })).toBe(2);
    expect(await total({ ...JAN_FEB, regionCodePrefix: stationA1.regionCode.slice(0, 9) })).toBe(8);
    expect(await total({ ...JAN_FEB, siteId: institute.id })).toBe(8);
    expect(await total({ ...JAN_FEB, siteId: stationB1.id })).toBe(3);
    expect(await total({ ...JAN_FEB, siteId: stationB1.id, statuses: ['CANCELLED'] })).toBe(1);
  });
});

describe('ticketStats: measures', () => {
  it('measures each month: dispatch and completion hours, completion rate, open and overdue counts, ratings', async () => {
    const [january, february] = await groups(JAN_FEB, ['MONTH']);
    // Dispatched after 2, 4, 6 h, completed after 10, 20, 30 h; 3 served of 4 less 1 rejected; rated 5 and 4.
    expect(january).toEqual({
      key: { month: '2025-01', week: null, day: null, region: null, site: null, category: null, status: null, channel: null, kind: null },
      count: 4,
      openCount: 0,
      completedCount: 3,
      rejectedCount: 1,
      cancelledCount: 0,
      duplicateCount: 0,
      overdueCount: 0,
      completionRate: 1,
      dispatchHours: { measured: 3, average: 4, median: 4, p90: 6 },
      completionHours: { measured: 3, average: 20, median: 20, p90: 30 },
      ratedCount: 2,
      averageRating: 4.5,
    });
    // Dispatched (or claimed) after 8, 1 (not 30: the redispatch) and 3 h; 1 served of 7 less a cancellation and a
    // duplicate; 4 open of which the claimed wish and the dispatched order are past completion, the healthcare
    // request past dispatch.
    expect(february).toMatchObject({
      key: { month: '2025-02' },
      count: 7,
      openCount: 4,
      completedCount: 1,
      rejectedCount: 0,
      cancelledCount: 1,
      duplicateCount: 1,
      overdueCount: 3,
      completionRate: 0.2,
      dispatchHours: { measured: 3, average: 4, median: 3, p90: 8 },
      completionHours: { measured: 1, average: 12, median: 12, p90: 12 },
      ratedCount: 1,
      averageRating: 3,
    });
  });

  it('finds medians and 90th percentiles by nearest rank', async () => {
    const [march] = await groups(MARCH, []);
    // 10 dispatches of 1..10 h: median the 5th, p90 the 9th; completions of 10..100 h; 10 served of 11; ratings 5 4 5 3 4 5.
    expect(march).toMatchObject({
      count: 11,
      openCount: 1,
      completedCount: 10,
      completionRate: 0.9091,
      dispatchHours: { measured: 10, average: 5.5, median: 5, p90: 9 },
      completionHours: { measured: 10, average: 55, median: 50, p90: 90 },
      ratedCount: 6,
      averageRating: 4.33,
    });
  });

  it('measures per month and category, the analysts’ usual shape', async () => {
    const rows = await groups({ ...JAN_FEB, categoryCodes: ['SERVICE.HEALTH'] }, ['MONTH', 'CATEGORY']);
    expect(rows.map((group) => [group.key.month, group.key.category?.code, group.count, group.dispatchHours.average])).toEqual([
      ['2025-01', 'SERVICE.HEALTH', 2, 2],
      ['2025-01', 'SERVICE.HEALTH.CHECKUP', 1, 4],
      ['2025-02', 'SERVICE.HEALTH', 3, 3],
    ]);
  });

  it('ends the dispatch time at the first dispatch, through a decline and a second dispatch, or at the claim of a wish', async () => {
    const manager = await f.token(Role.SITE_MANAGER, { siteIds: [stationA1.id], subject: 'stats-manager' });
    const citizen = await f.token(Role.CITIZEN, { subject: 'wx-stats-citizen' });
    const [taker, other] = [await f.volunteer(stationA1.id, '孙首派'), await f.volunteer(stationA1.id, '吴再派')];
    const mutate = async (name: string, input: Record<string, unknown>, token: string) => {
      const type = name === 'dispatchTicket' ? 'DispatchTicketInput' : 'TicketNoteInput';
      const result = await f.request<Record<string, { id: string }>>(`mutation($input: ${type}!) { ${name}(input: $input) { id } }`, { input }, { token });
      expectNoErrors(result);
    };
    const submitted = await f.request<{ submitTicket: { id: string } }>(SUBMIT, { input: requestInput(stationA1.id) }, { token: citizen });
    expectNoErrors(submitted);
    const id = submitted.data!.submitTicket.id;
    await mutate('dispatchTicket', { id, volunteerId: taker.id }, manager);
    await mutate('declineTicket', { id, note: '这周不在家' }, taker.token);
    await mutate('dispatchTicket', { id, volunteerId: other.id }, manager);
    const wish = await f.request<{ submitTicket: { id: string } }>(
      SUBMIT,
      { input: requestInput(stationA1.id, { kind: 'WISH', neededSkillCodes: [] }) },
      { token: citizen },
    );
    expectNoErrors(wish);
    const wishId = wish.data!.submitTicket.id;
    await mutate('publishWish', { id: wishId }, manager);
    await mutate('claimWish', { id: wishId }, other.token);

    const read = async (ticketId: string) => {
      const result = await f.request<{ ticket: { firstDispatchedAt: string; dispatchedAt: string | null; history: { action: string; at: string }[] } }>(
        `query($id: ID!) { ticket(id: $id) { firstDispatchedAt dispatchedAt history { action at } } }`,
        { id: ticketId },
        { token: manager },
      );
      expectNoErrors(result);
      return result.data!.ticket;
    };
    const ticket = await read(id);
    const dispatches = ticket.history.filter((event) => event.action === 'DISPATCH').map((event) => event.at);
    // The event's time is taken a moment after the ticket's.
    const near = (a: string | null, b: string) => expect(Math.abs(Date.parse(a ?? '') - Date.parse(b))).toBeLessThan(1000);
    expect(dispatches).toHaveLength(2);
    near(ticket.firstDispatchedAt, dispatches[0]);
    near(ticket.dispatchedAt, dispatches[1]);
    expect(ticket.firstDispatchedAt < ticket.dispatchedAt!).toBe(true);
    const claimed = await read(wishId);
    const claim = claimed.history.find((event) => event.action === 'CLAIM')!.at;
    near(claimed.firstDispatchedAt, claim);
    expect(claimed.dispatchedAt).toBeNull();

    // Tickets from before the column existed get it from their history when the migration runs.
    const repository = f.server.db.getRepository(Ticket);
    await repository.update([id, wishId], { firstDispatchedAt: null });
    await fillFirstDispatches(f.server.db);
    const filled = await repository.findBy([{ id }, { id: wishId }]);
    expect(Object.fromEntries(filled.map((row) => [row.id, row.firstDispatchedAt?.toISOString()]))).toEqual({ [id]: dispatches[0], [wishId]: claim });
  });
});

describe('ticketStats: regions and sites', () => {
  it('groups by the serving site’s region at the township (default) and the county', async () => {
    expect(await counts(JAN_FEB, 'REGION', 'region')).toEqual({ [stationA1.regionCode.slice(0, 9)]: 8, [stationB1.regionCode.slice(0, 9)]: 3 });
    expect(await counts(JAN_FEB, 'REGION', 'region')).toEqual(
      Object.fromEntries((await groups(JAN_FEB, ['REGION'], { regionLevel: 'TOWNSHIP' })).map((group) => [group.key.region, group.count])),
    );
    expect(stationA1.regionCode.slice(0, 9)).not.toBe(stationB1.regionCode.slice(0, 9));
    expect(await groups(JAN_FEB, ['REGION'], { regionLevel: 'COUNTY' })).toMatchObject([{ key: { region: stationA1.regionCode.slice(0, 6) }, count: 11 }]);
  });

  it('groups by serving site, each a Site reference for the gateway to complete', async () => {
    const rows = await groups(JAN_FEB, ['SITE']);
    expect(Object.fromEntries(rows.map((group) => [group.key.site!.id, group.count]))).toEqual({ [stationA1.id]: 4, [stationA2.id]: 4, [stationB1.id]: 3 });
    for (const group of rows) expect(group.key.site!.__typename).toBe('Site');
  });
});

describe('ticketStats: who may ask', () => {
  it('gives analysts and admins every ticket, managers their subtree, agency admins theirs and their resources’ orders', async () => {
    expect(await total(JAN_FEB, analyst)).toBe(11);
    expect(await total(JAN_FEB, f.admin)).toBe(11);
    expect(await total(JAN_FEB, await f.token(Role.SITE_MANAGER, { siteIds: [institute.id] }))).toBe(8);
    expect(await total(JAN_FEB, await f.token(Role.SITE_MANAGER, { siteIds: [stationA1.id] }))).toBe(4);
    // A manager of a site and of one below it counts each ticket once.
    expect(await total(JAN_FEB, await f.token(Role.SITE_MANAGER, { siteIds: [institute.id, stationA1.id] }))).toBe(8);
    // Asking about another subtree finds nothing of it.
    expect(await total({ ...JAN_FEB, siteId: otherInstitute.id }, await f.token(Role.SITE_MANAGER, { siteIds: [institute.id] }))).toBe(0);
    // The sub-center serves none of these tickets, but one orders its resource.
    expect(await groups(JAN_FEB, ['KIND'], {}, await f.token(Role.AGENCY_ADMIN, { siteIds: [subCenter.id] }))).toMatchObject([
      { key: { kind: 'ORDER' }, count: 1 },
    ]);
  });

  it('refuses citizens and volunteers, and callers without a token or without sites', async () => {
    for (const role of [Role.CITIZEN, Role.VOLUNTEER]) {
      expect(errorOf(await ask({ filter: JAN_FEB, groupBy: [] }, await f.token(role, { subject: `stats-${role}` })))).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'ROLE_NOT_ALLOWED',
      });
    }
    expect(errorOf(await ask({ filter: JAN_FEB, groupBy: [] }, await f.token(Role.SITE_MANAGER)))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NO_MANAGED_SITES',
    });
    const anonymous = await ask({ filter: JAN_FEB, groupBy: [] }, null);
    expect(errorOf(anonymous)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(anonymous.data?.ticketStats ?? null).toBeNull();
  });
});

describe('ticketStats: limits and bad input', () => {
  it('refuses an unknown dimension in validation, before anything runs', async () => {
    const result = await f.request(
      `{ ticketStats(filter: { from: "2025-01-01", to: "2025-01-31" }, groupBy: [COLOUR]) { groups { count } } }`,
      {},
      { token: analyst },
    );
    expect(errorOf(result)).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(errorOf(await ask({ filter: JAN_FEB, groupBy: ['COLOUR'] }))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('refuses reversed, malformed and too long periods (three years at most by default)', async () => {
    expect(errorOf(await ask({ filter: { from: '2025-02-01', to: '2025-01-31' }, groupBy: [] }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.to',
      reason: 'PERIOD_REVERSED',
    });
    expect(errorOf(await ask({ filter: { from: '2025-02-30', to: '2025-03-31' }, groupBy: [] }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.from',
      reason: 'INVALID_DATE',
    });
    expect(errorOf(await ask({ filter: { from: '2022-01-01', to: '2025-01-01' }, groupBy: [] }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.to',
      reason: 'PERIOD_TOO_LONG',
    });
    expect(await total({ from: '2022-01-01', to: '2024-12-31' })).toBe(1);
  });

  it('refuses a dimension twice, more than four, and bad filters', async () => {
    expect(errorOf(await ask({ filter: JAN_FEB, groupBy: ['MONTH', 'MONTH'] }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'groupBy',
      reason: 'REPEATED_DIMENSION',
    });
    expect(errorOf(await ask({ filter: JAN_FEB, groupBy: ['MONTH', 'REGION', 'SITE', 'CATEGORY', 'STATUS'] }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'groupBy',
      reason: 'TOO_MANY_DIMENSIONS',
    });
    expect(await groups(JAN_FEB, ['MONTH', 'REGION', 'CATEGORY', 'STATUS'])).toHaveLength(11);
    expect(errorOf(await ask({ filter: { ...JAN_FEB, regionCodePrefix: '3205X' }, groupBy: [] }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.regionCodePrefix',
    });
    expect(errorOf(await ask({ filter: { ...JAN_FEB, categoryCodes: ['service'] }, groupBy: [] }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.categoryCodes',
    });
  });

  it('refuses more groups than the limit, unless asked for the largest ones', async () => {
    const firstQuarter = { from: '2025-01-01', to: '2025-03-31' };
    // 4 days of January, 7 of February and 11 of March: 22 groups.
    expect(errorOf(await ask({ filter: firstQuarter, groupBy: ['DAY'] }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'groupBy',
      reason: 'TOO_MANY_GROUPS',
    });
    expect(await groups(JAN_FEB, ['DAY'])).toHaveLength(11);
    const largest = await ask({ filter: firstQuarter, groupBy: ['SITE'], first: 2 });
    expectNoErrors(largest);
    expect(largest.data!.ticketStats.truncated).toBe(true);
    // Station B1: 3 + 10 in March; station A1: 4 + 1 on 1 March.
    expect(largest.data!.ticketStats.groups.map((group) => [group.key.site!.id, group.count])).toEqual([
      [stationB1.id, 13],
      [stationA1.id, 5],
    ]);
    const all = await ask({ filter: firstQuarter, groupBy: ['SITE'], first: 3 });
    expect(all.data!.ticketStats.truncated).toBe(false);
    for (const first of [0, MAX_GROUPS + 1]) {
      expect(errorOf(await ask({ filter: JAN_FEB, groupBy: ['DAY'], first }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'first',
        reason: 'FIRST_OUT_OF_RANGE',
      });
    }
  });

  it('counts durations into histograms, and estimates medians and percentiles, only when they are read, with the same other figures', async () => {
    const AVERAGES = `query($filter: TicketStatsFilter!, $groupBy: [TicketDimension!]!) {
      ticketStats(filter: $filter, groupBy: $groupBy) { groups { key { month } count completionRate dispatchHours { measured average } completionHours { ...P } } } }
      fragment P on TicketDurationStats { average p90 }`;
    const run = async (query: string, filter = JAN_FEB) => {
      const { result, statements } = await f.server.counter.measure(() => f.request<Stats>(query, { filter, groupBy: ['MONTH'] }, { token: analyst }));
      expectNoErrors(result);
      return { groups: result.data!.ticketStats.groups, sql: requestStatements(statements).join('\n') };
    };
    // Whole months come from the monthly summary, a day range from the tickets: the same in both.
    for (const filter of [JAN_FEB, { from: '2025-01-01', to: '2025-02-27' }]) {
      const full = await run(STATS, filter);
      const partial = await run(AVERAGES, filter);
      expect(full.sql).toMatch(/dh_b41/);
      expect(full.sql).toMatch(/ch_b41/);
      // Only the completion hours' percentile is read (through a fragment): one histogram.
      expect(partial.sql).not.toMatch(/dh_b\d\d/);
      expect(partial.sql).toMatch(/ch_b41/);
      // and of that histogram only the 90th percentile is estimated, not the median.
      expect(full.sql).toMatch(/ch_p50/);
      expect(partial.sql).toMatch(/ch_p90/);
      expect(partial.sql).not.toMatch(/_p50/);
      expect(partial.groups).toEqual(
        full.groups.map((group) => ({
          key: { month: group.key.month },
          count: group.count,
          completionRate: group.completionRate,
          dispatchHours: { measured: group.dispatchHours.measured, average: group.dispatchHours.average },
          completionHours: { average: group.completionHours.average, p90: group.completionHours.p90 },
        })),
      );
      const bare = await run(
        `query($filter: TicketStatsFilter!, $groupBy: [TicketDimension!]!) { ticketStats(filter: $filter, groupBy: $groupBy) { groups { count } } }`,
        filter,
      );
      expect(bare.sql).not.toMatch(/_b\d\d/);
      expect(bare.groups.map((group) => group.count)).toEqual(full.groups.map((group) => group.count));
    }
  });

  it('answers in the same statements whatever the number of groups: the summary and a look at the overdue, or the tickets', async () => {
    const statementsFor = async (groupBy: string[], filter: Record<string, unknown> = JAN_FEB) => {
      const { result, statements } = await f.server.counter.measure(() => ask({ filter, groupBy }));
      expectNoErrors(result);
      const sql = requestStatements(statements);
      return { groups: result.data!.ticketStats.groups.length, statements: sql.length, summary: sql.filter((q) => /ticket_month_stats/.test(q)).length };
    };
    expect(await statementsFor([])).toEqual({ groups: 1, statements: 2, summary: 1 });
    expect(await statementsFor(['MONTH'])).toEqual({ groups: 2, statements: 2, summary: 1 });
    expect(await statementsFor(['MONTH', 'REGION', 'CATEGORY'])).toMatchObject({ statements: 2, summary: 1 });
    expect(await statementsFor(['DAY', 'SITE'])).toEqual({ groups: 11, statements: 1, summary: 0 });
    expect(await statementsFor(['MONTH'], { ...JAN_FEB, statuses: ['CLOSED'] })).toEqual({ groups: 1, statements: 1, summary: 0 });
  });
});
