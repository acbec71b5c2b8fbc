import { Role } from '@practice/common';
import { Site } from '@practice/sites/site/site.entity';
import { SiteKind } from '@practice/sites/site/site.enums';
import type { DataSource } from 'typeorm';
import { READ, SUBMIT, TicketsFixture, errorOf, expectNoErrors, requestInput, startTickets } from './fixture';

let f: TicketsFixture;
let station: Site;
let manager: string;
let citizen: string;

/** Row counts of every table of the subgraph, to prove that a refused submission left nothing. */
async function counts(db: DataSource): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of ['ticket', 'ticket_event', 'ticket_scope', 'ticket_counter', 'outbox_event']) {
    result[table] = Number((await db.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  }
  return result;
}

const submit = (input: Record<string, unknown>, token = citizen) =>
  f.request<{ submitTicket: { id: string; code: string; requester: { name: string | null; phone: string | null } } }>(SUBMIT, { input }, { token });

beforeAll(async () => {
  f = await startTickets();
  station = await f.site(SiteKind.STATION, 7);
  manager = await f.token(Role.SITE_MANAGER, { siteIds: [station.id], subject: 'hotline-operator' });
  citizen = await f.token(Role.CITIZEN, { subject: 'wx-intake' });
});
afterAll(() => f?.close());

describe('submitTicket', () => {
  it('answers concurrent retries with the same key with one ticket, and the key with other content with CONFLICT', async () => {
    const input = requestInput(station.id);
    const before = await counts(f.server.db);
    const results = await Promise.all(Array.from({ length: 8 }, () => submit(input)));
    results.forEach(expectNoErrors);
    expect(new Set(results.map((r) => r.data!.submitTicket.id)).size).toBe(1);
    const after = await counts(f.server.db);
    expect([after.ticket - before.ticket, after.ticket_event - before.ticket_event]).toEqual([1, 1]);
    expect(errorOf(await submit({ ...input, title: '另一件事情' }))).toMatchObject({
      code: 'CONFLICT',
      field: 'input.idempotencyKey',
      reason: 'IDEMPOTENCY_KEY_REUSED',
    });
    // Keys are per account: another citizen's ticket with the same key is theirs.
    expectNoErrors(await submit(input, await f.token(Role.CITIZEN, { subject: 'wx-other' })));
  });

  it('takes a hotline call for someone else from the serving site’s staff, with the caller’s name and phone', async () => {
    const input = requestInput(station.id, { channel: 'HOTLINE_12345', requester: { name: '张阿姨', phone: '13951234567' } });
    const taken = await submit(input, manager);
    expectNoErrors(taken);
    expect(taken.data!.submitTicket.requester).toEqual({ hasAccount: false, name: '张阿姨', phone: '13951234567' });
    expect(errorOf(await submit({ ...input, idempotencyKey: 'hotline-no-requester', requester: null }, manager))).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'REQUESTER_REQUIRED',
    });
    expect(errorOf(await submit({ ...input, idempotencyKey: 'hotline-by-citizen' }, citizen))).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_SITE_MANAGER' });
    const elsewhere = await f.token(Role.SITE_MANAGER, { siteIds: [(await f.site(SiteKind.STATION, 8)).id] });
    expect(errorOf(await submit({ ...input, idempotencyKey: 'hotline-elsewhere' }, elsewhere))).toMatchObject({ code: 'FORBIDDEN' });
    expect(errorOf(await submit(requestInput(station.id), manager))).toMatchObject({ code: 'FORBIDDEN', reason: 'SELF_SERVICE_CHANNEL' });
    expect(errorOf(await submit(requestInput(station.id), await f.token(Role.ANALYST)))).toMatchObject({ code: 'FORBIDDEN', reason: 'ANALYST_READ_ONLY' });
    expect(errorOf(await f.request(SUBMIT, { input: requestInput(station.id) })).code).toBe('UNAUTHENTICATED');
  });

  it('checks an order’s answers against the resource’s order form and copies its category and publisher', async () => {
    const resourceId = await f.resource(station.parentId!);
    const order = (answers: unknown[]) => requestInput(station.id, { kind: 'ORDER', resourceId, categoryCode: null, formAnswers: answers });
    const placed = await submit(
      order([
        { key: 'appliance', value: 'fridge' },
        { key: 'people', value: '2' },
      ]),
    );
    expectNoErrors(placed);
    const read = await f.request<{ ticket: { categoryCode: string; formAnswers: unknown[] } }>(READ, { id: placed.data!.submitTicket.id }, { token: citizen });
    expect(read.data!.ticket).toMatchObject({
      categoryCode: 'SERVICE.LIVELIHOOD',
      formAnswers: [
        { key: 'appliance', value: 'fridge' },
        { key: 'people', value: '2' },
      ],
    });
    const cases: [unknown[], string][] = [
      [[], 'input.formAnswers'],
      [[{ key: 'appliance', value: 'oven' }], 'input.formAnswers[0].value'],
      [
        [
          { key: 'appliance', value: 'tv' },
          { key: 'people', value: '11' },
        ],
        'input.formAnswers[1].value',
      ],
      [
        [
          { key: 'appliance', value: 'tv' },
          { key: 'people', value: 'two' },
        ],
        'input.formAnswers[1].value',
      ],
      [
        [
          { key: 'appliance', value: 'tv' },
          { key: 'colour', value: 'red' },
        ],
        'input.formAnswers[1].key',
      ],
    ];
    for (const [answers, field] of cases) {
      const before = await counts(f.server.db);
      expect([field, errorOf(await submit(order(answers)))]).toMatchObject([field, { code: 'BAD_USER_INPUT', field }]);
      expect(await counts(f.server.db)).toEqual(before);
    }
  });

  describe('rejects invalid input with the field, writing nothing', () => {
    const cases: [string, () => Record<string, unknown>, string, string][] = [
      ['a short key', () => requestInput(station.id, { idempotencyKey: 'k' }), 'input.idempotencyKey', ''],
      ['an unknown kind', () => requestInput(station.id, { kind: 'COMPLAINT' }), '', ''],
      ['a one-character title', () => requestInput(station.id, { title: '修' }), 'input.title', ''],
      ['a control character', () => requestInput(station.id, { description: '电路\u0000坏了' }), 'input.description', ''],
      ['a latitude of 91', () => requestInput(station.id, { location: { latitude: 91, longitude: 120 } }), 'input.location.latitude', ''],
      ['an unknown site', () => requestInput('018f0000-0000-7000-8000-000000000000'), 'input.servingSiteId', ''],
      ['an unknown category', () => requestInput(station.id, { categoryCode: 'SERVICE.NOPE' }), 'input.categoryCode', ''],
      ['an unknown skill', () => requestInput(station.id, { neededSkillCodes: ['REPAIR.NOPE'] }), 'input.neededSkillCodes[0]', ''],
      ['an order without a resource', () => requestInput(station.id, { kind: 'ORDER' }), 'input.resourceId', 'RESOURCE_REQUIRED'],
      [
        'a request naming a resource',
        () => requestInput(station.id, { resourceId: '018f0000-0000-7000-8000-000000000000' }),
        'input.resourceId',
        'NOT_AN_ORDER',
      ],
      [
        'an unknown resource',
        () => requestInput(station.id, { kind: 'ORDER', resourceId: '018f0000-0000-7000-8000-000000000000' }),
        'input.resourceId',
        'UNKNOWN_RESOURCE',
      ],
      [
        'a reversed window',
        () =>
          requestInput(station.id, { desiredFrom: new Date(Date.now() + 7_200_000).toISOString(), desiredTo: new Date(Date.now() + 3_600_000).toISOString() }),
        'input.desiredTo',
        'WINDOW_REVERSED',
      ],
      [
        'a window two years ahead',
        () => requestInput(station.id, { desiredFrom: new Date(Date.now() + 2 * 366 * 86_400_000).toISOString() }),
        'input.desiredFrom',
        'OUT_OF_RANGE',
      ],
    ];
    it.each(cases)('%s', async (_name, input, field, reason) => {
      const before = await counts(f.server.db);
      const error = errorOf(await submit(input()));
      expect(error).toMatchObject({
        code: field === 'input.servingSiteId' ? 'NOT_FOUND' : 'BAD_USER_INPUT',
        ...(field ? { field } : {}),
        ...(reason ? { reason } : {}),
      });
      expect(await counts(f.server.db)).toEqual(before);
    });
  });
});
