import { Role } from '@practice/common';
import { Site } from '@practice/sites/site/site.entity';
import { SiteKind } from '@practice/sites/site/site.enums';
import { SUBMIT, TicketsFixture, errorOf, expectNoErrors, requestInput, startTickets } from './fixture';

/**
 * Every transition against every kind of caller: allowed for the actors of its row of the
 * transition table, refused for everyone else (FORBIDDEN, or NOT_FOUND for those who may not even
 * see the ticket, or UNAUTHENTICATED without a token).
 */
type Persona =
  | 'anonymous'
  | 'requester'
  | 'otherCitizen'
  | 'assignee'
  | 'otherVolunteer'
  | 'stationManager'
  | 'instituteManager'
  | 'otherManager'
  | 'agency'
  | 'analyst'
  | 'admin';
type State = 'SUBMITTED' | 'WISH_SUBMITTED' | 'WISH_PUBLISHED' | 'DISPATCHED' | 'ACCEPTED' | 'COMPLETED';

const MANAGERS: Persona[] = ['stationManager', 'instituteManager', 'admin'];
const TABLE: [mutation: string, inputType: string, from: State, extra: Record<string, unknown>, allowed: Persona[]][] = [
  ['publishWish', 'TicketNoteInput', 'WISH_SUBMITTED', {}, MANAGERS],
  ['dispatchTicket', 'DispatchTicketInput', 'SUBMITTED', { volunteerId: 'ASSIGNEE' }, MANAGERS],
  ['redispatchTicket', 'DispatchTicketInput', 'DISPATCHED', { volunteerId: 'OTHER_VOLUNTEER' }, MANAGERS],
  ['declineTicket', 'TicketNoteInput', 'DISPATCHED', { note: '没有时间' }, ['assignee']],
  ['acceptTicket', 'TicketNoteInput', 'DISPATCHED', {}, ['assignee']],
  ['claimWish', 'TicketNoteInput', 'WISH_PUBLISHED', {}, ['assignee', 'otherVolunteer']],
  ['startTicket', 'TicketNoteInput', 'ACCEPTED', {}, ['assignee', ...MANAGERS]],
  ['completeTicket', 'CompleteTicketInput', 'ACCEPTED', { hours: 1 }, ['assignee', ...MANAGERS]],
  ['rateTicket', 'RateTicketInput', 'COMPLETED', { rating: 4 }, ['requester', ...MANAGERS]],
  ['followUpTicket', 'FollowUpTicketInput', 'COMPLETED', { note: '回访满意' }, MANAGERS],
  ['closeTicket', 'TicketNoteInput', 'COMPLETED', {}, MANAGERS],
  ['rejectTicket', 'TicketNoteInput', 'SUBMITTED', { note: '超出服务范围' }, MANAGERS],
  ['cancelTicket', 'TicketNoteInput', 'SUBMITTED', {}, ['requester', ...MANAGERS]],
  ['markDuplicateTicket', 'MarkDuplicateInput', 'SUBMITTED', { duplicateOfId: 'ORIGINAL' }, MANAGERS],
];

let f: TicketsFixture;
let station: Site;
let tokens: Record<Persona, string | undefined>;
let assignee: { id: string; token: string };
let otherVolunteer: { id: string; token: string };
let original: string;

async function ticketIn(state: State): Promise<string> {
  const wish = state.startsWith('WISH');
  const submitted = await f.request<{ submitTicket: { id: string } }>(
    SUBMIT,
    { input: requestInput(station.id, wish ? { kind: 'WISH', neededSkillCodes: [] } : {}) },
    { token: tokens.requester },
  );
  expectNoErrors(submitted);
  const id = submitted.data!.submitTicket.id;
  const step = async (mutation: string, type: string, input: Record<string, unknown>, token = f.admin) =>
    expectNoErrors(await f.request(`mutation($input: ${type}!) { ${mutation}(input: $input) { id } }`, { input: { id, ...input } }, { token }));
  if (state === 'WISH_PUBLISHED') await step('publishWish', 'TicketNoteInput', {});
  if (['DISPATCHED', 'ACCEPTED', 'COMPLETED'].includes(state)) await step('dispatchTicket', 'DispatchTicketInput', { volunteerId: assignee.id });
  if (['ACCEPTED', 'COMPLETED'].includes(state)) await step('acceptTicket', 'TicketNoteInput', {}, assignee.token);
  if (state === 'COMPLETED') await step('completeTicket', 'CompleteTicketInput', { hours: 1 }, assignee.token);
  return id;
}

beforeAll(async () => {
  f = await startTickets();
  const institute = await f.site(SiteKind.INSTITUTE, 2);
  station = await f.childOf(institute, SiteKind.STATION, 0);
  const otherStation = await f.childOf(institute, SiteKind.STATION, 1);
  assignee = await f.volunteer(station.id, '李志愿');
  otherVolunteer = await f.volunteer(station.id, '赵志愿');
  tokens = {
    anonymous: undefined,
    requester: await f.token(Role.CITIZEN, { subject: 'wx-requester' }),
    otherCitizen: await f.token(Role.CITIZEN, { subject: 'wx-someone-else' }),
    assignee: assignee.token,
    otherVolunteer: otherVolunteer.token,
    stationManager: await f.token(Role.SITE_MANAGER, { siteIds: [station.id] }),
    instituteManager: await f.token(Role.SITE_MANAGER, { siteIds: [institute.id] }),
    otherManager: await f.token(Role.SITE_MANAGER, { siteIds: [otherStation.id] }),
    agency: await f.token(Role.AGENCY_ADMIN, { siteIds: [(await f.site(SiteKind.SECTOR_SUBCENTER)).id] }),
    analyst: await f.token(Role.ANALYST),
    admin: f.admin,
  };
  original = await ticketIn('SUBMITTED');
});
afterAll(() => f?.close());

describe.each(TABLE)('%s', (mutation, inputType, from, extra, allowed) => {
  const input = (id: string) =>
    Object.fromEntries(
      Object.entries({ id, ...extra }).map(([key, value]) => [
        key,
        value === 'ASSIGNEE' ? assignee.id : value === 'OTHER_VOLUNTEER' ? otherVolunteer.id : value === 'ORIGINAL' ? original : value,
      ]),
    );
  const call = (id: string, persona: Persona) =>
    f.request(`mutation($input: ${inputType}!) { ${mutation}(input: $input) { id } }`, { input: input(id) }, tokens[persona] ? { token: tokens[persona] } : {});

  it(`is refused to everyone but ${allowed.join(', ')}`, async () => {
    const id = await ticketIn(from);
    const personas = Object.keys(tokens) as Persona[];
    for (const persona of personas.filter((p) => !allowed.includes(p))) {
      const code = errorOf(await call(id, persona)).code;
      const expected = persona === 'anonymous' ? ['UNAUTHENTICATED'] : ['FORBIDDEN', 'NOT_FOUND'];
      expect([persona, expected.includes(code as string)]).toEqual([persona, true]);
    }
  });

  it.each(allowed)(`is allowed to %s from ${from}`, async (persona) => {
    const id = await ticketIn(from);
    expectNoErrors(await call(id, persona as Persona));
  });
});
