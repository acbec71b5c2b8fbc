import { UUID_PATTERN } from '@practice/common';
import { seedDemoVolunteers } from '@practice/volunteers/demo/seed';
import { Ticket } from '../src/ticket/ticket.entity';
import { TicketStatus } from '../src/ticket/ticket.enums';
import { TicketEvent } from '../src/ticket/ticket-event.entity';
import { seedDemoTickets } from '../src/demo/seed';
import { MONTH_STATS_KEYS, MONTH_STATS_TABLE, rebuildMonthStats } from '../src/analytics/month-stats';
import { TicketsFixture, startTickets } from './fixture';

/**
 * The demo tickets as the database holds them, against the volunteers demo in its own database:
 * every hour the volunteers subgraph says came from a ticket is a completed ticket here, and every
 * ticket's history is what the transition table would have written.
 */
let f: TicketsFixture;
beforeAll(async () => {
  f = await startTickets();
  await seedDemoVolunteers(f.volunteers.db);
  await seedDemoTickets(f.server.db);
}, 180_000);
afterAll(() => f?.close());

const rows = <T>(db: typeof f.server.db, sql: string): Promise<T[]> => db.query(sql);

describe('demo tickets', () => {
  it('come in every status, kind and channel, thousands of them', async () => {
    const byStatus = await rows<{ status: string; n: number }>(f.server.db, 'SELECT status, COUNT(*) AS n FROM ticket GROUP BY status');
    expect(byStatus.map((row) => row.status).sort()).toEqual(Object.values(TicketStatus).sort());
    const total = byStatus.reduce((sum, row) => sum + Number(row.n), 0);
    expect(total).toBeGreaterThan(5000);
    const kinds = await rows<{ kind: string }>(f.server.db, 'SELECT DISTINCT kind FROM ticket');
    expect(kinds.map((row) => row.kind).sort()).toEqual(['ORDER', 'REQUEST', 'WISH']);
    const channels = await rows<{ channel: string }>(f.server.db, 'SELECT DISTINCT channel FROM ticket');
    expect(channels).toHaveLength(5);
    // Ids the API takes: every demo ticket can be acted on.
    const ids = await rows<{ id: string }>(f.server.db, 'SELECT id FROM ticket');
    expect(ids.filter((row) => !UUID_PATTERN.test(row.id))).toEqual([]);
  });

  it('are waiting only as many as a few days bring: a few in a hundred, not half of them', async () => {
    const [open] = await rows<{ n: number; total: number }>(
      f.server.db,
      "SELECT SUM(CASE WHEN status IN ('SUBMITTED', 'PUBLISHED', 'DISPATCHED', 'ACCEPTED', 'IN_PROGRESS') THEN 1 ELSE 0 END) AS n, COUNT(*) AS total FROM ticket",
    );
    expect(Number(open.n) / Number(open.total)).toBeLessThan(0.06);
    expect(Number(open.n)).toBeGreaterThan(0);
  });

  it('are counted in the monthly summary as a rebuild from the tickets counts them', async () => {
    const summary = () => f.server.db.query(`SELECT * FROM ${MONTH_STATS_TABLE} ORDER BY ${MONTH_STATS_KEYS.join(', ')}`);
    const written = await summary();
    expect(written.length).toBeGreaterThan(100);
    await f.server.db.transaction((manager) => rebuildMonthStats(manager));
    expect(await summary()).toEqual(written);
  });

  it('have all happened before they were written: no ticket, step or deadline of a step in the future', async () => {
    const seededAt = new Date();
    const stages = ['submittedAt', 'dispatchedAt', 'acceptedAt', 'startedAt', 'completedAt', 'ratedAt', 'closedAt'] as const;
    const tickets = await f.server.db.getRepository(Ticket).find();
    const late = tickets.filter((ticket) => stages.some((stage) => (ticket[stage]?.getTime() ?? 0) > seededAt.getTime()));
    expect(late.map((ticket) => ticket.code)).toEqual([]);
    const events = await f.server.db.getRepository(TicketEvent).find();
    expect(events.filter((event) => event.at.getTime() > seededAt.getTime())).toHaveLength(0);
  });

  it('are, for every service record from a ticket, that ticket: same id, site, volunteer and hours', async () => {
    const records = await rows<{ source_reference: string; volunteer_id: string; site_id: string; hours_hundredths: number }>(
      f.volunteers.db,
      "SELECT source_reference, volunteer_id, site_id, hours_hundredths FROM service_record WHERE source_type = 'TICKET'",
    );
    expect(records.length).toBeGreaterThan(1000);
    const tickets = new Map(
      (
        await rows<{ id: string; serving_site_id: string; participants: string; status: string }>(
          f.server.db,
          'SELECT id, serving_site_id, participants, status FROM ticket',
        )
      ).map((row) => [row.id, row]),
    );
    const problems: string[] = [];
    for (const record of records) {
      const ticket = tickets.get(record.source_reference);
      if (!ticket) {
        problems.push(`${record.source_reference}: no ticket`);
        continue;
      }
      const participants = (typeof ticket.participants === 'string' ? JSON.parse(ticket.participants) : ticket.participants) as {
        volunteerId: string;
        hoursHundredths: number;
      }[];
      if (ticket.serving_site_id !== record.site_id) problems.push(`${ticket.id}: site`);
      if (!participants.some((p) => p.volunteerId === record.volunteer_id && p.hoursHundredths === Number(record.hours_hundredths)))
        problems.push(`${ticket.id}: hours`);
      if (![TicketStatus.COMPLETED, TicketStatus.RATED, TicketStatus.CLOSED].includes(ticket.status as TicketStatus))
        problems.push(`${ticket.id}: ${ticket.status}`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('are, for every open assignment of a volunteer, a ticket that volunteer has in hand', async () => {
    const open = await rows<{ ticket_id: string; volunteer_id: string }>(
      f.volunteers.db,
      'SELECT ticket_id, volunteer_id FROM volunteer_assignment WHERE accepted_at IS NOT NULL AND completed_at IS NULL AND released_at IS NULL',
    );
    expect(open.length).toBeGreaterThan(50);
    const tickets = new Map(
      (await rows<{ id: string; status: string; assigned_volunteer_id: string }>(f.server.db, 'SELECT id, status, assigned_volunteer_id FROM ticket')).map(
        (row) => [row.id, row],
      ),
    );
    const problems = open.filter((a) => {
      const ticket = tickets.get(a.ticket_id);
      return (
        !ticket || ticket.assigned_volunteer_id !== a.volunteer_id || ![TicketStatus.ACCEPTED, TicketStatus.IN_PROGRESS].includes(ticket.status as TicketStatus)
      );
    });
    expect(problems).toEqual([]);
  });

  it('have histories that the transition table would have written', async () => {
    const tickets = new Map(
      (await rows<{ id: string; status: string; version: number }>(f.server.db, 'SELECT id, status, version FROM ticket')).map((row) => [row.id, row]),
    );
    const events = await rows<{ ticket_id: string; sequence: number; action: string; from_status: string | null; to_status: string }>(
      f.server.db,
      'SELECT ticket_id, sequence, action, from_status, to_status FROM ticket_event ORDER BY ticket_id, sequence',
    );
    const problems: string[] = [];
    let previous: { ticket_id: string; sequence: number; to_status: string } | undefined;
    for (const event of events) {
      const first = previous?.ticket_id !== event.ticket_id;
      if (first && (Number(event.sequence) !== 1 || event.action !== 'SUBMIT' || event.from_status !== null))
        problems.push(`${event.ticket_id}: starts with ${event.action}`);
      if (!first && (Number(event.sequence) !== Number(previous!.sequence) + 1 || event.from_status !== previous!.to_status))
        problems.push(`${event.ticket_id}: step ${event.sequence}`);
      const ticket = tickets.get(event.ticket_id)!;
      if (Number(event.sequence) === Number(ticket.version) && event.to_status !== ticket.status)
        problems.push(`${event.ticket_id}: ends in ${event.to_status}, not ${ticket.status}`);
      previous = event;
    }
    expect(problems.slice(0, 10)).toEqual([]);
    const scopes = await rows<{ n: number }>(
      f.server.db,
      'SELECT COUNT(*) AS n FROM ticket_scope s JOIN ticket t ON t.id = s.ticket_id WHERE s.status <> t.status',
    );
    expect(Number(scopes[0].n)).toBe(0);
  });

  it('keep the first dispatch or claim of each history, also when it was declined and dispatched again', async () => {
    const [row] = await rows<{ wrong: number; redispatched: number }>(
      f.server.db,
      `SELECT SUM(CASE WHEN (t.first_dispatched_at IS NULL AND f.at IS NULL) OR t.first_dispatched_at = f.at THEN 0 ELSE 1 END) AS wrong,
              SUM(CASE WHEN t.first_dispatched_at < t.dispatched_at THEN 1 ELSE 0 END) AS redispatched
         FROM ticket t LEFT JOIN (SELECT ticket_id, MIN(at) AS at FROM ticket_event WHERE action IN ('DISPATCH', 'CLAIM') GROUP BY ticket_id) f ON f.ticket_id = t.id`,
    );
    expect(Number(row.wrong)).toBe(0);
    expect(Number(row.redispatched)).toBeGreaterThan(0);
  });

  it('number the codes of each county and day on from the counters', async () => {
    const counters = await rows<{ scope: string; last_number: number }>(f.server.db, 'SELECT scope, last_number FROM ticket_counter');
    const codes = await rows<{ code: string }>(f.server.db, 'SELECT code FROM ticket');
    expect(new Set(codes.map((row) => row.code)).size).toBe(codes.length);
    const highest = new Map<string, number>();
    for (const { code } of codes) {
      const scope = code.slice(0, 15);
      highest.set(scope, Math.max(highest.get(scope) ?? 0, Number(code.slice(16))));
    }
    expect(new Map(counters.map((row) => [row.scope, Number(row.last_number)]))).toEqual(highest);
  });
});
