import { OutboxEvent, Role } from '@practice/common';
import { GraphQLRequest, RestartableTestSubgraph, TcpProxy, graphqlClient, startRestartableTestSubgraph, startTcpProxy } from '@practice/common/testing';
import { Site } from '@practice/sites/site/site.entity';
import { SiteKind } from '@practice/sites/site/site.enums';
import { ticketsSubgraph } from '../src/subgraph';
import { SUBMIT, TicketsFixture, expectNoErrors, requestInput, startTickets } from './fixture';

/**
 * The closed loop survives the tickets subgraph going away with hours still to deliver: the
 * pending events are in its database, not in its memory, so a tickets process that stops and
 * starts again on the same database delivers every hour, exactly once, also when it died between
 * the consumer applying an event and recording the delivery.
 */
let f: TicketsFixture;
let proxy: TcpProxy;
let tickets: RestartableTestSubgraph;
let request: GraphQLRequest;
let station: Site;
let manager: string;

beforeAll(async () => {
  f = await startTickets();
  const volunteersUrl = new URL(f.volunteers.url);
  // Between tickets and volunteers, so that the deliveries fail while the volunteers side stays up.
  proxy = await startTcpProxy({ host: volunteersUrl.hostname, port: Number(volunteersUrl.port) });
  volunteersUrl.port = String(proxy.port);
  tickets = await startRestartableTestSubgraph(ticketsSubgraph, {
    env: { SITES_URL: f.sites.url, VOLUNTEERS_URL: volunteersUrl.toString(), RESOURCES_URL: f.resources.url },
  });
  request = graphqlClient(tickets.url);
  station = await f.site(SiteKind.STATION, 17);
  manager = await f.token(Role.SITE_MANAGER, { siteIds: [station.id] });
});
afterAll(async () => {
  await tickets?.close();
  await proxy?.close();
  await f?.close();
});

const call = async (mutation: string, type: string, input: Record<string, unknown>, token: string) =>
  expectNoErrors(await request(`mutation($input: ${type}!) { ${mutation}(input: $input) { id } }`, { input }, { token }));

async function acceptedBy(volunteer: { id: string; token: string }): Promise<string> {
  const citizen = await f.token(Role.CITIZEN, { subject: `wx-restart-${Math.random()}` });
  const submitted = await request<{ submitTicket: { id: string } }>(SUBMIT, { input: requestInput(station.id) }, { token: citizen });
  expectNoErrors(submitted);
  const { id } = submitted.data!.submitTicket;
  await call('dispatchTicket', 'DispatchTicketInput', { id, volunteerId: volunteer.id }, manager);
  await call('acceptTicket', 'TicketNoteInput', { id }, volunteer.token);
  return id;
}

const events = () => tickets.db.getRepository(OutboxEvent).createQueryBuilder('o').where("o.destination = 'volunteers'");
const pending = () => events().andWhere('o.delivered_at IS NULL').getCount();

async function until(condition: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function ticketHours(): Promise<[string, string, number][]> {
  const rows: { source_reference: string; volunteer_id: string; hours_hundredths: number | string }[] = await f.volunteers.db.query(
    "SELECT source_reference, volunteer_id, hours_hundredths FROM service_record WHERE source_type = 'TICKET'",
  );
  return rows.map((row) => [row.source_reference, row.volunteer_id, Number(row.hours_hundredths)] as [string, string, number]).sort();
}

it('delivers every hour exactly once after the tickets subgraph restarts with events pending', async () => {
  const people = [await f.volunteer(station.id, '周师傅'), await f.volunteer(station.id, '吴阿姨')];
  const done: { id: string; volunteer: { id: string; token: string }; hours: number }[] = [];
  for (let i = 0; i < 6; i++) done.push({ id: await acceptedBy(people[i % 2]), volunteer: people[i % 2], hours: 1 + i / 2 });
  await until(async () => (await pending()) === 0);

  await proxy.cut();
  for (const ticket of done) await call('completeTicket', 'CompleteTicketInput', { id: ticket.id, hours: ticket.hours }, ticket.volunteer.token);
  await until(async () => (await events().andWhere("o.type = 'ticket.completed' AND o.attempts > 0").getCount()) > 0);
  expect(await pending()).toBeGreaterThanOrEqual(done.length);

  await tickets.stop();
  await proxy.restore();
  // Nobody else holds the events: with the tickets side down, no hour arrives.
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(await ticketHours()).toEqual([]);

  await tickets.start();
  await until(async () => (await pending()) === 0, 30_000);
  const expected = done.map((ticket) => [ticket.id, ticket.volunteer.id, Math.round(ticket.hours * 100)]).sort();
  expect(await ticketHours()).toEqual(expected);

  // Died after the consumer applied the hours but before it recorded the delivery: the events are
  // due again after the restart, and the consumer's inbox knows each of them.
  await tickets.db
    .getRepository(OutboxEvent)
    .update({ type: 'ticket.completed', destination: 'volunteers' }, { deliveredAt: null, nextAttemptAt: new Date(Date.now() + 5000) });
  await tickets.stop();
  await tickets.start();
  expect(await pending()).toBe(done.length);
  await until(async () => (await pending()) === 0, 30_000);
  expect(await ticketHours()).toEqual(expected);
});
