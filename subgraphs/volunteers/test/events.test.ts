import { randomUUID } from 'node:crypto';
import { InboxEvent, Role, signInternalToken, uuidv7, addDays, todayInChina } from '@practice/common';
import { TEST_INTERNAL_SECRET } from '@practice/common/testing';
import { Site } from '@practice/sites/site/site.entity';
import { SiteKind, SiteStatus } from '@practice/sites/site/site.enums';
import { ServiceRecord } from '../src/service-record/service-record.entity';
import { ServiceSourceType } from '../src/service-record/service-record.enums';
import { VolunteersFixture, expectNoErrors, startVolunteers } from './fixture';

interface EventResult {
  id: string;
  status: 'APPLIED' | 'DUPLICATE' | 'REJECTED';
  code?: string;
  field?: string;
  message?: string;
}

let f: VolunteersFixture;
let url: URL;
let serviceToken: string;
let institute: Site;
let station: Site;

beforeAll(async () => {
  f = await startVolunteers();
  url = new URL('/internal/events', f.server.url);
  serviceToken = await signInternalToken(TEST_INTERNAL_SECRET, 'tickets');
  institute = await f.site(SiteKind.INSTITUTE, 6);
  station = await stationOf(institute, 0);
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
const day = (n: number): string => addDays(today, -n);

let serial = 0;
const ticketId = () => `T${today.replace(/-/g, '')}-${String(++serial).padStart(4, '0')}`;

interface Completed {
  ticketId: string;
  siteId: string;
  servedOn: string;
  content: string;
  participants: { volunteerId: string; hours: number }[];
}

const completed = (participants: Completed['participants'], overrides: Partial<Completed> = {}): Completed => ({
  ticketId: ticketId(),
  siteId: station.id,
  servedOn: day(1),
  content: '为独居老人维修电路',
  participants,
  ...overrides,
});

const envelope = (data: unknown, overrides: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  type: 'ticket.completed',
  source: 'tickets',
  occurredAt: new Date().toISOString(),
  data,
  ...overrides,
});

/** POSTs a body (JSON unless a string) to the event endpoint. */
async function post(body: unknown, options: { token?: string | null; method?: string } = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const token = options.token === undefined ? serviceToken : options.token;
  const response = await fetch(url, {
    method: options.method ?? 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(options.method === 'GET' ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Delivers events and answers their results (the delivery must succeed). */
async function deliver(...events: unknown[]): Promise<EventResult[]> {
  const response = await post({ events });
  expect(response.status).toBe(200);
  return response.body.results as EventResult[];
}

const recordsOfTicket = (reference: string) =>
  f.server.db.getRepository(ServiceRecord).find({ where: { sourceType: ServiceSourceType.TICKET, sourceReference: reference }, order: { volunteerId: 'ASC' } });
const recordCount = () => f.server.db.getRepository(ServiceRecord).count();
const inboxCount = () => f.server.db.getRepository(InboxEvent).count();

describe('who may deliver', () => {
  it('refuses a delivery without a token', async () => {
    const before = await recordCount();
    const volunteerId = await f.register(station.id);
    const response = await post({ events: [envelope(completed([{ volunteerId, hours: 1 }]))] }, { token: null });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(await recordCount()).toBe(before);
  });

  it.each([
    ['an admin’s client token', () => f.token(Role.ADMIN)],
    ['a site manager’s client token', () => f.token(Role.SITE_MANAGER, { siteIds: [station.id] })],
    ['a service token signed with another secret', () => signInternalToken('not-the-internal-secret-at-all-0123456789', 'tickets')],
    ['a malformed token', async () => 'not.a.token'],
  ])('refuses %s', async (_name, token) => {
    const before = await recordCount();
    const volunteerId = await f.register(station.id);
    const response = await post({ events: [envelope(completed([{ volunteerId, hours: 1 }]))] }, { token: await token() });
    expect(response.status).toBe(401);
    expect(await recordCount()).toBe(before);
  });

  it('accepts a service token and answers each event’s result', async () => {
    const volunteerId = await f.register(station.id);
    const event = envelope(completed([{ volunteerId, hours: 1 }]));
    const response = await post({ events: [event] });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ results: [{ id: event.id, status: 'APPLIED' }] });
  });

  it('answers 405 to GET', async () => {
    const response = await post(undefined, { method: 'GET' });
    expect(response.status).toBe(405);
  });
});

describe('ticket.completed', () => {
  it('writes one PENDING TICKET record per participant, visible in serviceRecords', async () => {
    const first = await f.register(station.id, { name: '陈一' });
    const second = await f.register(station.id, { name: '陈二' });
    const data = completed([
      { volunteerId: first, hours: 2.5 },
      { volunteerId: second, hours: 3 },
    ]);
    const event = envelope(data);
    expect(await deliver(event)).toEqual([{ id: event.id, status: 'APPLIED' }]);

    const rows = await recordsOfTicket(data.ticketId);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toMatchObject({ siteId: station.id, sitePath: station.path, regionCode: station.regionCode, servedOn: data.servedOn, content: data.content });
    }

    const manager = await f.token(Role.SITE_MANAGER, { siteIds: [station.id] });
    const result = await f.request<{ serviceRecords: { totalCount: number; edges: { node: Record<string, unknown> }[] } }>(
      `query($filter: ServiceRecordFilter) { serviceRecords(filter: $filter) { totalCount edges { node { status hours sourceType sourceReference recordedBy servedOn volunteer { id } site { id } } } } }`,
      { filter: { siteId: station.id, sourceType: 'TICKET', from: data.servedOn, to: data.servedOn } },
      { token: manager },
    );
    expectNoErrors(result);
    const nodes = result.data!.serviceRecords.edges.map((edge) => edge.node).filter((node) => node.sourceReference === data.ticketId);
    expect(nodes).toHaveLength(2);
    expect(nodes).toEqual(
      expect.arrayContaining([
        {
          status: 'PENDING',
          hours: 2.5,
          sourceType: 'TICKET',
          sourceReference: data.ticketId,
          recordedBy: 'tickets',
          servedOn: data.servedOn,
          volunteer: { id: first },
          site: { id: station.id },
        },
        {
          status: 'PENDING',
          hours: 3,
          sourceType: 'TICKET',
          sourceReference: data.ticketId,
          recordedBy: 'tickets',
          servedOn: data.servedOn,
          volunteer: { id: second },
          site: { id: station.id },
        },
      ]),
    );

    // The site's managers verify them like any other record.
    const verified = await f.request<{ verifyServiceRecord: { status: string } }>(
      `mutation($id: ID!) { verifyServiceRecord(id: $id) { status } }`,
      { id: rows[0].id },
      { token: manager },
    );
    expectNoErrors(verified);
    expect(verified.data!.verifyServiceRecord.status).toBe('VERIFIED');
  });

  it('answers DUPLICATE to a redelivery and writes nothing', async () => {
    const volunteerId = await f.register(station.id);
    const data = completed([{ volunteerId, hours: 2 }]);
    const event = envelope(data);
    expect(await deliver(event)).toEqual([{ id: event.id, status: 'APPLIED' }]);
    const before = await recordCount();
    const inbox = await inboxCount();
    expect(await deliver(event)).toEqual([{ id: event.id, status: 'DUPLICATE' }]);
    expect(await deliver({ ...event, data: completed([{ volunteerId, hours: 5 }]) })).toEqual([{ id: event.id, status: 'DUPLICATE' }]);
    expect(await recordCount()).toBe(before);
    expect(await inboxCount()).toBe(inbox);
    expect(await recordsOfTicket(data.ticketId)).toHaveLength(1);
  });

  it('applies a new event about the same ticket without new records', async () => {
    const volunteerId = await f.register(station.id);
    const data = completed([{ volunteerId, hours: 2 }]);
    expect((await deliver(envelope(data)))[0].status).toBe('APPLIED');
    const [before] = await recordsOfTicket(data.ticketId);
    const again = envelope({ ...data, participants: [{ volunteerId, hours: 4 }] });
    expect(await deliver(again)).toEqual([{ id: again.id, status: 'APPLIED' }]);
    expect(await recordsOfTicket(data.ticketId)).toEqual([before]);
  });

  it('rejects an unknown event type', async () => {
    const volunteerId = await f.register(station.id);
    const event = envelope(completed([{ volunteerId, hours: 1 }]), { type: 'ticket.exploded' });
    const before = await recordCount();
    const [result] = await deliver(event);
    expect(result).toMatchObject({ id: event.id, status: 'REJECTED', code: 'BAD_USER_INPUT', field: 'type' });
    expect(await recordCount()).toBe(before);
  });

  describe('rejects invalid data, writing nothing for the event', () => {
    let valid: string;
    let second: string;
    beforeAll(async () => {
      valid = await f.register(station.id);
      second = await f.register(station.id);
    });

    it.each<[string, () => Promise<Completed>, string, string, string?]>([
      [
        'zero hours',
        async () =>
          completed([
            { volunteerId: valid, hours: 1 },
            { volunteerId: second, hours: 0 },
          ]),
        'BAD_USER_INPUT',
        'data.participants[1].hours',
      ],
      [
        'more than 24 hours',
        async () =>
          completed([
            { volunteerId: valid, hours: 1 },
            { volunteerId: second, hours: 24.5 },
          ]),
        'BAD_USER_INPUT',
        'data.participants[1].hours',
      ],
      [
        'three decimals',
        async () =>
          completed([
            { volunteerId: valid, hours: 1 },
            { volunteerId: second, hours: 1.234 },
          ]),
        'BAD_USER_INPUT',
        'data.participants[1].hours',
      ],
      ['hours as text', async () => completed([{ volunteerId: valid, hours: '2' as unknown as number }]), 'BAD_USER_INPUT', 'data.participants[0].hours'],
      [
        'an unknown volunteer',
        async () =>
          completed([
            { volunteerId: valid, hours: 1 },
            { volunteerId: uuidv7(), hours: 1 },
          ]),
        'NOT_FOUND',
        'data.participants[1].volunteerId',
      ],
      ['a malformed volunteer id', async () => completed([{ volunteerId: 'v-1', hours: 1 }]), 'BAD_USER_INPUT', 'data.participants[0].volunteerId'],
      [
        'a duplicated participant',
        async () =>
          completed([
            { volunteerId: valid, hours: 1 },
            { volunteerId: second, hours: 1 },
            { volunteerId: valid, hours: 2 },
          ]),
        'BAD_USER_INPUT',
        'data.participants[2].volunteerId',
      ],
      ['no participants', async () => completed([]), 'BAD_USER_INPUT', 'data.participants'],
      ['an unknown site', async () => completed([{ volunteerId: valid, hours: 1 }], { siteId: uuidv7() }), 'NOT_FOUND', 'data.siteId'],
      [
        'a future day',
        async () => completed([{ volunteerId: valid, hours: 1 }], { servedOn: addDays(today, 1) }),
        'BAD_USER_INPUT',
        'data.servedOn',
        'DATE_IN_FUTURE',
      ],
      ['a day that does not exist', async () => completed([{ volunteerId: valid, hours: 1 }], { servedOn: '2025-02-29' }), 'BAD_USER_INPUT', 'data.servedOn'],
      ['a day before 2000', async () => completed([{ volunteerId: valid, hours: 1 }], { servedOn: '1999-12-31' }), 'BAD_USER_INPUT', 'data.servedOn'],
      ['no content', async () => completed([{ volunteerId: valid, hours: 1 }], { content: ' ' }), 'BAD_USER_INPUT', 'data.content'],
      ['a bad ticket id', async () => completed([{ volunteerId: valid, hours: 1 }], { ticketId: 'ticket 1' }), 'BAD_USER_INPUT', 'data.ticketId'],
      [
        'a participant over the daily limit',
        async () => {
          const busy = await f.register(station.id);
          expect((await deliver(envelope(completed([{ volunteerId: busy, hours: 20 }], { servedOn: day(3) }))))[0].status).toBe('APPLIED');
          return completed(
            [
              { volunteerId: valid, hours: 3 },
              { volunteerId: busy, hours: 5 },
            ],
            { servedOn: day(3) },
          );
        },
        'BAD_USER_INPUT',
        'data.participants[1].hours',
      ],
    ])('%s', async (_name, data, code, field) => {
      const payload = await data();
      const event = envelope(payload);
      const records = await recordCount();
      const inbox = await inboxCount();
      const [result] = await deliver(event);
      expect(result).toMatchObject({ id: event.id, status: 'REJECTED', code, field });
      expect(result.message).toEqual(expect.any(String));
      expect(await recordsOfTicket(payload.ticketId)).toEqual([]);
      expect(await recordCount()).toBe(records);
      expect(await inboxCount()).toBe(inbox);
      // A rejected event is rejected again, never recorded as seen.
      expect((await deliver(event))[0]).toMatchObject({ status: 'REJECTED', code, field });
    });
  });

  it('applies several events of one delivery in order, each with its result', async () => {
    const volunteerId = await f.register(station.id);
    const first = envelope(completed([{ volunteerId, hours: 10 }], { servedOn: day(2) }));
    const unknown = envelope({}, { type: 'ticket.reopened' });
    const over = envelope(completed([{ volunteerId, hours: 15 }], { servedOn: day(2) }));
    const fits = envelope(completed([{ volunteerId, hours: 14 }], { servedOn: day(2) }));
    const results = await deliver(first, unknown, over, fits, first);
    expect(results).toEqual([
      { id: first.id, status: 'APPLIED' },
      expect.objectContaining({ id: unknown.id, status: 'REJECTED', code: 'BAD_USER_INPUT', field: 'type' }),
      expect.objectContaining({ id: over.id, status: 'REJECTED', code: 'BAD_USER_INPUT', field: 'data.participants[0].hours' }),
      { id: fits.id, status: 'APPLIED' },
      { id: first.id, status: 'DUPLICATE' },
    ]);
    const rows = await f.server.db.getRepository(ServiceRecord).findBy({ volunteerId });
    expect(rows.map((row) => row.hoursHundredths).sort((x, y) => x - y)).toEqual([1000, 1400]);
  });

  it('applies concurrent events that name the same volunteers in different orders', async () => {
    const volunteers = await Promise.all(Array.from({ length: 5 }, () => f.register(station.id)));
    const orders = Array.from({ length: 12 }, (_, index) => {
      const rotated = [...volunteers.slice(index % 5), ...volunteers.slice(0, index % 5)];
      return index % 2 ? rotated.reverse() : rotated;
    });
    const events = orders.map((order) =>
      envelope(
        completed(
          order.map((volunteerId) => ({ volunteerId, hours: 0.5 })),
          { servedOn: day(4) },
        ),
      ),
    );
    const responses = await Promise.all(events.map((event) => post({ events: [event] })));
    expect(responses.map((response) => response.status)).toEqual(Array(events.length).fill(200));
    expect(responses.map((response) => response.body.results)).toEqual(events.map((event) => [{ id: event.id, status: 'APPLIED' }]));
    for (const volunteerId of volunteers) expect(await f.server.db.getRepository(ServiceRecord).countBy({ volunteerId })).toBe(events.length);
  });

  it('keeps the daily limit when concurrent events share some of their volunteers', async () => {
    const [first, second] = (await Promise.all([f.register(station.id), f.register(station.id)])).sort();
    // Events naming both volunteers lock the first one before the second; the others only the second.
    const events = Array.from({ length: 12 }, (_, index) =>
      envelope(
        completed(
          index % 2
            ? [
                { volunteerId: first, hours: 1 },
                { volunteerId: second, hours: 5 },
              ]
            : [{ volunteerId: second, hours: 5 }],
          { servedOn: day(5) },
        ),
      ),
    );
    const responses = await Promise.all(events.map((event) => post({ events: [event] })));
    const results = responses.map((response) => (response.body.results as EventResult[])[0]);
    expect(results.filter((result) => result.status === 'APPLIED')).toHaveLength(4);
    for (const result of results.filter((one) => one.status !== 'APPLIED')) {
      expect(result).toMatchObject({ status: 'REJECTED', code: 'BAD_USER_INPUT', field: expect.stringMatching(/^data\.participants\[[01]\]\.hours$/) });
    }
    const rows = await f.server.db.getRepository(ServiceRecord).findBy({ volunteerId: second });
    expect(rows.reduce((sum, row) => sum + row.hoursHundredths, 0)).toBe(2000);
  });

  it('applies an event once when it is delivered concurrently', async () => {
    const first = await f.register(station.id);
    const second = await f.register(station.id);
    const data = completed([
      { volunteerId: first, hours: 2 },
      { volunteerId: second, hours: 2 },
    ]);
    const event = envelope(data);
    const inbox = await inboxCount();
    const responses = await Promise.all(Array.from({ length: 10 }, () => post({ events: [event] })));
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    const statuses = responses.map((response) => (response.body.results as EventResult[])[0].status);
    expect(statuses.filter((status) => status === 'APPLIED')).toHaveLength(1);
    expect(statuses.filter((status) => status === 'DUPLICATE')).toHaveLength(9);
    expect(await recordsOfTicket(data.ticketId)).toHaveLength(2);
    expect(await inboxCount()).toBe(inbox + 1);
  });
});

describe('malformed deliveries', () => {
  let volunteerId: string;
  beforeAll(async () => {
    volunteerId = await f.register(station.id);
  });

  it.each<[string, () => unknown]>([
    ['a body that is not JSON', () => '{"events": ['],
    ['a body without events', () => ({ event: [] })],
    ['events that are not a list', () => ({ events: { id: randomUUID() } })],
    ['more than 100 events', () => ({ events: Array.from({ length: 101 }, () => envelope(completed([{ volunteerId, hours: 0.01 }]))) })],
    ['an event without an id', () => ({ events: [{ ...envelope(completed([{ volunteerId, hours: 1 }])), id: undefined }] })],
    ['an event whose id is not a UUID', () => ({ events: [envelope(completed([{ volunteerId, hours: 1 }]), { id: 'event-1' })] })],
    ['a good event beside an event without data', () => ({ events: [envelope(completed([{ volunteerId, hours: 1 }])), envelope(null)] })],
    ['an event without a type', () => ({ events: [envelope(completed([{ volunteerId, hours: 1 }]), { type: undefined })] })],
    ['a JSON array', () => [envelope(completed([{ volunteerId, hours: 1 }]))]],
  ])('answers 400 to %s and writes nothing', async (_name, body) => {
    const records = await recordCount();
    const inbox = await inboxCount();
    const response = await post(body());
    expect(response.status).toBe(400);
    expect(await recordCount()).toBe(records);
    expect(await inboxCount()).toBe(inbox);
  });

  it('accepts exactly 100 events', async () => {
    // Events of a type nobody handles: cheap to answer, and each still gets its result.
    const events = Array.from({ length: 100 }, () => envelope({}, { type: 'ticket.archived' }));
    const results = await deliver(...events);
    expect(results.map((result) => result.id)).toEqual(events.map((event) => event.id));
    expect(new Set(results.map((result) => result.status))).toEqual(new Set(['REJECTED']));
  });
});
