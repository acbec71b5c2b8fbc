import { Role, todayInChina } from '@practice/common';
import { Site } from '@practice/sites/site/site.entity';
import { SiteKind } from '@practice/sites/site/site.enums';
import { OutboxEvent } from '@practice/common';
import { READ, SUBMIT, TicketsFixture, errorOf, expectNoErrors, requestInput, startTickets } from './fixture';

let f: TicketsFixture;
let station: Site;
let manager: string;
let citizen: string;

interface Shape {
  id: string;
  code: string;
  status: string;
  version: number;
  assignedVolunteer: { id: string } | null;
  participants: { volunteer: { id: string }; hours: number }[];
  history: { sequence: number; action: string; fromStatus: string | null; toStatus: string; actor: string | null; note: string | null }[];
}

const mutate = async (name: string, input: Record<string, unknown>, token: string) => {
  const type =
    {
      completeTicket: 'CompleteTicketInput',
      rateTicket: 'RateTicketInput',
      followUpTicket: 'FollowUpTicketInput',
      dispatchTicket: 'DispatchTicketInput',
      redispatchTicket: 'DispatchTicketInput',
    }[name] ?? 'TicketNoteInput';
  return f.request<Record<string, Shape>>(
    `mutation($input: ${type}!) { ${name}(input: $input) { id status version assignedVolunteer { id } } }`,
    { input },
    { token },
  );
};
const read = async (id: string, token: string) => {
  const result = await f.request<{ ticket: Shape }>(READ, { id }, { token });
  expectNoErrors(result);
  return result.data!.ticket;
};
const submit = async (overrides: Record<string, unknown> = {}, token = citizen) => {
  const result = await f.request<{ submitTicket: Shape }>(SUBMIT, { input: requestInput(station.id, overrides) }, { token });
  expectNoErrors(result);
  return result.data!.submitTicket;
};

beforeAll(async () => {
  f = await startTickets();
  station = await f.site(SiteKind.STATION, 5);
  manager = await f.token(Role.SITE_MANAGER, { siteIds: [station.id], subject: 'station-manager' });
  citizen = await f.token(Role.CITIZEN, { subject: 'wx-lifecycle' });
});
afterAll(() => f?.close());

describe('the closed loop of a request', () => {
  it('goes submit → dispatch → accept → start → complete → rate → follow-up → close, each change in the history in order', async () => {
    const volunteer = await f.volunteer(station.id, '王建国');
    const ticket = await submit();
    expect(ticket.code).toMatch(new RegExp(`^${station.regionCode.slice(0, 6)}-${todayInChina().replaceAll('-', '')}-\\d{4}$`));
    const steps: [string, Record<string, unknown>, string, string][] = [
      ['dispatchTicket', { id: ticket.id, volunteerId: volunteer.id, note: '就近安排' }, manager, 'DISPATCHED'],
      ['acceptTicket', { id: ticket.id }, volunteer.token, 'ACCEPTED'],
      ['startTicket', { id: ticket.id }, volunteer.token, 'IN_PROGRESS'],
      ['completeTicket', { id: ticket.id, hours: 2.5, note: '更换了老化插座' }, volunteer.token, 'COMPLETED'],
      ['rateTicket', { id: ticket.id, rating: 5, comment: '很及时，谢谢！' }, citizen, 'RATED'],
      ['followUpTicket', { id: ticket.id, note: '电话回访，老人表示满意', satisfied: true }, manager, 'RATED'],
      ['closeTicket', { id: ticket.id }, manager, 'CLOSED'],
    ];
    for (const [name, input, token, status] of steps) {
      const result = await mutate(name, input, token);
      expectNoErrors(result);
      expect([name, result.data![name].status]).toEqual([name, status]);
    }
    const done = await read(ticket.id, manager);
    expect(done.history.map((event) => [event.sequence, event.action, event.fromStatus, event.toStatus])).toEqual([
      [1, 'SUBMIT', null, 'SUBMITTED'],
      [2, 'DISPATCH', 'SUBMITTED', 'DISPATCHED'],
      [3, 'ACCEPT', 'DISPATCHED', 'ACCEPTED'],
      [4, 'START', 'ACCEPTED', 'IN_PROGRESS'],
      [5, 'COMPLETE', 'IN_PROGRESS', 'COMPLETED'],
      [6, 'RATE', 'COMPLETED', 'RATED'],
      [7, 'FOLLOW_UP', 'RATED', 'RATED'],
      [8, 'CLOSE', 'RATED', 'CLOSED'],
    ]);
    expect(done.history[1]).toMatchObject({ actor: 'station-manager', note: '→ 王建国: 就近安排' });
    expect(done.participants).toEqual([{ volunteer: { id: volunteer.id }, hours: 2.5 }]);

    // The hours reach the volunteer's records through the outbox, once.
    await waitForDelivery();
    const records = await f.volunteersRequest<{
      volunteer: { serviceRecords: { edges: { node: { hours: number; sourceType: string; sourceReference: string; status: string } }[] } };
    }>(
      `query($id: ID!) { volunteer(id: $id) { serviceRecords(first: 10) { edges { node { hours sourceType sourceReference status } } } } }`,
      { id: volunteer.id },
      { token: f.admin },
    );
    expectNoErrors(records);
    expect(records.data!.volunteer.serviceRecords.edges.map((edge) => edge.node)).toEqual([
      { hours: 2.5, sourceType: 'TICKET', sourceReference: done.id, status: 'PENDING' },
    ]);
  });

  it('answers a retried transition by the same caller with the ticket as it is, and another caller’s with CONFLICT', async () => {
    const volunteer = await f.volunteer(station.id);
    const ticket = await submit();
    expectNoErrors(await mutate('dispatchTicket', { id: ticket.id, volunteerId: volunteer.id }, manager));
    const first = await mutate('acceptTicket', { id: ticket.id }, volunteer.token);
    const again = await mutate('acceptTicket', { id: ticket.id }, volunteer.token);
    expectNoErrors(again);
    expect(again.data!.acceptTicket.version).toBe(first.data!.acceptTicket.version);
    const rejected = await mutate('rejectTicket', { id: ticket.id, note: '不属于服务范围' }, manager);
    expect(errorOf(rejected)).toMatchObject({ code: 'CONFLICT', field: 'id', reason: 'INVALID_TRANSITION' });
  });

  it('returns a declined ticket to SUBMITTED with the reason, and lets the manager give it to someone else', async () => {
    const [first, second] = [await f.volunteer(station.id), await f.volunteer(station.id)];
    const ticket = await submit();
    expectNoErrors(await mutate('dispatchTicket', { id: ticket.id, volunteerId: first.id }, manager));
    expect(errorOf(await mutate('declineTicket', { id: ticket.id }, first.token))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'REASON_REQUIRED' });
    const declined = await mutate('declineTicket', { id: ticket.id, note: '本周外出，无法上门' }, first.token);
    expectNoErrors(declined);
    expect(declined.data!.declineTicket).toMatchObject({ status: 'SUBMITTED', assignedVolunteer: null });
    expectNoErrors(await mutate('dispatchTicket', { id: ticket.id, volunteerId: second.id }, manager));
    expectNoErrors(await mutate('acceptTicket', { id: ticket.id }, second.token));
    // Re-dispatched after acceptance: the first taker is released.
    const redispatched = await mutate('redispatchTicket', { id: ticket.id, volunteerId: first.id, note: '原志愿者临时有事' }, manager);
    expectNoErrors(redispatched);
    expect(redispatched.data!.redispatchTicket).toMatchObject({ status: 'DISPATCHED', assignedVolunteer: { id: first.id } });
    const history = (await read(ticket.id, manager)).history.map((event) => event.action);
    expect(history).toEqual(['SUBMIT', 'DISPATCH', 'DECLINE', 'DISPATCH', 'ACCEPT', 'REDISPATCH']);
    const events = await f.server.db.getRepository(OutboxEvent).find({ order: { id: 'ASC' } });
    const about = events.filter((event) => (event.payload as { ticketId?: string }).ticketId === ticket.id).map((event) => event.type);
    expect(about).toEqual(['ticket.declined', 'ticket.accepted', 'ticket.released']);
  });

  it('puts a wish on the wish wall, where the first volunteer to claim it takes it', async () => {
    const [a, b] = [await f.volunteer(station.id), await f.volunteer(station.id)];
    const wish = await submit({ kind: 'WISH', title: '想要一台收音机', neededSkillCodes: [] });
    // Before it is on the wish wall, volunteers do not even see it.
    expect(errorOf(await mutate('claimWish', { id: wish.id }, a.token))).toMatchObject({ code: 'NOT_FOUND' });
    expectNoErrors(await mutate('publishWish', { id: wish.id }, manager));
    const wall = await f.request<{ wishWall: { edges: { node: { id: string; requester: { name: string | null } } }[] } }>(
      `query($site: ID!) { wishWall(siteId: $site) { edges { node { id requester { name } } } } }`,
      { site: station.parentId },
    );
    expect(wall.data!.wishWall.edges.map((edge) => edge.node.id)).toContain(wish.id);
    const claimed = await mutate('claimWish', { id: wish.id }, a.token);
    expect(claimed.data!.claimWish).toMatchObject({ status: 'ACCEPTED', assignedVolunteer: { id: a.id } });
    expect(errorOf(await mutate('claimWish', { id: wish.id }, b.token))).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_TAKEN' });
    expect(errorOf(await mutate('publishWish', { id: (await submit()).id }, manager))).toMatchObject({ code: 'CONFLICT', reason: 'WRONG_KIND' });
  });

  it('lets a team’s member accept and complete with each member’s hours', async () => {
    const members = [await f.volunteer(station.id), await f.volunteer(station.id), await f.volunteer(station.id)];
    const outsider = await f.volunteer(station.id);
    const teamId = await f.team(
      station.id,
      members.map((m) => m.id),
    );
    const ticket = await submit();
    expectNoErrors(await mutate('dispatchTicket', { id: ticket.id, teamId }, manager));
    expect(errorOf(await mutate('acceptTicket', { id: ticket.id }, outsider.token))).toMatchObject({ code: 'NOT_FOUND' });
    expectNoErrors(await mutate('acceptTicket', { id: ticket.id }, members[1].token));
    const bad = await mutate('completeTicket', { id: ticket.id, participants: [{ volunteerId: outsider.id, hours: 1 }] }, members[1].token);
    expect(errorOf(bad)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.participants[0].volunteerId' });
    const done = await mutate(
      'completeTicket',
      {
        id: ticket.id,
        participants: [
          { volunteerId: members[1].id, hours: 3 },
          { volunteerId: members[2].id, hours: 1.5 },
        ],
      },
      members[1].token,
    );
    expectNoErrors(done);
    expect((await read(ticket.id, manager)).participants).toEqual([
      { volunteer: { id: members[1].id }, hours: 3 },
      { volunteer: { id: members[2].id }, hours: 1.5 },
    ]);
  });

  it('cancels an order before service, telling the resources subgraph the order is off', async () => {
    const resourceId = await f.resource(station.id);
    const order = await submit({ kind: 'ORDER', resourceId, categoryCode: null, formAnswers: [{ key: 'appliance', value: 'tv' }] });
    const cancelled = await mutate('cancelTicket', { id: order.id, note: '已自行修好' }, citizen);
    expectNoErrors(cancelled);
    expect(cancelled.data!.cancelTicket.status).toBe('CANCELLED');
    const events = (await f.server.db.getRepository(OutboxEvent).find({ order: { id: 'ASC' } })).filter(
      (event) => (event.payload as { ticketId?: string }).ticketId === order.id,
    );
    expect(events.map((event) => [event.destination, event.type])).toEqual([
      ['resources', 'ticket.ordered'],
      ['resources', 'ticket.order_cancelled'],
    ]);
  });
});

/** Waits until the outbox has delivered everything to the volunteers subgraph. */
async function waitForDelivery(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const pending = await f.server.db
      .getRepository(OutboxEvent)
      .createQueryBuilder('o')
      .where("o.destination = 'volunteers' AND o.delivered_at IS NULL AND o.failed_at IS NULL")
      .getCount();
    if (!pending) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('The outbox did not deliver in time');
}
