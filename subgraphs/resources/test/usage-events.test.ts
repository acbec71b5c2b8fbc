import { InboxEvent, Role, monthOf, todayInChina, uuidv7 } from '@practice/common';
import { Site } from '@practice/sites/site/site.entity';
import { SiteKind } from '@practice/sites/site/site.enums';
import { ResourceMonthUsage } from '../src/usage/resource-usage.entity';
import { TicketOrder } from '../src/usage/ticket-order.entity';
import { createResource } from './catalogue';
import { ResourcesFixture, expectNoErrors, startResources } from './fixture';
import { CREATE_MENU, menuInput } from './menu-catalogue';
import { EventsClient, THIS_MONTH, cancelled, envelope, eventsClient, ordered, ticketCode } from './ticket-events';

/** Orders per resource and month, counted from the tickets subgraph's events at /internal/events. */
const LAST_MONTH = monthOf(todayInChina(), -1);
const USAGE = `query($id: ID!, $period: String) { resource(id: $id) { ordersThisMonth usage(period: $period) { period orders capacity capacityLeft } } }`;

let f: ResourcesFixture;
let events: EventsClient;
let station: Site;

beforeAll(async () => {
  f = await startResources();
  events = await eventsClient(f.server.url);
  station = await f.childOf(await f.site(SiteKind.INSTITUTE, 2), SiteKind.STATION, 0);
});
afterAll(() => f?.close());

const newResource = (overrides: Record<string, unknown> = {}) => createResource(f.request, f.admin, station.id, { capacityPerMonth: 10, ...overrides });

async function usage(
  id: string,
  period?: string,
): Promise<{ ordersThisMonth: number; usage: { period: string; orders: number; capacity: number | null; capacityLeft: number | null } }> {
  const result = await f.request<{ resource: { ordersThisMonth: number; usage: never } }>(USAGE, { id, period });
  expectNoErrors(result);
  return result.data!.resource;
}

/** The stored count, straight from the table: null when the month has no row. */
const stored = async (resourceId: string, period = THIS_MONTH): Promise<number | null> =>
  (await f.server.db.getRepository(ResourceMonthUsage).findOneBy({ resourceId, period }))?.orders ?? null;
const inboxCount = () => f.server.db.getRepository(InboxEvent).count();
const tableCounts = async () => ({
  usage: await f.server.db.getRepository(ResourceMonthUsage).count(),
  orders: await f.server.db.getRepository(TicketOrder).count(),
  inbox: await inboxCount(),
});

describe('who may deliver', () => {
  it.each([
    ['no token', () => Promise.resolve(null)],
    ['an admin’s client token', () => f.token(Role.ADMIN)],
    ['a malformed token', () => Promise.resolve('not.a.token')],
  ])('refuses %s with 401 and counts nothing', async (_name, token) => {
    const id = await newResource();
    const response = await events.post({ events: [ordered(id)] }, { token: await token() });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(await stored(id)).toBeNull();
  });

  it('accepts a service token and answers each event’s result', async () => {
    const id = await newResource();
    const event = ordered(id);
    const response = await events.post({ events: [event] });
    expect(response).toEqual({ status: 200, body: { results: [{ id: event.id, status: 'APPLIED' }] } });
  });
});

describe('ticket.ordered and ticket.order_cancelled', () => {
  it('count an order in its month, shown to anybody as ordersThisMonth and usage', async () => {
    const id = await newResource({ capacityPerMonth: 3 });
    expect(await usage(id)).toEqual({ ordersThisMonth: 0, usage: { period: THIS_MONTH, orders: 0, capacity: 3, capacityLeft: 3 } });
    const first = ordered(id);
    expect(await events.deliver(first, ordered(id))).toEqual([{ id: first.id, status: 'APPLIED' }, expect.objectContaining({ status: 'APPLIED' })]);
    expect(await usage(id)).toEqual({ ordersThisMonth: 2, usage: { period: THIS_MONTH, orders: 2, capacity: 3, capacityLeft: 1 } });
    expect((await usage(id, LAST_MONTH)).usage).toEqual({ period: LAST_MONTH, orders: 0, capacity: 3, capacityLeft: 3 });

    // An order counts in the month it was submitted (China time), not in the month it arrives.
    const earlier = new Date(Date.now() - 40 * 86_400_000);
    const earlierMonth = monthOf(todayInChina(earlier));
    expect((await events.deliver(ordered(id, { period: earlierMonth, orderedAt: earlier.toISOString() })))[0].status).toBe('APPLIED');
    expect((await usage(id, earlierMonth)).usage.orders).toBe(1);
    expect((await usage(id)).ordersThisMonth).toBe(2);
  });

  it('take a cancelled order off again, down to 0 and never below', async () => {
    const id = await newResource();
    const orders = [ordered(id), ordered(id)];
    await events.deliver(...orders);
    const cancellations = orders.map((order) => cancelled(order.data.ticketId, id));
    expect((await events.deliver(...cancellations)).map((result) => result.status)).toEqual(['APPLIED', 'APPLIED']);
    expect(await stored(id)).toBe(0);
    // Cancelling again, even as new events, and cancelling orders never reported take nothing more off.
    const again = [...orders.map((order) => cancelled(order.data.ticketId, id)), cancelled(ticketCode(), id)];
    expect((await events.deliver(...again)).map((result) => result.status)).toEqual(['APPLIED', 'APPLIED', 'APPLIED']);
    expect(await stored(id)).toBe(0);
    expect((await usage(id)).usage).toMatchObject({ orders: 0, capacityLeft: 10 });
  });

  it('count a ticket once, whatever number of events name it', async () => {
    const id = await newResource();
    const order = ordered(id);
    await events.deliver(order);
    const again = envelope('ticket.ordered', order.data);
    expect(await events.deliver(again)).toEqual([{ id: again.id, status: 'APPLIED' }]);
    expect(await stored(id)).toBe(1);
  });

  it('let a cancellation that arrives before its order win', async () => {
    const id = await newResource();
    const order = ordered(id);
    await events.deliver(cancelled(order.data.ticketId, id));
    expect((await events.deliver(order))[0].status).toBe('APPLIED');
    expect(await stored(id)).toBeNull();
    expect(await f.server.db.getRepository(TicketOrder).findOneBy({ ticketId: order.data.ticketId })).toMatchObject({
      status: 'CANCELLED',
      orderedAt: null,
    });
  });

  it('answer DUPLICATE to a redelivery and change nothing', async () => {
    const id = await newResource();
    const order = ordered(id);
    await events.deliver(order);
    const before = await tableCounts();
    expect(await events.deliver(order)).toEqual([{ id: order.id, status: 'DUPLICATE' }]);
    // The id decides, not the content.
    expect(await events.deliver({ ...order, data: { ...order.data, ticketId: ticketCode() } })).toEqual([{ id: order.id, status: 'DUPLICATE' }]);
    const cancel = cancelled(order.data.ticketId, id);
    await events.deliver(cancel);
    expect(await events.deliver(cancel)).toEqual([{ id: cancel.id, status: 'DUPLICATE' }]);
    expect(await stored(id)).toBe(0);
    expect((await tableCounts()).usage).toBe(before.usage);
    expect((await tableCounts()).inbox).toBe(before.inbox + 1);
  });

  it('show on menu items what the month’s orders leave of the quota', async () => {
    const id = await newResource();
    const menu = await f.request<{ createMenu: { id: string } }>(
      CREATE_MENU,
      { input: menuInput(station.id, THIS_MONTH, [{ resourceId: id, quota: 4 }]) },
      { token: f.admin },
    );
    expectNoErrors(menu);
    expectNoErrors(await f.request(`mutation($id: ID!) { publishMenu(id: $id) { id } }`, { id: menu.data!.createMenu.id }, { token: f.admin }));
    await events.deliver(ordered(id), ordered(id), ordered(id));
    const result = await f.request<{ menu: { items: { quota: number; ordered: number; quotaLeft: number }[] } }>(
      `query($id: ID!) { menu(id: $id) { items { quota ordered quotaLeft } } }`,
      { id: menu.data!.createMenu.id },
    );
    expectNoErrors(result);
    expect(result.data!.menu.items).toEqual([{ quota: 4, ordered: 3, quotaLeft: 1 }]);
    const atSite = await f.request<{
      _entities: { menu: { items: { edges: { node: { resource: { id: string }; ordered: number; quotaLeft: number } }[] } } }[];
    }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Site { menu { items(first: 100) { edges { node { resource { id } ordered quotaLeft } } } } } } }`,
      { r: [{ __typename: 'Site', id: station.id, ancestorIds: station.ancestorIds, regionCode: station.regionCode }] },
    );
    expectNoErrors(atSite);
    const item = atSite.data!._entities[0].menu.items.edges.find((edge) => edge.node.resource.id === id);
    expect(item?.node).toMatchObject({ ordered: 3, quotaLeft: 1 });
  });

  it('answer a bad period argument with BAD_USER_INPUT', async () => {
    const id = await newResource();
    const result = await f.request(USAGE, { id, period: '2026-13' });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period', reason: 'INVALID_PERIOD' });
  });
});

describe('rejects bad events, changing nothing', () => {
  let id: string;
  let orderedTicket: string;
  beforeAll(async () => {
    id = await newResource();
    const order = ordered(id);
    orderedTicket = order.data.ticketId;
    await events.deliver(order);
  });

  it.each<[string, () => ReturnType<typeof envelope>, string, string]>([
    ['no ticket id', () => ordered(id, { ticketId: undefined }), 'BAD_USER_INPUT', 'data.ticketId'],
    ['a ticket id with spaces', () => ordered(id, { ticketId: 'ticket 1' }), 'BAD_USER_INPUT', 'data.ticketId'],
    ['a malformed resource id', () => ordered('r-1'), 'BAD_USER_INPUT', 'data.resourceId'],
    ['an unknown resource', () => ordered(uuidv7()), 'NOT_FOUND', 'data.resourceId'],
    ['an unknown resource, cancelled', () => cancelled(ticketCode(), uuidv7()), 'NOT_FOUND', 'data.resourceId'],
    ['a month that does not exist', () => ordered(id, { period: '2026-13' }), 'BAD_USER_INPUT', 'data.period'],
    ['a period as a number', () => cancelled(ticketCode(), id, { period: 202611 }), 'BAD_USER_INPUT', 'data.period'],
    ['no order time', () => ordered(id, { orderedAt: 'yesterday' }), 'BAD_USER_INPUT', 'data.orderedAt'],
    ['a period before the month of the order', () => ordered(id, { period: LAST_MONTH }), 'BAD_USER_INPUT', 'data.period'],
    ['a cancellation of another resource', () => cancelled(orderedTicket, uuidv7()), 'NOT_FOUND', 'data.resourceId'],
    ['an unknown event type', () => envelope('ticket.reopened', { ticketId: ticketCode(), resourceId: id }), 'BAD_USER_INPUT', 'type'],
  ])('%s', async (_name, event, code, field) => {
    const before = await tableCounts();
    const sent = event();
    const [result] = await events.deliver(sent);
    expect(result).toMatchObject({ id: sent.id, status: 'REJECTED', code, field, message: expect.any(String) });
    expect(await tableCounts()).toEqual(before);
    expect(await stored(id)).toBe(1);
    // Rejected again, never recorded as seen.
    expect((await events.deliver(sent))[0]).toMatchObject({ status: 'REJECTED', code, field });
  });

  it('a cancellation that names another month or resource than the order', async () => {
    const other = await newResource();
    const before = await tableCounts();
    const [month, resource] = await events.deliver(cancelled(orderedTicket, id, { period: LAST_MONTH }), cancelled(orderedTicket, other));
    expect(month).toMatchObject({ status: 'REJECTED', code: 'CONFLICT', field: 'data.period' });
    expect(resource).toMatchObject({ status: 'REJECTED', code: 'CONFLICT', field: 'data.resourceId' });
    expect(await tableCounts()).toEqual(before);
    expect(await stored(id)).toBe(1);
  });

  it('a malformed delivery with 400', async () => {
    expect((await events.post({ nothing: [] })).status).toBe(400);
    expect((await events.post('not json')).status).toBe(400);
  });
});

describe('concurrent events', () => {
  it('lose no order and never take the count below 0', async () => {
    const id = await newResource({ capacityPerMonth: 100 });
    const orders = Array.from({ length: 16 }, () => ordered(id));
    const placed = await Promise.all(orders.map((order) => events.post({ events: [order] })));
    expect(placed.map((response) => response.status)).toEqual(Array(16).fill(200));
    expect(await stored(id)).toBe(16);
    // Every order cancelled twice (two events each), and cancellations of tickets never ordered, all at once.
    const cancellations = orders.flatMap((order) => [cancelled(order.data.ticketId, id), cancelled(order.data.ticketId, id)]);
    cancellations.push(...Array.from({ length: 6 }, () => cancelled(ticketCode(), id)));
    const responses = await Promise.all(cancellations.map((event) => events.post({ events: [event] })));
    expect(responses.map((response) => response.status)).toEqual(Array(cancellations.length).fill(200));
    expect(responses.flatMap((response) => response.body.results as { status: string }[]).every((result) => result.status === 'APPLIED')).toBe(true);
    expect(await stored(id)).toBe(0);
  });

  it('apply an event once when it is delivered concurrently', async () => {
    const id = await newResource();
    const order = ordered(id);
    const responses = await Promise.all(Array.from({ length: 6 }, () => events.post({ events: [order] })));
    const statuses = responses.flatMap((response) => (response.body.results as { status: string }[]).map((result) => result.status));
    expect(statuses.filter((status) => status === 'APPLIED')).toHaveLength(1);
    expect(await stored(id)).toBe(1);
  });
});

describe('SQL statements of the usage fields', () => {
  it('stay the same for 1 and for 60 resources in one request', async () => {
    const ids = await Promise.all(Array.from({ length: 60 }, (_, index) => newResource({ title: `统计用资源${index}` })));
    await events.deliver(...ids.slice(0, 30).map((id) => ordered(id)));
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Resource { ordersThisMonth usage { orders capacityLeft } lastMonth: usage(period: "${LAST_MONTH}") { orders } } } }`;
    const count = async (resourceIds: string[]) => {
      const { result, statements } = await f.server.counter.measure(() =>
        f.request(query, { r: resourceIds.map((rid) => ({ __typename: 'Resource', id: rid })) }),
      );
      expectNoErrors(result);
      return statements.length;
    };
    // The resources, then their orders of both months.
    expect(await count(ids.slice(0, 1))).toBe(2);
    expect(await count(ids)).toBe(2);
  });
});
