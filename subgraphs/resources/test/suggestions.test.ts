import { monthOf, todayInChina } from '@practice/common';
import { Site } from '@practice/sites/site/site.entity';
import { SiteKind, SiteStatus } from '@practice/sites/site/site.enums';
import { createResource } from './catalogue';
import { ResourcesFixture, expectNoErrors, startResources } from './fixture';
import { CREATE_MENU, menuInput } from './menu-catalogue';
import { EventsClient, THIS_MONTH, cancelled, eventsClient, ordered } from './ticket-events';

/**
 * `Ticket.suggestedResources` through `_entities`, with the representation the gateway sends: the
 * ticket's id with the fields the field requires, fetched from the tickets subgraph.
 */
const NEXT_MONTH = monthOf(todayInChina(), 1);
const SUGGESTIONS = `query($r: [_Any!]!, $first: Int) { _entities(representations: $r) { ... on Ticket { id
  suggestedResources(first: $first) {
    score reasons publisherDistance categoryFit matchedCategoryCode period onMenu quota ordersThisMonth capacityLeft
    resource { id title status publisher { id } }
  }
} } }`;

interface Suggestion {
  score: number;
  reasons: string[];
  publisherDistance: number;
  categoryFit: string;
  matchedCategoryCode: string;
  period: string;
  onMenu: boolean;
  quota: number | null;
  ordersThisMonth: number;
  capacityLeft: number | null;
  resource: { id: string; title: string; status: string; publisher: { id: string } };
}

let f: ResourcesFixture;
let events: EventsClient;
let center: Site;
let institute: Site;
let station: Site;
let sibling: Site;
let otherStation: Site;
let subCenter: Site;
let farSubCenter: Site;
const ids = new Map<string, string>();

let serial = 0;
const ticket = (site: Site, categoryCode: string | null, desiredFrom: string | null = null) => ({
  __typename: 'Ticket',
  id: `ticket-${++serial}`,
  categoryCode,
  servingSiteId: site.id,
  servingSiteRegionCode: site.regionCode,
  servingSiteAncestorIds: site.ancestorIds,
  desiredFrom,
});

async function suggest(tickets: ReturnType<typeof ticket>[], first?: number): Promise<Suggestion[][]> {
  const result = await f.request<{ _entities: { suggestedResources: Suggestion[] }[] }>(SUGGESTIONS, { r: tickets, first });
  expectNoErrors(result);
  return result.data!._entities.map((entity) => entity.suggestedResources);
}
const titlesFor = async (site: Site, categoryCode: string, desiredFrom: string | null = null) =>
  (await suggest([ticket(site, categoryCode, desiredFrom)], 50))[0].map((suggestion) => suggestion.resource.title);

async function publish(publisher: Site, title: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const id = await createResource(f.request, f.admin, publisher.id, { title, categoryCodes: ['SERVICE.HEALTH.CHECKUP'], capacityPerMonth: 40, ...overrides });
  ids.set(title, id);
  return id;
}

async function publishMenu(publisher: Site, items: { title: string; quota: number }[], period = THIS_MONTH): Promise<void> {
  const input = menuInput(
    publisher.id,
    period,
    items.map(({ title, quota }) => ({ resourceId: ids.get(title)!, quota })),
  );
  const created = await f.request<{ createMenu: { id: string } }>(CREATE_MENU, { input }, { token: f.admin });
  expectNoErrors(created);
  expectNoErrors(await f.request(`mutation($id: ID!) { publishMenu(id: $id) { id } }`, { id: created.data!.createMenu.id }, { token: f.admin }));
}

beforeAll(async () => {
  f = await startResources();
  events = await eventsClient(f.server.url);
  center = await f.site(SiteKind.CENTER);
  institute = await f.site(SiteKind.INSTITUTE, 0);
  station = await f.childOf(institute, SiteKind.STATION, 0);
  sibling = await f.childOf(institute, SiteKind.STATION, 1);
  const otherInstitute = await f.site(SiteKind.INSTITUTE, 1);
  otherStation = await f.childOf(otherInstitute, SiteKind.STATION, 0);
  subCenter = await f.site(SiteKind.SECTOR_SUBCENTER, 0);
  farSubCenter = await f.site(SiteKind.SECTOR_SUBCENTER, 1);

  await publish(station, '站·健康体检', { capacityPerMonth: 40 });
  await publish(station, '站·健康讲座', { categoryCodes: ['SERVICE.HEALTH'], capacityPerMonth: null });
  await publish(station, '站·心理疏导', { categoryCodes: ['SERVICE.HEALTH.MENTAL'] });
  await publish(station, '站·法律咨询', { categoryCodes: ['SERVICE.LEGAL'] });
  await publish(station, '站·服务领域', { categoryCodes: ['SERVICE'] });
  await createResource(f.request, f.admin, station.id, { title: '站·草稿体检' }, false);
  await publish(institute, '所·体检进村', { capacityPerMonth: 20 });
  await publish(institute, '所·名额少的体检', { capacityPerMonth: 2 });
  await publish(institute, '所·仅限邻站的体检', { serviceArea: { siteIds: [sibling.id] } });
  await publish(center, '中心·大名额体检', { capacityPerMonth: 30 });
  await publish(center, '中心·小名额体检', { capacityPerMonth: 5 });
  await publish(center, '中心·不限名额体检', { capacityPerMonth: null });
  await publish(center, '中心·已撤回的体检');
  await publish(subCenter, '分中心·全县体检');
  await publish(farSubCenter, '分中心·另一镇体检', { serviceArea: { regionCodePrefixes: [otherInstitute.regionCode.slice(0, 9)] } });
  await publish(otherStation, '别的站·体检');
  await publishMenu(station, [{ title: '站·健康讲座', quota: 3 }]);
  await publishMenu(institute, [{ title: '所·体检进村', quota: 10 }]);
  expectNoErrors(await f.request(`mutation($id: ID!) { withdrawResource(id: $id) { id } }`, { id: ids.get('中心·已撤回的体检') }, { token: f.admin }));
});
afterAll(() => f?.close());

describe('Ticket.suggestedResources', () => {
  it('ranks nearer publishers first, then category, then menus, then room left; deterministic', async () => {
    const [suggestions] = await suggest([ticket(station, 'SERVICE.HEALTH.CHECKUP')], 50);
    expect(suggestions.map((s) => [s.publisherDistance, s.resource.title, s.categoryFit, s.onMenu, s.capacityLeft])).toEqual([
      [0, '站·健康体检', 'EXACT', false, 40],
      [0, '站·健康讲座', 'BROADER', true, 3],
      [1, '所·体检进村', 'EXACT', true, 10],
      [1, '所·名额少的体检', 'EXACT', false, 2],
      [2, '中心·不限名额体检', 'EXACT', false, null],
      [2, '中心·大名额体检', 'EXACT', false, 30],
      [2, '中心·小名额体检', 'EXACT', false, 5],
      [3, '分中心·全县体检', 'EXACT', false, 40],
    ]);
    const scores = suggestions.map((s) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(suggestions[0]).toMatchObject({
      reasons: ['OWN_SITE', 'CATEGORY_EXACT', 'CAPACITY_LEFT'],
      matchedCategoryCode: 'SERVICE.HEALTH.CHECKUP',
      period: THIS_MONTH,
      quota: null,
      ordersThisMonth: 0,
      resource: { status: 'PUBLISHED', publisher: { id: station.id } },
    });
    expect(suggestions[1].reasons).toEqual(['OWN_SITE', 'CATEGORY_BROADER', 'ON_MENU', 'CAPACITY_LEFT']);
    expect(suggestions[1].quota).toBe(3);
    expect(suggestions[4].reasons).toEqual(['FROM_ABOVE', 'CATEGORY_EXACT', 'UNLIMITED_CAPACITY']);
    expect(suggestions[7].reasons).toEqual(['FROM_SECTOR_SUBCENTER', 'CATEGORY_EXACT', 'CAPACITY_LEFT']);
    expect(await suggest([ticket(station, 'SERVICE.HEALTH.CHECKUP')], 50)).toEqual([suggestions]);
    expect((await suggest([ticket(station, 'SERVICE.HEALTH.CHECKUP')], 3))[0]).toEqual(suggestions.slice(0, 3));
  });

  it('fits the ticket’s category, the terms below it and those above it, never a top-level grouping', async () => {
    const health = await titlesFor(station, 'SERVICE.HEALTH');
    expect(health.slice(0, 3)).toEqual(['站·健康讲座', '站·健康体检', '站·心理疏导']);
    expect(health).toContain('分中心·全县体检');
    expect(health).not.toContain('站·法律咨询');
    const checkup = await titlesFor(station, 'SERVICE.HEALTH.CHECKUP');
    expect(checkup).not.toContain('站·心理疏导');
    expect(checkup).not.toContain('站·服务领域');
    expect(await titlesFor(station, 'SERVICE.LEGAL')).toEqual(['站·法律咨询']);
    const [suggestions] = await suggest([ticket(station, 'SERVICE.HEALTH')], 50);
    expect(suggestions.find((s) => s.resource.title === '站·心理疏导')).toMatchObject({
      categoryFit: 'NARROWER',
      matchedCategoryCode: 'SERVICE.HEALTH.MENTAL',
    });
  });

  it('suggests only resources whose area covers the serving site, from the site, above it or a sub-center', async () => {
    const atStation = await titlesFor(station, 'SERVICE.HEALTH.CHECKUP');
    expect(atStation).toContain('分中心·全县体检');
    for (const title of ['分中心·另一镇体检', '别的站·体检', '所·仅限邻站的体检', '站·草稿体检', '中心·已撤回的体检']) expect(atStation).not.toContain(title);
    expect(await titlesFor(sibling, 'SERVICE.HEALTH.CHECKUP')).toEqual([
      '所·体检进村',
      '所·仅限邻站的体检',
      '所·名额少的体检',
      '中心·不限名额体检',
      '中心·大名额体检',
      '中心·小名额体检',
      '分中心·全县体检',
    ]);
    const atOther = await titlesFor(otherStation, 'SERVICE.HEALTH.CHECKUP');
    expect(atOther.slice(0, 1)).toEqual(['别的站·体检']);
    expect(atOther).toEqual(expect.arrayContaining(['分中心·全县体检', '分中心·另一镇体检']));
    expect(atOther).not.toContain('所·体检进村');
  });

  it('leaves out a resource at capacity this month, and suggests it again after a cancellation', async () => {
    const scarce = ids.get('所·名额少的体检')!;
    const orders = [ordered(scarce), ordered(scarce)];
    expect((await events.deliver(...orders)).map((r) => r.status)).toEqual(['APPLIED', 'APPLIED']);
    expect(await titlesFor(station, 'SERVICE.HEALTH.CHECKUP')).not.toContain('所·名额少的体检');
    // Another month has its own capacity.
    expect(await titlesFor(station, 'SERVICE.HEALTH.CHECKUP', `${NEXT_MONTH}-10T02:00:00.000Z`)).toContain('所·名额少的体检');

    expect((await events.deliver(cancelled(orders[0].data.ticketId, scarce)))[0].status).toBe('APPLIED');
    const [suggestions] = await suggest([ticket(station, 'SERVICE.HEALTH.CHECKUP')], 50);
    expect(suggestions.find((s) => s.resource.id === scarce)).toMatchObject({ ordersThisMonth: 1, capacityLeft: 1 });
  });

  it('leaves out a resource whose quota on the month’s menu is used up', async () => {
    const talk = ids.get('站·健康讲座')!;
    const orders = [ordered(talk), ordered(talk), ordered(talk)];
    await events.deliver(...orders);
    expect(await titlesFor(station, 'SERVICE.HEALTH')).not.toContain('站·健康讲座');
    // Next month it is on no menu and has no limit.
    const [next] = await suggest([ticket(station, 'SERVICE.HEALTH', `${NEXT_MONTH}-03T09:00:00+08:00`)], 50);
    expect(next.find((s) => s.resource.id === talk)).toMatchObject({ period: NEXT_MONTH, onMenu: false, quota: null, capacityLeft: null, ordersThisMonth: 0 });
    await events.deliver(...orders.map((order) => cancelled(order.data.ticketId, talk)));
    expect(await titlesFor(station, 'SERVICE.HEALTH')).toContain('站·健康讲座');
  });

  it('works out each ticket of one request apart, in order', async () => {
    const [a, b, c, d] = await suggest([
      ticket(station, 'SERVICE.LEGAL'),
      ticket(otherStation, 'SERVICE.HEALTH.CHECKUP'),
      ticket(station, null),
      ticket(station, 'SERVICE.NO_SUCH_TERM'),
    ]);
    expect(a.map((s) => s.resource.title)).toEqual(['站·法律咨询']);
    expect(b[0].resource.title).toBe('别的站·体检');
    expect(c).toEqual([]);
    expect(d).toEqual([]);
  });

  it('answers bad arguments and representations with BAD_USER_INPUT', async () => {
    const tooMany = await f.request(SUGGESTIONS, { r: [ticket(station, 'SERVICE.HEALTH')], first: 51 });
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first', reason: 'PAGE_SIZE_OUT_OF_RANGE' });
    const badDate = await f.request<{ _entities: unknown[] }>(SUGGESTIONS, {
      r: [ticket(station, 'SERVICE.HEALTH', 'next week'), ticket(station, 'SERVICE.LEGAL')],
    });
    expect(badDate.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'desiredFrom', reason: 'INVALID_DATE' });
    expect(badDate.data!._entities[1]).toMatchObject({ suggestedResources: [{ resource: { title: '站·法律咨询' } }] });
  });
});

describe('SQL statements of Ticket.suggestedResources, whatever the number of tickets', () => {
  it('stay the same for 1 ticket and for 50 tickets at sites all over the county', async () => {
    const stations = (
      await f.sites.db.getRepository(Site).find({ where: { kind: SiteKind.STATION, status: SiteStatus.ACTIVE }, order: { code: 'ASC' } })
    ).slice(0, 47);
    const codes = ['SERVICE.HEALTH.CHECKUP', 'SERVICE.HEALTH', 'SERVICE.LEGAL'];
    const many = [
      ticket(station, 'SERVICE.HEALTH.CHECKUP'),
      ticket(sibling, 'SERVICE.HEALTH'),
      ticket(otherStation, 'SERVICE.HEALTH.CHECKUP', `${NEXT_MONTH}-02T08:00:00Z`),
      ...stations.map((site, index) => ticket(site, codes[index % codes.length])),
    ];
    expect(many).toHaveLength(50);
    const count = async (tickets: ReturnType<typeof ticket>[]) => {
      const { result, statements } = await f.server.counter.measure(() => f.request(SUGGESTIONS, { r: tickets }));
      expectNoErrors(result);
      return statements.length;
    };
    // The candidates, their menu listings and orders, the suggested resources.
    expect(await count([ticket(station, 'SERVICE.HEALTH.CHECKUP')])).toBe(4);
    expect(await count(many)).toBe(4);
  });
});
