import { Role } from '@practice/common';
import { Site } from '@practice/sites/site/site.entity';
import { SiteKind } from '@practice/sites/site/site.enums';
import { REGISTER, VolunteersFixture, expectNoErrors, idNumber, startVolunteers } from './fixture';

const PERSONAL = `phone idNumber points { balance } serviceRecords { totalCount } statusHistory { toStatus }`;

let f: VolunteersFixture;
let center: Site;
let institute: Site;
let station: Site;
let siblingStation: Site;
let subcenter: Site;
let volunteerId: string;
const phone = '13851234567';
const idCard = idNumber('19900101');

beforeAll(async () => {
  f = await startVolunteers();
  center = await f.site(SiteKind.CENTER);
  institute = await f.site(SiteKind.INSTITUTE, 3);
  station = await f.childOf(institute, 0);
  siblingStation = await f.childOf(institute, 1);
  subcenter = await f.site(SiteKind.SECTOR_SUBCENTER, 0);
  const self = await f.token(Role.CITIZEN, { subject: 'wang-account' });
  const result = await f.request<{ registerVolunteer: { id: string } }>(
    REGISTER,
    { input: { name: '王建国', idNumber: idCard, phone, homeSiteId: station.id } },
    { token: self },
  );
  expectNoErrors(result);
  volunteerId = result.data!.registerVolunteer.id;
});
afterAll(() => f.close());

const masked = { phone: '138****4567', idNumber: `${idCard.slice(0, 3)}***********${idCard.slice(-4)}` };
const full = { phone, idNumber: idCard };

type Caller = () => Promise<string | undefined>;
const as =
  (role: Role, options: Parameters<VolunteersFixture['token']>[1] = {}): Caller =>
  () =>
    f.token(role, options);

/**
 * Each caller and what it gets of the volunteer's personal data. `records` says whether the
 * service records are readable (analysts read them, without personal data).
 */
const CASES = (
  [
    ['an anonymous caller', async () => undefined, 'NONE', false],
    ['another citizen', as(Role.CITIZEN, { subject: 'someone-else' }), 'MASKED', false],
    ['another volunteer', as(Role.VOLUNTEER, { subject: 'other-volunteer', volunteerId: '01900000-0000-7000-8000-0000000000bb' }), 'MASKED', false],
    ['the volunteer, by the volunteer id in the token', () => f.token(Role.VOLUNTEER, { subject: 'any-subject', volunteerId }), 'FULL', true],
    ['the volunteer, by the account they registered with', as(Role.CITIZEN, { subject: 'wang-account' }), 'FULL', true],
    ['a manager of the home site', () => f.token(Role.SITE_MANAGER, { siteIds: [station.id] }), 'FULL', true],
    ['a manager of the institute above', () => f.token(Role.SITE_MANAGER, { siteIds: [institute.id] }), 'FULL', true],
    ['a manager of the county center', () => f.token(Role.SITE_MANAGER, { siteIds: [center.id] }), 'FULL', true],
    ['a manager of a sibling station', () => f.token(Role.SITE_MANAGER, { siteIds: [siblingStation.id] }), 'MASKED', false],
    ['an agency admin of a sector sub-center', () => f.token(Role.AGENCY_ADMIN, { siteIds: [subcenter.id] }), 'MASKED', false],
    ['an analyst', as(Role.ANALYST), 'MASKED', true],
    ['an admin', as(Role.ADMIN), 'FULL', true],
  ] as [string, Caller, 'FULL' | 'MASKED' | 'NONE', boolean][]
).map(([who, caller, disclosure, records]) => ({ who, caller, disclosure, records }));

function expectDisclosure(volunteer: Record<string, unknown>, disclosure: 'FULL' | 'MASKED' | 'NONE', records: boolean): void {
  const expected = disclosure === 'FULL' ? full : disclosure === 'MASKED' ? masked : { phone: null, idNumber: null };
  expect({ phone: volunteer.phone, idNumber: volunteer.idNumber }).toEqual(expected);
  expect(volunteer.points === null).toBe(disclosure !== 'FULL');
  expect(volunteer.statusHistory === null).toBe(disclosure !== 'FULL');
  expect(volunteer.serviceRecords === null).toBe(!records);
}

describe("a volunteer's phone, ID number, points and records", () => {
  it.each(CASES)('by id: $who gets them $disclosure', async ({ caller, disclosure, records }) => {
    const result = await f.request<{ volunteer: Record<string, unknown> }>(
      `query($id: ID!) { volunteer(id: $id) { ${PERSONAL} } }`,
      { id: volunteerId },
      { token: await caller() },
    );
    expectNoErrors(result);
    expectDisclosure(result.data!.volunteer, disclosure, records);
  });

  it.each(CASES)('in lists: $who gets them $disclosure', async ({ caller, disclosure, records }) => {
    const result = await f.request<{ volunteers: { edges: { node: Record<string, unknown> }[] } }>(
      `query($site: ID!) { volunteers(filter: { siteId: $site }) { edges { node { ${PERSONAL} } } } }`,
      { site: station.id },
      { token: await caller() },
    );
    expectNoErrors(result);
    expect(result.data!.volunteers.edges).toHaveLength(1);
    expectDisclosure(result.data!.volunteers.edges[0].node, disclosure, records);
  });

  it.each(CASES)('in entity fetches by other subgraphs: $who gets them $disclosure', async ({ caller, disclosure, records }) => {
    const result = await f.request<{ _entities: Record<string, unknown>[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Volunteer { ${PERSONAL} } } }`,
      { r: [{ __typename: 'Volunteer', id: volunteerId }] },
      { token: await caller() },
    );
    expectNoErrors(result);
    expectDisclosure(result.data!._entities[0], disclosure, records);
  });

  it('is shown in full to a manager only for the volunteers they manage, in one list', async () => {
    const elsewhere = await f.register(siblingStation.id, { phone: '13851230000' });
    const token = await f.token(Role.SITE_MANAGER, { siteIds: [station.id] });
    const result = await f.request<{ volunteers: { edges: { node: { id: string; phone: string } }[] } }>(
      `query($site: ID!) { volunteers(filter: { siteId: $site }) { edges { node { id phone } } } }`,
      { site: institute.id },
      { token },
    );
    expectNoErrors(result);
    const phones = Object.fromEntries(result.data!.volunteers.edges.map(({ node }) => [node.id, node.phone]));
    expect(phones[volunteerId]).toBe(phone);
    expect(phones[elsewhere]).toBe('138****0000');
  });
});
