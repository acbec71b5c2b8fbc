import { Role } from '@practice/common';
import { Site } from '@practice/sites/site/site.entity';
import { SiteKind } from '@practice/sites/site/site.enums';
import { SUBMIT, TicketsFixture, errorOf, expectNoErrors, requestInput, startTickets } from './fixture';

/** Many volunteers racing for one ticket over HTTP: exactly one wins, every other one hears CONFLICT. */
const RACERS = 50;

let f: TicketsFixture;
let station: Site;
let members: { id: string; token: string }[];
let teamId: string;
let manager: string;
let citizen: string;

beforeAll(async () => {
  f = await startTickets();
  station = await f.site(SiteKind.STATION, 11);
  manager = await f.token(Role.SITE_MANAGER, { siteIds: [station.id] });
  citizen = await f.token(Role.CITIZEN, { subject: 'wx-race' });
  members = [];
  for (let i = 0; i < RACERS; i++) members.push(await f.volunteer(station.id, `抢单志愿者${i}`));
  teamId = await f.team(
    station.id,
    members.map((m) => m.id),
  );
}, 120_000);
afterAll(() => f?.close());

async function submitted(overrides: Record<string, unknown> = {}): Promise<string> {
  const result = await f.request<{ submitTicket: { id: string } }>(SUBMIT, { input: requestInput(station.id, overrides) }, { token: citizen });
  expectNoErrors(result);
  return result.data!.submitTicket.id;
}

async function race(mutation: string, id: string): Promise<void> {
  const results = await Promise.all(
    members.map((member) =>
      f.request<Record<string, { assignedVolunteer: { id: string } }>>(
        `mutation($input: TicketNoteInput!) { ${mutation}(input: $input) { assignedVolunteer { id } } }`,
        { input: { id } },
        { token: member.token },
      ),
    ),
  );
  const winners = results.filter((result) => !result.errors?.length);
  expect(winners).toHaveLength(1);
  const losers = results.filter((result) => result.errors?.length).map((result) => errorOf(result));
  expect(losers).toHaveLength(RACERS - 1);
  for (const loser of losers) expect(loser).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_TAKEN' });
  const winner = winners[0].data![mutation].assignedVolunteer.id;
  const history = await f.request<{ ticket: { status: string; assignedVolunteer: { id: string }; history: { action: string; actor: string }[] } }>(
    `query($id: ID!) { ticket(id: $id) { status assignedVolunteer { id } history { action actor } } }`,
    { id },
    { token: manager },
  );
  expect(history.data!.ticket.status).toBe('ACCEPTED');
  expect(history.data!.ticket.assignedVolunteer.id).toBe(winner);
  const takes = history.data!.ticket.history.filter((event) => event.action === 'ACCEPT' || event.action === 'CLAIM');
  expect(takes).toEqual([{ action: mutation === 'acceptTicket' ? 'ACCEPT' : 'CLAIM', actor: `volunteer-${winner}` }]);
}

describe('exactly one taker', () => {
  it(`when ${RACERS} members of the team it was dispatched to accept at once`, async () => {
    const id = await submitted();
    expectNoErrors(
      await f.request(`mutation($input: DispatchTicketInput!) { dispatchTicket(input: $input) { id } }`, { input: { id, teamId } }, { token: manager }),
    );
    await race('acceptTicket', id);
  });

  it(`when ${RACERS} volunteers claim a wish on the wish wall at once`, async () => {
    const id = await submitted({ kind: 'WISH', neededSkillCodes: [] });
    expectNoErrors(await f.request(`mutation($input: TicketNoteInput!) { publishWish(input: $input) { id } }`, { input: { id } }, { token: manager }));
    await race('claimWish', id);
  });
});
