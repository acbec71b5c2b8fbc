import { Role } from '@practice/common';
import { firstError, graphqlClient, startTestSubgraph } from '@practice/common/testing';
import { Site } from '@practice/sites/site/site.entity';
import { SiteKind } from '@practice/sites/site/site.enums';
import { volunteersSubgraph } from '../src/subgraph';
import { checkCharacter } from '../src/volunteer/id-number';
import { VolunteerScope, VolunteerStatusChange } from '../src/volunteer/volunteer-profile.entities';
import { Volunteer } from '../src/volunteer/volunteer.entity';
import { REGISTER, VolunteersFixture, expectNoErrors, idNumber, mobile, startVolunteers } from './fixture';

const UPDATE = `mutation($input: UpdateVolunteerInput!) {
  updateVolunteerProfile(input: $input) {
    id name phone homeRegionCode homeSite { id } skills { code } categoryCodes availability { day from to }
    serviceArea { sites { id } regionCodePrefixes }
  }
}`;
const STATUS = `mutation($input: ChangeVolunteerStatusInput!) { changeVolunteerStatus(input: $input) { id status statusHistory { fromStatus toStatus reason changedBy } } }`;

let f: VolunteersFixture;
let institute: Site;
let station: Site;
let otherInstitute: Site;
let otherStation: Site;
let admin: string;

beforeAll(async () => {
  f = await startVolunteers();
  institute = await f.site(SiteKind.INSTITUTE, 2);
  station = await f.childOf(institute, 0);
  otherInstitute = await f.site(SiteKind.INSTITUTE, 5);
  otherStation = await f.childOf(otherInstitute, 0);
  admin = await f.token(Role.ADMIN);
});
afterAll(() => f.close());

const person = (overrides: Record<string, unknown> = {}) => ({ name: '王秀英', idNumber: idNumber(), phone: mobile(), homeSiteId: station.id, ...overrides });
const count = (entity: typeof Volunteer | typeof VolunteerScope | typeof VolunteerStatusChange) => f.server.db.getRepository(entity).count();

describe('registerVolunteer', () => {
  it('reads gender and birth year from the ID number, copies the home region and writes the scope and history rows', async () => {
    const id17 = '32058119720611202';
    const result = await f.request<{ registerVolunteer: Record<string, unknown> }>(
      REGISTER,
      { input: person({ idNumber: `${id17}${checkCharacter(id17)}` }) },
      { token: admin },
    );
    expectNoErrors(result);
    expect(result.data!.registerVolunteer).toMatchObject({ gender: 'FEMALE', birthYear: 1972, status: 'ACTIVE', homeRegionCode: station.regionCode });
    const id = result.data!.registerVolunteer.id as string;
    const scope = await f.server.db.getRepository(VolunteerScope).findBy({ volunteerId: id });
    expect(scope.map((row) => row.siteId).sort()).toEqual([...station.path.split('/').filter(Boolean)].sort());
    expect(await f.server.db.getRepository(VolunteerStatusChange).findBy({ volunteerId: id })).toEqual([
      expect.objectContaining({ fromStatus: null, toStatus: 'ACTIVE', changedBy: 'test-admin' }),
    ]);
  });

  it('stores the ID number sealed, never in clear', async () => {
    const number = idNumber();
    const id = await f.register(station.id, { idNumber: number });
    const row: Record<string, unknown>[] = await f.server.db.query('SELECT * FROM volunteer WHERE id = ?', [id]);
    expect(JSON.stringify(row)).not.toContain(number);
  });

  it('lets citizens register themselves, tied to their account, at any active site', async () => {
    const token = await f.token(Role.CITIZEN, { subject: 'citizen-self-1' });
    const result = await f.request<{ registerVolunteer: { id: string } }>(REGISTER, { input: person({ homeSiteId: otherStation.id }) }, { token });
    expectNoErrors(result);
    const [row] = await f.server.db.getRepository(Volunteer).findBy({ id: result.data!.registerVolunteer.id });
    expect(row.accountSubject).toBe('citizen-self-1');
    const mine = await f.request<{ myVolunteerProfile: { id: string } }>('{ myVolunteerProfile { id } }', {}, { token });
    expect(mine.data!.myVolunteerProfile.id).toBe(row.id);
  });

  it('refuses a second registration of the same account', async () => {
    const token = await f.token(Role.CITIZEN, { subject: 'citizen-self-2' });
    expectNoErrors(await f.request(REGISTER, { input: person() }, { token }));
    const before = await count(Volunteer);
    expect(firstError(await f.request(REGISTER, { input: person() }, { token }))).toMatchObject({ code: 'CONFLICT', reason: 'ACCOUNT_REGISTERED' });
    expect(await count(Volunteer)).toBe(before);
  });

  it('refuses self-registration for another account', async () => {
    const token = await f.token(Role.CITIZEN, { subject: 'citizen-self-3' });
    expect(firstError(await f.request(REGISTER, { input: person({ accountSubject: 'someone-else' }) }, { token }))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_SELF',
    });
  });

  it('lets managers register people at the sites they manage and below, not elsewhere', async () => {
    const manager = await f.token(Role.SITE_MANAGER, { siteIds: [institute.id] });
    expectNoErrors(await f.request(REGISTER, { input: person() }, { token: manager }));
    const before = await count(Volunteer);
    expect(firstError(await f.request(REGISTER, { input: person({ homeSiteId: otherStation.id }) }, { token: manager }))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_SITE_MANAGER',
    });
    const agency = await f.token(Role.AGENCY_ADMIN, { siteIds: [(await f.site(SiteKind.SECTOR_SUBCENTER, 0)).id] });
    expect(firstError(await f.request(REGISTER, { input: person() }, { token: agency })).code).toBe('FORBIDDEN');
    expect(await count(Volunteer)).toBe(before);
  });

  it('refuses anonymous callers and analysts', async () => {
    expect(firstError(await f.request(REGISTER, { input: person() })).code).toBe('UNAUTHENTICATED');
    expect(firstError(await f.request(REGISTER, { input: person() }, { token: await f.token(Role.ANALYST) })).code).toBe('FORBIDDEN');
  });

  it('returns the first registration when retried, also when retried concurrently', async () => {
    const input = person();
    const results = await Promise.all(Array.from({ length: 6 }, () => f.request<{ registerVolunteer: { id: string } }>(REGISTER, { input }, { token: admin })));
    results.forEach(expectNoErrors);
    expect(new Set(results.map((result) => result.data!.registerVolunteer.id)).size).toBe(1);
    expect(await f.server.db.getRepository(Volunteer).countBy({ phone: input.phone })).toBe(1);
  });

  it('refuses a second person with the same ID number, phone or account', async () => {
    const input = person();
    expectNoErrors(await f.request(REGISTER, { input }, { token: admin }));
    const before = await count(Volunteer);
    expect(firstError(await f.request(REGISTER, { input: { ...input, name: '李四' } }, { token: admin }))).toMatchObject({
      code: 'CONFLICT',
      field: 'input.idNumber',
      reason: 'ALREADY_REGISTERED',
    });
    expect(firstError(await f.request(REGISTER, { input: person({ phone: input.phone }) }, { token: admin }))).toMatchObject({
      code: 'CONFLICT',
      field: 'input.phone',
      reason: 'PHONE_TAKEN',
    });
    expect(await count(Volunteer)).toBe(before);
  });

  it.each([
    ['a wrong check character', { idNumber: '320581198503121011' }, 'input.idNumber'],
    ['an impossible birth date', { idNumber: '320581198502301012' }, 'input.idNumber'],
    ['an ID number of the wrong shape', { idNumber: '32058119850312' }, 'input.idNumber'],
    ['a landline as mobile', { phone: '0512-52771234' }, 'input.phone'],
    ['a name with a control character', { name: '王\u0000五' }, 'input.name'],
    ['a one-character name', { name: '王' }, 'input.name'],
    ['a malformed site id', { homeSiteId: 'station-1' }, 'input.homeSiteId'],
    ['an unknown skill', { skillCodes: ['MEDICAL.SURGERY'] }, 'input.skillCodes[0]'],
    ['a malformed skill code', { skillCodes: ['medical'] }, 'input.skillCodes'],
    ['a malformed category code', { categoryCodes: ['健康'] }, 'input.categoryCodes'],
    ['a window ending before it starts', { availability: [{ day: 1, from: '18:00', to: '09:00' }] }, 'input.availability[0].to'],
    [
      'overlapping windows',
      {
        availability: [
          { day: 2, from: '09:00', to: '12:00' },
          { day: 2, from: '11:00', to: '13:00' },
        ],
      },
      'input.availability[1]',
    ],
    ['a weekday 8', { availability: [{ day: 8, from: '09:00', to: '12:00' }] }, 'input.availability[0].day'],
    ['a region prefix of 5 digits', { serviceArea: { regionCodePrefixes: ['32058'] } }, 'input.serviceArea.regionCodePrefixes'],
  ])('refuses %s, naming the field, and writes nothing', async (_, overrides, field) => {
    const before = await count(Volunteer);
    const error = firstError(await f.request(REGISTER, { input: person(overrides) }, { token: admin }));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await count(Volunteer)).toBe(before);
  });

  it('refuses an unknown home site with NOT_FOUND and a suspended one as not active', async () => {
    expect(firstError(await f.request(REGISTER, { input: person({ homeSiteId: '01900000-0000-7000-8000-000000000000' }) }, { token: admin }))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.homeSiteId',
    });
    const point = await f.site(SiteKind.POINT, 3);
    expectNoErrors(await graphqlOnSites(`mutation($id: ID!) { suspendSite(id: $id) { id } }`, { id: point.id }));
    expect(firstError(await f.request(REGISTER, { input: person({ homeSiteId: point.id }) }, { token: admin }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.homeSiteId',
      reason: 'SITE_NOT_ACTIVE',
    });
    const unknownArea = person({ serviceArea: { siteIds: ['01900000-0000-7000-8000-000000000001'] } });
    expect(firstError(await f.request(REGISTER, { input: unknownArea }, { token: admin }))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.serviceArea.siteIds[0]',
    });
  });

  it('answers SERVICE_UNAVAILABLE, writing nothing, when the sites subgraph cannot be reached', async () => {
    const orphan = await startTestSubgraph(volunteersSubgraph, { env: { SITES_URL: 'http://127.0.0.1:9/graphql' } });
    try {
      const result = await graphqlClient(orphan.url)(REGISTER, { input: person() }, { token: admin });
      expect(firstError(result).code).toBe('SERVICE_UNAVAILABLE');
      expect(await orphan.db.getRepository(Volunteer).count()).toBe(0);
    } finally {
      await orphan.close();
    }
  });
});

describe('updateVolunteerProfile', () => {
  it('lets the volunteer change their own profile; lists replace the old ones', async () => {
    const id = await f.register(station.id, { skillCodes: ['IT.SMARTPHONE'], categoryCodes: ['SERVICE.SCIENCE'] });
    const self = await f.token(Role.VOLUNTEER, { volunteerId: id, subject: `self-${id}` });
    const result = await f.request<{ updateVolunteerProfile: Record<string, unknown> }>(
      UPDATE,
      {
        input: {
          id,
          name: '王晓明',
          skillCodes: ['MEDICAL.NURSING', 'SIGN_LANGUAGE'],
          categoryCodes: ['SERVICE.HEALTH'],
          availability: [{ day: 6, from: '08:30', to: '11:30' }],
          serviceArea: { siteIds: [institute.id], regionCodePrefixes: [institute.regionCode.slice(0, 9)] },
        },
      },
      { token: self },
    );
    expectNoErrors(result);
    expect(result.data!.updateVolunteerProfile).toMatchObject({
      name: '王晓明',
      skills: [{ code: 'MEDICAL.NURSING' }, { code: 'SIGN_LANGUAGE' }],
      categoryCodes: ['SERVICE.HEALTH'],
      availability: [{ day: 6, from: '08:30', to: '11:30' }],
      serviceArea: { sites: [{ id: institute.id }], regionCodePrefixes: [institute.regionCode.slice(0, 9)] },
    });
  });

  it('lets a manager move a volunteer between sites they manage, rewriting the copied region and scope', async () => {
    const id = await f.register(station.id);
    const county = await f.site(SiteKind.CENTER);
    const manager = await f.token(Role.SITE_MANAGER, { siteIds: [county.id] });
    const result = await f.request<{ updateVolunteerProfile: { homeRegionCode: string; homeSite: { id: string } } }>(
      UPDATE,
      { input: { id, homeSiteId: otherStation.id } },
      { token: manager },
    );
    expectNoErrors(result);
    expect(result.data!.updateVolunteerProfile).toMatchObject({ homeRegionCode: otherStation.regionCode, homeSite: { id: otherStation.id } });
    const scope = await f.server.db.getRepository(VolunteerScope).findBy({ volunteerId: id });
    expect(scope.map((row) => row.siteId)).toContain(otherInstitute.id);
    expect(scope.map((row) => row.siteId)).not.toContain(institute.id);
  });

  it('refuses a manager moving a volunteer to a site they do not manage, and strangers altogether', async () => {
    const id = await f.register(station.id);
    const manager = await f.token(Role.SITE_MANAGER, { siteIds: [institute.id] });
    expect(firstError(await f.request(UPDATE, { input: { id, homeSiteId: otherStation.id } }, { token: manager }))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_SITE_MANAGER',
    });
    const sibling = await f.token(Role.SITE_MANAGER, { siteIds: [otherInstitute.id] });
    expect(firstError(await f.request(UPDATE, { input: { id, name: '改名' } }, { token: sibling })).code).toBe('FORBIDDEN');
    const volunteer = await f.token(Role.VOLUNTEER, { volunteerId: '01900000-0000-7000-8000-0000000000aa' });
    expect(firstError(await f.request(UPDATE, { input: { id, name: '改名' } }, { token: volunteer })).code).toBe('FORBIDDEN');
    expect((await f.server.db.getRepository(Volunteer).findOneByOrFail({ id })).homeSiteId).toBe(station.id);
  });

  it('keeps the profile as it was when a part of the change is invalid', async () => {
    const id = await f.register(station.id, { skillCodes: ['IT.SMARTPHONE'] });
    const error = firstError(await f.request(UPDATE, { input: { id, name: '新名字', skillCodes: ['IT.SMARTPHONE', 'NOPE.NOPE'] } }, { token: admin }));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.skillCodes[1]', reason: 'UNKNOWN_SKILL' });
    const row = await f.server.db.getRepository(Volunteer).findOneByOrFail({ id });
    expect(row.name).toBe('测试志愿者');
  });

  it('refuses a phone number that belongs to another volunteer', async () => {
    const phone = mobile();
    await f.register(station.id, { phone });
    const id = await f.register(station.id);
    expect(firstError(await f.request(UPDATE, { input: { id, phone } }, { token: admin }))).toMatchObject({ code: 'CONFLICT', reason: 'PHONE_TAKEN' });
  });
});

describe('changeVolunteerStatus', () => {
  it('lets managers suspend with a reason, reinstate and mark as left, keeping the history', async () => {
    const id = await f.register(station.id);
    const manager = await f.token(Role.SITE_MANAGER, { siteIds: [station.id], subject: 'station-manager' });
    expect(firstError(await f.request(STATUS, { input: { id, status: 'SUSPENDED' } }, { token: manager }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.reason',
    });
    expectNoErrors(await f.request(STATUS, { input: { id, status: 'SUSPENDED', reason: '连续三个月未参加活动' } }, { token: manager }));
    expectNoErrors(await f.request(STATUS, { input: { id, status: 'ACTIVE' } }, { token: manager }));
    const left = await f.request<{ changeVolunteerStatus: { status: string; statusHistory: unknown[] } }>(
      STATUS,
      { input: { id, status: 'LEFT', reason: '迁居外地' } },
      { token: manager },
    );
    expectNoErrors(left);
    expect(left.data!.changeVolunteerStatus.statusHistory).toEqual([
      { fromStatus: null, toStatus: 'ACTIVE', reason: null, changedBy: 'fixture-admin' },
      { fromStatus: 'ACTIVE', toStatus: 'SUSPENDED', reason: '连续三个月未参加活动', changedBy: 'station-manager' },
      { fromStatus: 'SUSPENDED', toStatus: 'ACTIVE', reason: null, changedBy: 'station-manager' },
      { fromStatus: 'ACTIVE', toStatus: 'LEFT', reason: '迁居外地', changedBy: 'station-manager' },
    ]);
  });

  it('lets volunteers leave but not suspend or reinstate themselves', async () => {
    const id = await f.register(station.id);
    const self = await f.token(Role.VOLUNTEER, { volunteerId: id });
    expect(firstError(await f.request(STATUS, { input: { id, status: 'SUSPENDED', reason: '休息一段' } }, { token: self })).code).toBe('FORBIDDEN');
    expectNoErrors(await f.request(STATUS, { input: { id, status: 'LEFT' } }, { token: self }));
    expect(firstError(await f.request(STATUS, { input: { id, status: 'ACTIVE' } }, { token: self })).code).toBe('FORBIDDEN');
  });

  it('refuses a transition the status table does not allow, and strangers', async () => {
    const id = await f.register(station.id);
    const manager = await f.token(Role.SITE_MANAGER, { siteIds: [station.id] });
    expectNoErrors(await f.request(STATUS, { input: { id, status: 'LEFT' } }, { token: manager }));
    expect(firstError(await f.request(STATUS, { input: { id, status: 'SUSPENDED', reason: '违规' } }, { token: manager }))).toMatchObject({
      code: 'CONFLICT',
      reason: 'INVALID_TRANSITION',
    });
    const stranger = await f.token(Role.SITE_MANAGER, { siteIds: [otherStation.id] });
    expect(firstError(await f.request(STATUS, { input: { id, status: 'ACTIVE' } }, { token: stranger })).code).toBe('FORBIDDEN');
    expect(firstError(await f.request(STATUS, { input: { id, status: 'ACTIVE' } })).code).toBe('UNAUTHENTICATED');
  });
});

function graphqlOnSites(query: string, variables: Record<string, unknown>) {
  return graphqlClient(f.sites.url)(query, variables, { token: admin });
}
