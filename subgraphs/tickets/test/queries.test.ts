import { Role } from '@practice/common';
import { Site } from '@practice/sites/site/site.entity';
import { SiteKind } from '@practice/sites/site/site.enums';
import { Ticket } from '../src/ticket/ticket.entity';
import { READ, SUBMIT, TicketsFixture, errorOf, expectNoErrors, requestInput, requestStatements, startTickets } from './fixture';

let f: TicketsFixture;
let institute: Site;
let station: Site;
let otherStation: Site;
let manager: string;
let citizen: string;
let volunteer: { id: string; token: string };
let hotlineTicket: string;
let ownTicket: string;

const LIST = `query($filter: TicketFilter, $first: Int, $after: String) { tickets(filter: $filter, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id code status kind channel overdue } } } }`;
const list = async (filter: Record<string, unknown>, token?: string, first = 50) => {
  const result = await f.request<{
    tickets: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { id: string; status: string; overdue: boolean } }[] };
  }>(LIST, { filter, first }, token ? { token } : {});
  expectNoErrors(result);
  return result.data!.tickets;
};
const submit = async (site: Site, overrides: Record<string, unknown> = {}, token = citizen) => {
  const result = await f.request<{ submitTicket: { id: string } }>(SUBMIT, { input: requestInput(site.id, overrides) }, { token });
  expectNoErrors(result);
  return result.data!.submitTicket.id;
};

beforeAll(async () => {
  f = await startTickets();
  institute = await f.site(SiteKind.INSTITUTE, 4);
  station = await f.childOf(institute, SiteKind.STATION, 0);
  otherStation = await f.childOf(await f.site(SiteKind.INSTITUTE, 5), SiteKind.STATION, 0);
  manager = await f.token(Role.SITE_MANAGER, { siteIds: [station.id], subject: 'station-manager' });
  citizen = await f.token(Role.CITIZEN, { subject: 'wx-queries' });
  volunteer = await f.volunteer(station.id, '周服务');
  hotlineTicket = await submit(
    station,
    { channel: 'HOTLINE_12345', requester: { name: '陈大爷', phone: '13912345678' }, address: '梅李镇赵市村5组12号' },
    manager,
  );
  ownTicket = await submit(station, { categoryCode: 'SERVICE.HEALTH.CHECKUP' });
  await submit(otherStation, { categoryCode: 'SERVICE.LEGAL' }, await f.token(Role.CITIZEN, { subject: 'wx-elsewhere' }));
  expectNoErrors(
    await f.request(
      `mutation($input: DispatchTicketInput!) { dispatchTicket(input: $input) { id } }`,
      { input: { id: hotlineTicket, volunteerId: volunteer.id } },
      { token: manager },
    ),
  );
});
afterAll(() => f?.close());

describe('personal data of requesters', () => {
  const requesterOf = async (token?: string) => {
    const result = await f.request<{ ticket: { requester: { name: string | null; phone: string | null }; address: string | null; latitude: number } | null }>(
      READ,
      { id: hotlineTicket },
      token ? { token } : {},
    );
    expectNoErrors(result);
    return result.data!.ticket;
  };

  it('is in full for the serving site’s managers and above, admins, and the volunteer while serving', async () => {
    for (const token of [manager, await f.token(Role.SITE_MANAGER, { siteIds: [institute.id] }), f.admin]) {
      expect(await requesterOf(token)).toMatchObject({
        requester: { name: '陈大爷', phone: '13912345678' },
        address: '梅李镇赵市村5组12号',
        latitude: 31.6543,
      });
    }
    // Dispatched but not yet taken: the volunteer sees the ticket, not the person.
    expect(await requesterOf(volunteer.token)).toMatchObject({ requester: { name: '陈**', phone: '139****5678' }, address: null, latitude: 31.65 });
    expectNoErrors(
      await f.request(
        `mutation($input: TicketNoteInput!) { acceptTicket(input: $input) { id } }`,
        { input: { id: hotlineTicket } },
        { token: volunteer.token },
      ),
    );
    expect(await requesterOf(volunteer.token)).toMatchObject({ requester: { name: '陈大爷', phone: '13912345678' }, address: '梅李镇赵市村5组12号' });
  });

  it('is masked for analysts and hidden from those who may not see the ticket', async () => {
    expect(await requesterOf(await f.token(Role.ANALYST))).toMatchObject({ requester: { name: '陈**', phone: '139****5678' }, address: null, latitude: 31.65 });
    expect(await requesterOf(await f.token(Role.SITE_MANAGER, { siteIds: [otherStation.id] }))).toBeNull();
    expect(await requesterOf(await f.token(Role.CITIZEN, { subject: 'wx-stranger' }))).toBeNull();
    expect(await requesterOf()).toBeNull();
  });
});

describe('tickets', () => {
  it('lists what each caller may see: their own, their site’s subtree, everything for admins and analysts', async () => {
    const ids = async (token?: string) => (await list({}, token)).edges.map((edge) => edge.node.id);
    expect(await ids(citizen)).toEqual([ownTicket]);
    expect(new Set(await ids(manager))).toEqual(new Set([hotlineTicket, ownTicket]));
    expect((await ids(f.admin)).length).toBe(3);
    expect((await ids(await f.token(Role.ANALYST))).length).toBe(3);
    expect(await ids()).toEqual([]);
    expect(await ids(volunteer.token)).toEqual([hotlineTicket]);
  });

  it('filters by status, channel, category with the terms below it, site subtree, region prefix and submission time', async () => {
    const count = async (filter: Record<string, unknown>) => (await list(filter, f.admin)).totalCount;
    expect(await count({ statuses: ['ACCEPTED'] })).toBe(1);
    expect(await count({ channels: ['HOTLINE_12345'] })).toBe(1);
    expect(await count({ categoryCodes: ['SERVICE.HEALTH'] })).toBe(1);
    expect(await count({ categoryCodes: ['SERVICE.HEALTH', 'SERVICE.LEGAL'] })).toBe(2);
    expect(await count({ siteId: institute.id })).toBe(2);
    expect(await count({ regionCodePrefix: otherStation.regionCode.slice(0, 9) })).toBe(1);
    expect(await count({ assignedVolunteerId: volunteer.id })).toBe(1);
    expect(await count({ submittedFrom: new Date(Date.now() - 60_000).toISOString(), submittedTo: new Date(Date.now() + 60_000).toISOString() })).toBe(3);
    expect(await count({ submittedFrom: new Date(Date.now() + 60_000).toISOString() })).toBe(0);
    const bad = await f.request(LIST, { filter: { regionCodePrefix: '3205X' } }, { token: f.admin });
    expect(errorOf(bad)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.regionCodePrefix' });
  });

  it('pages newest first with cursors', async () => {
    const first = await list({}, f.admin, 2);
    expect(first.edges).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await f.request<{ tickets: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean } } }>(
      LIST,
      { first: 2, after: first.pageInfo.endCursor },
      { token: f.admin },
    );
    expect(rest.data!.tickets.edges).toHaveLength(1);
    expect(rest.data!.tickets.pageInfo.hasNextPage).toBe(false);
    expect(errorOf(await f.request(LIST, { first: 501 }, { token: f.admin }))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PAGE_SIZE_OUT_OF_RANGE' });
  });

  it('flags tickets past a deadline, lists them, and lets the manager re-dispatch an overdue one', async () => {
    const late = await submit(station);
    const other = await f.volunteer(station.id);
    expectNoErrors(
      await f.request(
        `mutation($input: DispatchTicketInput!) { dispatchTicket(input: $input) { id } }`,
        { input: { id: late, volunteerId: volunteer.id } },
        { token: manager },
      ),
    );
    // Time passes: the completion deadline is behind us.
    await f.server.db.getRepository(Ticket).update({ id: late }, { completionDueAt: new Date(Date.now() - 3_600_000) });
    const overdue = await list({ overdue: true }, manager);
    expect(overdue.edges.map((edge) => edge.node.id)).toEqual([late]);
    expect((await list({ overdue: false }, manager)).edges.map((edge) => edge.node.id)).not.toContain(late);
    const read = await f.request<{ ticket: { overdue: boolean; overdueKind: string } }>(READ, { id: late }, { token: manager });
    expect(read.data!.ticket).toMatchObject({ overdue: true, overdueKind: 'COMPLETION' });
    expectNoErrors(
      await f.request(
        `mutation($input: DispatchTicketInput!) { redispatchTicket(input: $input) { id } }`,
        { input: { id: late, volunteerId: other.id, note: '超时改派' } },
        { token: manager },
      ),
    );
  });

  it('finds a ticket by its code, and the requester’s own tickets', async () => {
    const code = (await f.request<{ ticket: { code: string } }>(READ, { id: ownTicket }, { token: citizen })).data!.ticket.code;
    const byCode = await f.request<{ ticketByCode: { id: string } }>(
      `query($code: String!) { ticketByCode(code: $code) { id } }`,
      { code },
      { token: citizen },
    );
    expect(byCode.data!.ticketByCode.id).toBe(ownTicket);
    const mine = await f.request<{ myTickets: { edges: { node: { id: string } }[] } }>(`{ myTickets { edges { node { id } } } }`, {}, { token: citizen });
    const own = mine.data!.myTickets.edges.map((edge) => edge.node.id);
    expect(own).toContain(ownTicket);
    expect(own).not.toContain(hotlineTicket);
    const assignments = await f.request<{ myAssignments: { totalCount: number } }>(`{ myAssignments { totalCount } }`, {}, { token: volunteer.token });
    expect(assignments.data!.myAssignments.totalCount).toBeGreaterThanOrEqual(1);
  });
});

describe('fields on other subgraphs’ entities, in a constant number of statements', () => {
  const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
    ... on Site { openTicketCount tickets(first: 3) { totalCount edges { node { code } } } }
    ... on Volunteer { assignedTickets(first: 3) { totalCount edges { node { code } } } }
  } }`;

  it('lists tickets with their histories, follow-ups and originals in the same statements for 2 and for 50', async () => {
    const citizenToken = await f.token(Role.CITIZEN, { subject: 'wx-bulk' });
    for (let i = 0; i < 50; i++) await submit(station, { title: `批量工单${i}` }, citizenToken);
    const query = `query($first: Int!) { tickets(first: $first) { totalCount edges { node { code history { action actor } followUps { note } duplicateOf { id } servingSite { id } } } } }`;
    const measure = async (first: number) => {
      const { result, statements } = await f.server.counter.measure(() => f.request(query, { first }, { token: f.admin }));
      expectNoErrors(result);
      return requestStatements(statements).length;
    };
    // The page, its count, the events and the follow-ups.
    expect(await measure(50)).toBe(await measure(2));
    expect(await measure(50)).toBeLessThanOrEqual(4);
  });

  it('gives Site.tickets, Site.openTicketCount and Volunteer.assignedTickets for many entities at once', async () => {
    const sites = (await f.sites.db.getRepository(Site).find({ order: { code: 'ASC' }, take: 200 })).map((site) => ({ __typename: 'Site', id: site.id }));
    const measure = async (representations: unknown[]) => {
      const { result, statements } = await f.server.counter.measure(() =>
        f.request<{ _entities: Record<string, unknown>[] }>(ENTITIES, { r: representations }, { token: f.admin }),
      );
      expectNoErrors(result);
      return { entities: result.data!._entities, statements: requestStatements(statements).length };
    };
    const few = await measure(sites.slice(0, 3));
    const many = await measure([...sites, { __typename: 'Volunteer', id: volunteer.id }]);
    expect(many.statements).toBe(few.statements + 2);
    expect(many.statements).toBeLessThanOrEqual(6);
    const at = many.entities[sites.findIndex((site) => site.id === institute.parentId)] as { openTicketCount: number; tickets: { totalCount: number } };
    expect(at.openTicketCount).toBeGreaterThanOrEqual(3);
    expect((many.entities.at(-1) as { assignedTickets: { totalCount: number } }).assignedTickets.totalCount).toBeGreaterThanOrEqual(1);
  });
});
