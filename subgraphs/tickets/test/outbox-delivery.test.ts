import { OutboxEvent, Role } from '@practice/common';
import type { RestartableTestSubgraph } from '@practice/common/testing';
import { Site } from '@practice/sites/site/site.entity';
import { SiteKind } from '@practice/sites/site/site.enums';
import { SUBMIT, TicketsFixture, expectNoErrors, requestInput, startTickets } from './fixture';

/**
 * The closed loop survives the volunteers subgraph going away: tickets complete while it is down,
 * their hours wait in the outbox, and once it is back every hour arrives exactly once.
 */
let f: TicketsFixture;
let volunteers: RestartableTestSubgraph;
let station: Site;
let manager: string;

beforeAll(async () => {
  f = await startTickets({ restartableVolunteers: true });
  volunteers = f.volunteers as RestartableTestSubgraph;
  station = await f.site(SiteKind.STATION, 13);
  manager = await f.token(Role.SITE_MANAGER, { siteIds: [station.id] });
});
afterAll(() => f?.close());

const call = async (mutation: string, type: string, input: Record<string, unknown>, token: string) =>
  expectNoErrors(await f.request(`mutation($input: ${type}!) { ${mutation}(input: $input) { id } }`, { input }, { token }));

async function acceptedBy(volunteer: { id: string; token: string }): Promise<{ id: string; code: string }> {
  const citizen = await f.token(Role.CITIZEN, { subject: `wx-outbox-${Math.random()}` });
  const submitted = await f.request<{ submitTicket: { id: string; code: string } }>(SUBMIT, { input: requestInput(station.id) }, { token: citizen });
  expectNoErrors(submitted);
  const { id, code } = submitted.data!.submitTicket;
  await call('dispatchTicket', 'DispatchTicketInput', { id, volunteerId: volunteer.id }, manager);
  await call('acceptTicket', 'TicketNoteInput', { id }, volunteer.token);
  return { id, code };
}

const pending = () =>
  f.server.db.getRepository(OutboxEvent).createQueryBuilder('o').where("o.destination = 'volunteers' AND o.delivered_at IS NULL").getCount();

async function until(condition: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('delivers every hour exactly once after the volunteers subgraph comes back', async () => {
  const people = [await f.volunteer(station.id, '钱师傅'), await f.volunteer(station.id, '孙阿姨')];
  const tickets = [];
  for (let i = 0; i < 6; i++) tickets.push({ ...(await acceptedBy(people[i % 2])), volunteer: people[i % 2], hours: 1 + i / 2 });
  await until(async () => (await pending()) === 0);

  await volunteers.stop();
  for (const ticket of tickets) await call('completeTicket', 'CompleteTicketInput', { id: ticket.id, hours: ticket.hours }, ticket.volunteer.token);
  // Nothing reaches a subgraph that is down; the events wait with their attempts counted.
  await until(
    async () => (await f.server.db.getRepository(OutboxEvent).createQueryBuilder('o').where("o.type = 'ticket.completed' AND o.attempts > 0").getCount()) > 0,
  );
  expect(await pending()).toBeGreaterThanOrEqual(tickets.length);

  await volunteers.start();
  await until(async () => (await pending()) === 0, 30_000);
  const rows: { source_reference: string; volunteer_id: string; hours_hundredths: number | string }[] = await volunteers.db.query(
    "SELECT source_reference, volunteer_id, hours_hundredths FROM service_record WHERE source_type = 'TICKET'",
  );
  const byId = (a: (string | number)[], b: (string | number)[]) => (String(a[0]) < String(b[0]) ? -1 : 1);
  expect(rows.map((row) => [row.source_reference, row.volunteer_id, Number(row.hours_hundredths)]).sort(byId)).toEqual(
    tickets.map((ticket) => [ticket.id, ticket.volunteer.id, Math.round(ticket.hours * 100)]).sort(byId),
  );

  // A redelivery (the consumer's answer lost) changes nothing: the inbox knows each event id.
  await f.server.db.getRepository(OutboxEvent).update({ type: 'ticket.completed' }, { deliveredAt: null, nextAttemptAt: new Date(0) });
  await until(async () => (await pending()) === 0, 30_000);
  const again: { n: number | string }[] = await volunteers.db.query("SELECT COUNT(*) AS n FROM service_record WHERE source_type = 'TICKET'");
  expect(Number(again[0].n)).toBe(tickets.length);
});
