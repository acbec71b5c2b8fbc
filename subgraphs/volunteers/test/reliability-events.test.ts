import { InboxEvent, Role, addDays, todayInChina, uuidv7 } from '@practice/common';
import { Site } from '@practice/sites/site/site.entity';
import { SiteKind, SiteStatus } from '@practice/sites/site/site.enums';
import { VolunteerAssignment } from '../src/reliability/assignment.entity';
import { VolunteerReliability } from '../src/reliability/reliability.entity';
import { ServiceRecord } from '../src/service-record/service-record.entity';
import { VolunteersFixture, expectNoErrors, startVolunteers } from './fixture';
import { EventResult, TicketEvent, deliver, ticketCode, ticketEvent } from './ticket-events';

let f: VolunteersFixture;
let station: Site;
let otherStation: Site;

beforeAll(async () => {
  f = await startVolunteers();
  const stations = await f.sites.db
    .getRepository(Site)
    .find({ where: { kind: SiteKind.STATION, status: SiteStatus.ACTIVE }, order: { code: 'ASC' }, take: 40 });
  station = stations[0];
  otherStation = stations.find((site) => site.parentId !== station.parentId)!;
});
afterAll(() => f.close());

const RELIABILITY = `query($id: ID!) { volunteer(id: $id) { reliability {
  openAssignments accepted completed declined released ratingCount averageRating completionRate score
} } }`;

interface Reliability {
  openAssignments: number;
  accepted: number;
  completed: number;
  declined: number;
  released: number;
  ratingCount: number;
  averageRating: number | null;
  completionRate: number | null;
  score: number;
}

async function reliabilityOf(volunteerId: string, token?: string): Promise<Reliability | null> {
  const result = await f.request<{ volunteer: { reliability: Reliability | null } }>(
    RELIABILITY,
    { id: volunteerId },
    { token: token ?? (await f.token(Role.ADMIN)) },
  );
  expectNoErrors(result);
  return result.data!.volunteer.reliability;
}

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
const accepted = (ticketId: string, volunteerId: string, at = hoursAgo(5)) => ticketEvent('ticket.accepted', { ticketId, volunteerId, acceptedAt: at });
const declined = (ticketId: string, volunteerId: string, at = hoursAgo(5)) =>
  ticketEvent('ticket.declined', { ticketId, volunteerId, declinedAt: at, reason: '时间冲突' });
const released = (ticketId: string, volunteerId: string, at = hoursAgo(4)) =>
  ticketEvent('ticket.released', { ticketId, volunteerId, releasedAt: at, reason: '改派' });
const rated = (ticketId: string, volunteerIds: string[], rating: number, at = hoursAgo(1)) =>
  ticketEvent('ticket.rated', { ticketId, volunteerIds, rating, ratedAt: at });
const completed = (ticketId: string, volunteerIds: string[], at = hoursAgo(2)) =>
  ticketEvent(
    'ticket.completed',
    {
      ticketId,
      siteId: station.id,
      servedOn: addDays(todayInChina(), -1),
      content: '上门测量血压',
      participants: volunteerIds.map((volunteerId) => ({ volunteerId, hours: 1.5 })),
    },
    at,
  );

async function applied(...events: TicketEvent[]): Promise<void> {
  expect(await deliver(f, ...events)).toEqual(events.map((event) => ({ id: event.id, status: 'APPLIED' })));
}

const counters = (volunteerId: string) => f.server.db.getRepository(VolunteerReliability).findOneBy({ volunteerId });

describe('ticket events keep reliability and workload', () => {
  it('count an acceptance as an open assignment, and a redelivery as nothing', async () => {
    const volunteerId = await f.register(station.id);
    expect(await reliabilityOf(volunteerId)).toEqual({
      openAssignments: 0,
      accepted: 0,
      completed: 0,
      declined: 0,
      released: 0,
      ratingCount: 0,
      averageRating: null,
      completionRate: null,
      score: expect.closeTo(0.775, 10),
    });
    const ticketId = ticketCode();
    const event = accepted(ticketId, volunteerId);
    await applied(event);
    expect(await reliabilityOf(volunteerId)).toMatchObject({ openAssignments: 1, accepted: 1 });
    const inbox = await f.server.db.getRepository(InboxEvent).count();
    expect(await deliver(f, event)).toEqual([{ id: event.id, status: 'DUPLICATE' }]);
    // The same acceptance under another event id changes nothing either.
    await applied(accepted(ticketId, volunteerId, event.data.acceptedAt as string));
    expect(await reliabilityOf(volunteerId)).toMatchObject({ openAssignments: 1, accepted: 1 });
    expect(await f.server.db.getRepository(InboxEvent).count()).toBe(inbox + 1);
  });

  it('close the open assignment once on completion, writing the service record too', async () => {
    const [first, second] = [await f.register(station.id), await f.register(station.id)];
    const ticketId = ticketCode();
    await applied(accepted(ticketId, first), accepted(ticketCode(), first));
    const completion = completed(ticketId, [first, second]);
    await applied(completion);
    expect(await reliabilityOf(first)).toMatchObject({ openAssignments: 1, accepted: 2, completed: 1, completionRate: 1 });
    // The second participant never accepted: a completion, and no open assignment below zero.
    expect(await reliabilityOf(second)).toMatchObject({ openAssignments: 0, accepted: 0, completed: 1 });
    expect(await f.server.db.getRepository(ServiceRecord).countBy({ sourceReference: ticketId })).toBe(2);
    // A redelivery, and another completion event of the same ticket, change nothing.
    expect(await deliver(f, completion)).toEqual([{ id: completion.id, status: 'DUPLICATE' }]);
    await applied(completed(ticketId, [first, second]));
    expect(await reliabilityOf(first)).toMatchObject({ openAssignments: 1, completed: 1 });
    expect(await reliabilityOf(second)).toMatchObject({ openAssignments: 0, completed: 1 });
  });

  it('never go below zero when a completion arrives before its acceptance', async () => {
    const volunteerId = await f.register(station.id);
    const ticketId = ticketCode();
    await applied(completed(ticketId, [volunteerId], hoursAgo(2)));
    expect(await reliabilityOf(volunteerId)).toMatchObject({ openAssignments: 0, completed: 1, accepted: 0 });
    await applied(accepted(ticketId, volunteerId, hoursAgo(6)));
    expect(await reliabilityOf(volunteerId)).toMatchObject({ openAssignments: 0, completed: 1, accepted: 1 });
    const row = await counters(volunteerId);
    expect(row!.openAssignments).toBe(0);
  });

  it('count declines, and releases that close the assignment, whatever their order', async () => {
    const volunteerId = await f.register(station.id);
    const [declinedTicket, releasedTicket, lateTicket] = [ticketCode(), ticketCode(), ticketCode()];
    await applied(declined(declinedTicket, volunteerId));
    await applied(accepted(releasedTicket, volunteerId, hoursAgo(5)), released(releasedTicket, volunteerId, hoursAgo(4)));
    // A release that arrives before the acceptance it ends.
    await applied(released(lateTicket, volunteerId, hoursAgo(3)), accepted(lateTicket, volunteerId, hoursAgo(5)));
    expect(await reliabilityOf(volunteerId)).toMatchObject({ openAssignments: 0, accepted: 2, declined: 1, released: 2, completed: 0, completionRate: 0 });
    // Dispatched again after the release, and accepted: open again.
    await applied(accepted(releasedTicket, volunteerId, hoursAgo(1)));
    expect(await reliabilityOf(volunteerId)).toMatchObject({ openAssignments: 1, accepted: 3, released: 2 });
    const assignments = await f.server.db.getRepository(VolunteerAssignment).findBy({ volunteerId });
    expect(assignments).toHaveLength(3);
  });

  it('keep the newest rating of each ticket for every volunteer who served it', async () => {
    const [first, second] = [await f.register(station.id), await f.register(station.id)];
    const [one, two] = [ticketCode(), ticketCode()];
    await applied(completed(one, [first, second]), completed(two, [first]));
    await applied(rated(one, [first, second], 3, hoursAgo(1.5)), rated(two, [first], 5));
    expect(await reliabilityOf(first)).toMatchObject({ ratingCount: 2, averageRating: 4 });
    expect(await reliabilityOf(second)).toMatchObject({ ratingCount: 1, averageRating: 3 });
    // The requester changed the rating; an older one arriving late is ignored.
    await applied(rated(one, [first, second], 5, hoursAgo(0.5)), rated(one, [first, second], 1, hoursAgo(3)));
    expect(await reliabilityOf(first)).toMatchObject({ ratingCount: 2, averageRating: 5 });
    expect(await reliabilityOf(second)).toMatchObject({ ratingCount: 1, averageRating: 5 });
    const good = (await reliabilityOf(first))!.score;
    expect(good).toBeGreaterThan(0.775);
  });

  it('keep counts right under concurrent events about the same volunteer', async () => {
    const volunteerId = await f.register(station.id);
    const tickets = Array.from({ length: 8 }, () => ticketCode());
    const results = await Promise.all(tickets.map((ticketId) => deliver(f, accepted(ticketId, volunteerId))));
    expect(results.flat().map((result) => result.status)).toEqual(Array(8).fill('APPLIED'));
    const closing = await Promise.all(
      tickets.map((ticketId, index) => deliver(f, index % 2 ? released(ticketId, volunteerId) : completed(ticketId, [volunteerId], hoursAgo(2 + index / 10)))),
    );
    expect(closing.flat().map((result) => result.status)).toEqual(Array(8).fill('APPLIED'));
    expect(await reliabilityOf(volunteerId)).toMatchObject({ openAssignments: 0, accepted: 8, completed: 4, released: 4 });
  });
});

describe('invalid ticket events', () => {
  let volunteerId: string;
  beforeAll(async () => {
    volunteerId = await f.register(station.id);
  });

  it.each<[string, () => TicketEvent, string, string]>([
    ['an unknown volunteer', () => accepted(ticketCode(), uuidv7()), 'NOT_FOUND', 'data.volunteerId'],
    ['a malformed volunteer id', () => accepted(ticketCode(), 'v-1'), 'BAD_USER_INPUT', 'data.volunteerId'],
    ['a bad ticket id', () => accepted('ticket 1', volunteerId), 'BAD_USER_INPUT', 'data.ticketId'],
    ['an acceptance without its time', () => ticketEvent('ticket.accepted', { ticketId: ticketCode(), volunteerId }), 'BAD_USER_INPUT', 'data.acceptedAt'],
    ['a time without its offset', () => released(ticketCode(), volunteerId, '2030-06-01T10:00:00'), 'BAD_USER_INPUT', 'data.releasedAt'],
    [
      'a reason that is not text',
      () => ticketEvent('ticket.declined', { ticketId: ticketCode(), volunteerId, declinedAt: hoursAgo(1), reason: 7 }),
      'BAD_USER_INPUT',
      'data.reason',
    ],
    ['a rating of 6', () => rated(ticketCode(), [volunteerId], 6), 'BAD_USER_INPUT', 'data.rating'],
    ['a rating of 4.5', () => rated(ticketCode(), [volunteerId], 4.5), 'BAD_USER_INPUT', 'data.rating'],
    ['a rating of nobody', () => rated(ticketCode(), [], 4), 'BAD_USER_INPUT', 'data.volunteerIds'],
    ['a volunteer rated twice', () => rated(ticketCode(), [volunteerId, volunteerId], 4), 'BAD_USER_INPUT', 'data.volunteerIds[1]'],
    ['a rating of an unknown volunteer', () => rated(ticketCode(), [volunteerId, uuidv7()], 4), 'NOT_FOUND', 'data.volunteerIds[1]'],
  ])('reject %s, changing nothing', async (_name, event, code, field) => {
    const before = await counters(volunteerId);
    const inbox = await f.server.db.getRepository(InboxEvent).count();
    const one = event();
    const [result] = await deliver(f, one);
    expect(result).toMatchObject<Partial<EventResult>>({ id: one.id, status: 'REJECTED', code, field });
    expect(await counters(volunteerId)).toEqual(before);
    expect(await f.server.db.getRepository(InboxEvent).count()).toBe(inbox);
  });
});

describe('Volunteer.reliability', () => {
  let volunteerId: string;
  beforeAll(async () => {
    volunteerId = await f.register(station.id);
    await applied(accepted(ticketCode(), volunteerId));
  });

  it.each<[string, () => Promise<string | undefined>]>([
    ['the volunteer', () => f.token(Role.VOLUNTEER, { volunteerId })],
    ['a manager of the home site', () => f.token(Role.SITE_MANAGER, { siteIds: [station.id] })],
    ['an analyst', () => f.token(Role.ANALYST)],
    ['an admin', () => f.token(Role.ADMIN)],
  ])('is shown to %s, like the service records', async (_name, token) => {
    expect(await reliabilityOf(volunteerId, await token())).toMatchObject({ openAssignments: 1, accepted: 1 });
  });

  it.each<[string, () => Promise<string | undefined>]>([
    ['another site’s manager', () => f.token(Role.SITE_MANAGER, { siteIds: [otherStation.id] })],
    ['another volunteer', () => f.token(Role.VOLUNTEER, { volunteerId: uuidv7(), subject: 'someone-else' })],
    ['an anonymous caller', async () => undefined],
  ])('is null for %s', async (_name, token) => {
    const result = await f.request<{ volunteer: { reliability: unknown } }>(RELIABILITY, { id: volunteerId }, { token: await token() });
    expectNoErrors(result);
    expect(result.data!.volunteer.reliability).toBeNull();
  });
});
