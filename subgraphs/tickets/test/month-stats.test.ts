import { Principal, RegionLevel, Rng, Role } from '@practice/common';
import { Site } from '@practice/sites/site/site.entity';
import { SiteKind } from '@practice/sites/site/site.enums';
import { BUCKET_COUNT, bucketColumns, estimatePercentile } from '../src/analytics/duration-histogram';
import { MONTH_STATS_KEYS, MONTH_STATS_MEASURES, MONTH_STATS_TABLE, rebuildMonthStats } from '../src/analytics/month-stats';
import { StatsRequest, TicketStatsQueries, answersFromMonthStats } from '../src/analytics/stats.queries';
import { TicketDimension } from '../src/analytics/stats.inputs';
import { TicketChannel, TicketKind, TicketStatus } from '../src/ticket/ticket.enums';
import { SUBMIT, TicketsFixture, expectNoErrors, requestInput, startTickets } from './fixture';
import { PAST, TicketSpec, writeTickets } from './stats-scene';

/**
 * The monthly summary of tickets (ticket_month_stats) against the tickets themselves: kept by every
 * change through the API exactly as a rebuild from the tickets computes it, and answering every
 * question it takes exactly as the tickets do.
 */
let f: TicketsFixture;
let stations: Site[];
const analyst: Principal = { subject: 'analyst-month-stats', role: Role.ANALYST, siteIds: [], volunteerId: null };
const LIMITS = { maxDimensions: 4, maxGroups: 10_000, maxPeriodDays: 1095 };

beforeAll(async () => {
  f = await startTickets();
  const institutes = [await f.site(SiteKind.INSTITUTE, 2), await f.site(SiteKind.INSTITUTE, 3)];
  stations = [];
  for (const institute of institutes) for (const index of [0, 1]) stations.push(await f.childOf(institute, SiteKind.STATION, index));
});
afterAll(() => f?.close());

/** The summary's rows that count anything, every value a number, in key order. */
async function summaryRows(): Promise<Record<string, string | number>[]> {
  const rows = (await f.server.db.query(`SELECT * FROM ${MONTH_STATS_TABLE} ORDER BY ${MONTH_STATS_KEYS.join(', ')}`)) as Record<string, unknown>[];
  return rows
    .map((row) => ({
      ...Object.fromEntries(MONTH_STATS_KEYS.map((key) => [key, String(row[key])])),
      ...Object.fromEntries(MONTH_STATS_MEASURES.map((measure) => [measure, Number(row[measure])])),
    }))
    .filter((row) => MONTH_STATS_MEASURES.some((measure) => row[measure] !== 0));
}

async function expectSameAsRebuilt(step: string): Promise<void> {
  const kept = await summaryRows();
  await f.server.db.transaction((manager) => rebuildMonthStats(manager));
  expect({ step, rows: kept }).toEqual({ step, rows: await summaryRows() });
}

describe('the monthly summary of tickets', () => {
  it('follows every change made through the API as a rebuild from the tickets computes it', async () => {
    const [station] = stations;
    const manager = await f.token(Role.SITE_MANAGER, { siteIds: [station.id], subject: 'month-stats-manager' });
    const citizen = await f.token(Role.CITIZEN, { subject: 'wx-month-stats' });
    const [taker, other] = [await f.volunteer(station.id, '钱月报'), await f.volunteer(station.id, '周月报')];
    const submit = async (overrides: Record<string, unknown> = {}) => {
      const result = await f.request<{ submitTicket: { id: string } }>(SUBMIT, { input: requestInput(station.id, overrides) }, { token: citizen });
      expectNoErrors(result);
      return result.data!.submitTicket.id;
    };
    const mutate = async (name: string, input: Record<string, unknown>, token: string) => {
      const type =
        {
          completeTicket: 'CompleteTicketInput',
          rateTicket: 'RateTicketInput',
          dispatchTicket: 'DispatchTicketInput',
          redispatchTicket: 'DispatchTicketInput',
        }[name] ?? 'TicketNoteInput';
      expectNoErrors(await f.request(`mutation($input: ${type}!) { ${name}(input: $input) { id } }`, { input }, { token }));
      await expectSameAsRebuilt(name);
    };

    const served = await submit();
    await expectSameAsRebuilt('submitTicket');
    await mutate('dispatchTicket', { id: served, volunteerId: taker.id }, manager);
    await mutate('declineTicket', { id: served, note: '这周不在家' }, taker.token);
    await mutate('dispatchTicket', { id: served, volunteerId: other.id }, manager);
    await mutate('acceptTicket', { id: served }, other.token);
    await mutate('startTicket', { id: served }, other.token);
    await mutate('completeTicket', { id: served, hours: 1.5 }, other.token);
    await mutate('rateTicket', { id: served, rating: 4 }, citizen);
    await mutate('closeTicket', { id: served }, manager);
    await mutate('rejectTicket', { id: await submit(), note: '不属于服务范围' }, manager);
    await mutate('cancelTicket', { id: await submit() }, citizen);
    const wish = await submit({ kind: 'WISH', neededSkillCodes: [] });
    await mutate('publishWish', { id: wish }, manager);
    await mutate('claimWish', { id: wish }, taker.token);

    const [row] = (await summaryRows()).filter((r) => r.month === new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7));
    expect(row).toMatchObject({ region_code: station.regionCode.slice(0, 9), n: 3, served_n: 1, rejected_n: 1, cancelled_n: 1, rated_n: 1, rating_sum: 4 });
  });

  it('answers every question it can take exactly as the tickets do', async () => {
    const rng = new Rng(20261201);
    const { CLOSED, RATED, COMPLETED, REJECTED, CANCELLED, ACCEPTED, DISPATCHED, SUBMITTED, DUPLICATE } = TicketStatus;
    const categories = ['SERVICE.HEALTH', 'SERVICE.HEALTH.CHECKUP', 'SERVICE.LEGAL', 'CULTURE.READING', null];
    const specs: TicketSpec[] = [];
    for (let i = 0; i < 400; i++) {
      const status = rng.pick([CLOSED, RATED, RATED, COMPLETED, COMPLETED, REJECTED, CANCELLED, ACCEPTED, DISPATCHED, SUBMITTED, DUPLICATE]);
      const served = status === CLOSED || status === RATED || status === COMPLETED;
      const taken = served || status === ACCEPTED || status === DISPATCHED;
      // Durations from minutes to weeks, with fractions of a second, so whole seconds and buckets are put to the test.
      const dispatched = taken ? Math.exp(rng.next() * 8 - 3) : undefined;
      const day = String(1 + rng.int(0, 27)).padStart(2, '0');
      specs.push({
        site: rng.pick(stations),
        submitted: `2024-${rng.pick(['11', '12'])}-${day}T${String(rng.int(0, 23)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00.${rng.int(100, 999)}+08:00`,
        status,
        channel: rng.pick([TicketChannel.ONLINE, TicketChannel.HOTLINE_12345, TicketChannel.GRID_WORKER]),
        kind: rng.pick([TicketKind.ORDER, TicketKind.REQUEST]),
        category: rng.pick(categories),
        dispatched,
        accepted: status === ACCEPTED ? dispatched! + 0.5 : undefined,
        completed: served ? dispatched! + Math.exp(rng.next() * 7 - 1) : undefined,
        rating: status === RATED || (status === CLOSED && rng.chance(0.5)) ? rng.int(1, 5) : undefined,
        due: PAST,
      });
    }
    await writeTickets(f.server.db, specs);

    const summary = new TicketStatsQueries(f.server.db, LIMITS);
    const tickets = new TicketStatsQueries(f.server.db, LIMITS, false);
    const { MONTH, REGION, CATEGORY, CHANNEL, KIND } = TicketDimension;
    const groupings = [[], [MONTH], [REGION], [MONTH, REGION, CATEGORY], [CATEGORY, CHANNEL, KIND], [MONTH, KIND, CHANNEL, REGION]];
    const filters = [
      { from: '2024-11-01', to: '2024-12-31' },
      { from: '2024-12-01', to: '2024-12-31', kinds: [TicketKind.ORDER] },
      { from: '2024-11-01', to: '2024-12-31', channels: [TicketChannel.HOTLINE_12345], categoryCodes: ['SERVICE.HEALTH'] },
      { from: '2024-01-01', to: '2024-12-31', regionCodePrefix: stations[0].regionCode.slice(0, 9) },
      { from: '2024-11-01', to: '2024-11-30', regionCodePrefix: stations[0].regionCode.slice(0, 6) },
    ];
    let compared = 0;
    for (const groupBy of groupings) {
      for (const filter of filters) {
        for (const regionLevel of [RegionLevel.TOWNSHIP, RegionLevel.COUNTY]) {
          for (const first of [undefined, 3]) {
            const request: StatsRequest = { filter, groupBy, regionLevel, first };
            expect(answersFromMonthStats({ everything: true }, request)).toBe(true);
            const now = new Date();
            const expected = await tickets.stats(analyst, request, now);
            expect({ request, answer: await summary.stats(analyst, request, now) }).toEqual({ request, answer: expected });
            compared += expected.groups.length;
          }
        }
      }
    }
    // The database's estimates are those of the reference estimator, from the summary's histograms.
    const byMonth = await summary.stats(analyst, { filter: filters[0], groupBy: [MONTH], regionLevel: RegionLevel.TOWNSHIP });
    const rows = await summaryRows();
    for (const group of byMonth.groups) {
      const month = rows.filter((row) => row.month === group.key.month);
      for (const [measure, figures] of [['dh', group.dispatchHours] as const, ['ch', group.completionHours] as const]) {
        const cells = bucketColumns(measure).map((column) => month.reduce((sum, row) => sum + Number(row[column]), 0));
        const [counts, sums] = [cells.slice(0, BUCKET_COUNT), cells.slice(BUCKET_COUNT)];
        const round = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);
        expect([figures.median, figures.p90]).toEqual([round(estimatePercentile(counts, sums, 0.5)), round(estimatePercentile(counts, sums, 0.9))]);
      }
    }
    // The scene is rich enough that the comparisons mean something.
    expect(compared).toBeGreaterThan(500);
  });

  it('leaves finer questions to the tickets: days, sites, statuses, villages, managers', () => {
    const year = { from: '2025-01-01', to: '2025-12-31' };
    const take = (request: Partial<StatsRequest>, everything = true) =>
      answersFromMonthStats(everything ? { everything: true } : { everything: false, siteIds: ['x'], publisherIds: [] }, {
        filter: year,
        groupBy: [],
        regionLevel: RegionLevel.TOWNSHIP,
        ...request,
      });
    expect(take({})).toBe(true);
    expect(take({}, false)).toBe(false);
    expect(take({ filter: { from: '2025-01-02', to: '2025-12-31' } })).toBe(false);
    expect(take({ filter: { from: '2025-01-01', to: '2025-12-30' } })).toBe(false);
    expect(take({ filter: { ...year, siteId: 'x' } })).toBe(false);
    expect(take({ filter: { ...year, statuses: [TicketStatus.CLOSED] } })).toBe(false);
    expect(take({ filter: { ...year, regionCodePrefix: '320581101001' } })).toBe(false);
    expect(take({ groupBy: [TicketDimension.REGION], regionLevel: RegionLevel.VILLAGE })).toBe(false);
    for (const dimension of [TicketDimension.DAY, TicketDimension.WEEK, TicketDimension.SITE, TicketDimension.STATUS])
      expect(take({ groupBy: [dimension] })).toBe(false);
  });
});
