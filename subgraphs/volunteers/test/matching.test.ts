import { Role } from '@practice/common';
import { firstError } from '@practice/common/testing';
import { VolunteersFixture, expectNoErrors, startVolunteers } from './fixture';
import { CANDIDATES, Scene, candidatesOf, idsOf, ownSkill, partOf, sceneOf, ticketAt } from './matching-scene';
import { acceptTickets } from './ticket-events';

let f: VolunteersFixture;
let scene: Scene;
let admin: string;

beforeAll(async () => {
  f = await startVolunteers();
  scene = await sceneOf(f);
  admin = await f.token(Role.ADMIN);
});
afterAll(() => f.close());

// Saturday 1 June 2030, 10:00 to 12:00 China time.
const SATURDAY_MORNING = { desiredFrom: '2030-06-01T02:00:00Z', desiredTo: '2030-06-01T04:00:00Z' };

describe('hard filters', () => {
  it('keep ACTIVE volunteers with a needed skill or one below it', async () => {
    const skill = await ownSkill(f);
    const other = await ownSkill(f);
    const withSkill = await f.register(scene.station.id, { skillCodes: [skill.code] });
    const withChild = await f.register(scene.neighbour.id, { skillCodes: [skill.child] });
    const unqualified = await f.register(scene.station.id, { skillCodes: [other.code] });
    const suspended = await f.register(scene.station.id, { skillCodes: [skill.code] });
    const left = await f.register(scene.station.id, { skillCodes: [skill.code] });
    for (const [id, status, reason] of [
      [suspended, 'SUSPENDED', '长期未参加活动'],
      [left, 'LEFT', null],
    ]) {
      expectNoErrors(
        await f.request(
          `mutation($input: ChangeVolunteerStatusInput!) { changeVolunteerStatus(input: $input) { id } }`,
          { input: { id, status, reason } },
          { token: admin },
        ),
      );
    }
    const candidates = await candidatesOf(f, ticketAt(scene.station, { neededSkillCodes: [skill.code, other.child] }));
    expect(idsOf(candidates).sort()).toEqual([withSkill, withChild].sort());
    for (const candidate of candidates) {
      expect(candidate.matchedSkillCodes).toEqual([skill.code]);
      expect(partOf(candidate, 'skill')).toBe(0.5);
    }
    expect(idsOf(candidates)).not.toContain(unqualified);
  });

  it('keep, when the ticket needs no skill, those who prefer its category or one above it', async () => {
    const root = `MTC${process.pid % 1000}`;
    const ticketCategory = `${root}.HEALTH.CHECKUP`;
    const exact = await f.register(scene.station.id, { categoryCodes: [ticketCategory] });
    const parent = await f.register(scene.station.id, { categoryCodes: [`${root}.HEALTH`, 'SERVICE.CULTURE'] });
    const top = await f.register(scene.neighbour.id, { categoryCodes: [root] });
    const narrower = await f.register(scene.station.id, { categoryCodes: [`${ticketCategory}.DENTAL`] });
    const unrelated = await f.register(scene.station.id, { categoryCodes: [`${root}X.HEALTH`] });
    const candidates = await candidatesOf(f, ticketAt(scene.station, { categoryCode: ticketCategory }));
    expect(idsOf(candidates).sort()).toEqual([exact, parent, top].sort());
    const fit = new Map(candidates.map((candidate) => [candidate.volunteer.id, partOf(candidate, 'skill')]));
    expect(fit.get(exact)).toBe(1);
    expect(fit.get(parent)).toBeCloseTo(2 / 3, 10);
    expect(fit.get(top)).toBeCloseTo(1 / 3, 10);
    expect(idsOf(candidates)).not.toContain(narrower);
    expect(idsOf(candidates)).not.toContain(unrelated);

    // A ticket with neither skills nor a category qualifies everyone.
    const anyone = await candidatesOf(f, ticketAt(scene.station));
    expect(idsOf(anyone)).toEqual(expect.arrayContaining([narrower, unrelated]));
    for (const candidate of anyone) expect(partOf(candidate, 'skill')).toBe(1);
  });

  it('keep the township, the service areas that reach the site, and the radius around it', async () => {
    const skill = await ownSkill(f);
    const profile = { skillCodes: [skill.code] };
    const atStation = await f.register(scene.station.id, profile);
    const inTownship = await f.register(scene.neighbour.id, profile);
    const nearby = await f.register(scene.near.id, profile);
    const far = await f.register(scene.far.id, profile);
    const farServingTownship = await f.register(scene.far.id, { ...profile, serviceArea: { siteIds: [scene.institute.id] } });
    const farServingStation = await f.register(scene.far.id, { ...profile, serviceArea: { siteIds: [scene.station.id] } });
    const farServingRegion = await f.register(scene.far.id, { ...profile, serviceArea: { regionCodePrefixes: [scene.station.regionCode.slice(0, 9)] } });
    const farServingElsewhere = await f.register(scene.far.id, {
      ...profile,
      serviceArea: { siteIds: [scene.farInstitute.id], regionCodePrefixes: [scene.far.regionCode.slice(0, 9)] },
    });

    const candidates = await candidatesOf(f, ticketAt(scene.station, { neededSkillCodes: [skill.code] }));
    expect(idsOf(candidates).sort()).toEqual([atStation, inTownship, nearby, farServingTownship, farServingStation, farServingRegion].sort());
    expect(idsOf(candidates)).not.toContain(far);
    expect(idsOf(candidates)).not.toContain(farServingElsewhere);
    const byId = new Map(candidates.map((candidate) => [candidate.volunteer.id, candidate]));
    expect(byId.get(atStation)!.distanceKm).toBeCloseTo(0, 6);
    expect(partOf(byId.get(atStation)!, 'distance')).toBeCloseTo(1, 6);
    expect(byId.get(nearby)!.distanceKm).toBeGreaterThanOrEqual(3);
    expect(byId.get(nearby)!.distanceKm).toBeLessThanOrEqual(8);
    expect(byId.get(farServingTownship)!.distanceKm).toBeGreaterThan(20);

    // Without the ticket's location there is no radius, and no distance to score.
    const unplaced = await candidatesOf(f, ticketAt(scene.station, { neededSkillCodes: [skill.code], latitude: null, longitude: null }));
    expect(idsOf(unplaced).sort()).toEqual([atStation, inTownship, farServingTownship, farServingStation, farServingRegion].sort());
    for (const candidate of unplaced) {
      expect(candidate.distanceKm).toBeNull();
      expect(partOf(candidate, 'distance')).toBe(0.5);
    }
  });

  it('keep, for a window, those available on that weekday at those hours, and those whose availability is unknown', async () => {
    const skill = await ownSkill(f);
    const register = (availability: { day: number; from: string; to: string }[]) => f.register(scene.station.id, { skillCodes: [skill.code], availability });
    const whole = await register([{ day: 6, from: '09:00', to: '12:00' }]);
    const quarter = await register([
      { day: 6, from: '08:00', to: '10:30' },
      { day: 6, from: '14:00', to: '16:00' },
    ]);
    const sunday = await register([{ day: 7, from: '10:00', to: '12:00' }]);
    const afternoon = await register([{ day: 6, from: '12:00', to: '17:00' }]);
    const unknown = await register([]);

    const candidates = await candidatesOf(f, ticketAt(scene.station, { neededSkillCodes: [skill.code], ...SATURDAY_MORNING }));
    expect(idsOf(candidates).sort()).toEqual([whole, quarter, unknown].sort());
    const availability = new Map(candidates.map((candidate) => [candidate.volunteer.id, partOf(candidate, 'availability')]));
    expect(availability.get(whole)).toBe(1);
    expect(availability.get(quarter)).toBeCloseTo(0.25, 10);
    expect(availability.get(unknown)).toBe(0);
    expect(idsOf(candidates)).not.toContain(sunday);
    expect(idsOf(candidates)).not.toContain(afternoon);

    // Saturday 23:00 to Sunday 11:00 reaches the Sunday volunteer; without a window everyone counts as available.
    const overnight = await candidatesOf(
      f,
      ticketAt(scene.station, { neededSkillCodes: [skill.code], desiredFrom: '2030-06-01T15:00:00Z', desiredTo: '2030-06-02T03:00:00Z' }),
    );
    expect(idsOf(overnight).sort()).toEqual([sunday, unknown].sort());
    expect(
      partOf(
        overnight.find((c) => c.volunteer.id === sunday)!,
        'availability',
      ),
    ).toBeCloseTo(60 / 720, 10);
    const anytime = await candidatesOf(f, ticketAt(scene.station, { neededSkillCodes: [skill.code] }));
    expect(idsOf(anytime)).toHaveLength(5);
    for (const candidate of anytime) expect(partOf(candidate, 'availability')).toBe(1);
  });
});

describe('the score', () => {
  it('is the sum of its parts, ranks candidates best first and breaks ties by registration', async () => {
    const skill = await ownSkill(f);
    const volunteers: string[] = [];
    for (const site of [scene.station, scene.neighbour, scene.near, scene.station, scene.station])
      volunteers.push(await f.register(site.id, { skillCodes: [skill.code] }));
    await acceptTickets(f, volunteers[0], 2);
    await acceptTickets(f, volunteers[2], 1);
    const candidates = await candidatesOf(f, ticketAt(scene.station, { neededSkillCodes: [skill.code] }));
    expect(candidates).toHaveLength(5);
    expect(candidates.map((candidate) => candidate.rank)).toEqual([1, 2, 3, 4, 5]);
    for (const [index, candidate] of candidates.entries()) {
      expect(candidate.parts.map((part) => part.name)).toEqual(['skill', 'distance', 'availability', 'workload', 'reliability', 'star']);
      expect(candidate.parts.reduce((sum, part) => sum + part.weight, 0)).toBeCloseTo(1, 10);
      for (const part of candidate.parts) {
        expect(part.value).toBeGreaterThanOrEqual(0);
        expect(part.value).toBeLessThanOrEqual(1);
        expect(part.contribution).toBeCloseTo(part.value * part.weight, 12);
      }
      expect(candidate.score).toBeCloseTo(
        candidate.parts.reduce((sum, part) => sum + part.contribution, 0),
        12,
      );
      if (index > 0) expect(candidate.score).toBeLessThanOrEqual(candidates[index - 1].score);
    }
    const byId = new Map(candidates.map((candidate) => [candidate.volunteer.id, candidate]));
    expect(byId.get(volunteers[0])).toMatchObject({ openAssignments: 2 });
    expect(partOf(byId.get(volunteers[0])!, 'workload')).toBeCloseTo(1 / 3, 10);
    // Two volunteers at the same station with the same profile tie: the first registered comes first.
    const [first, second] = [byId.get(volunteers[3])!, byId.get(volunteers[4])!];
    expect(first.score).toBe(second.score);
    expect(first.rank).toBe(second.rank - 1);
    expect(volunteers[3] < volunteers[4]).toBe(true);
    // A newcomer's reliability is in the middle, not zero.
    expect(partOf(first, 'reliability')).toBeCloseTo(0.775, 10);
  });

  it('cuts the ranking to `first`, 1 to 100', async () => {
    const skill = await ownSkill(f);
    for (let i = 0; i < 4; i++) await f.register(scene.station.id, { skillCodes: [skill.code] });
    const ticket = ticketAt(scene.station, { neededSkillCodes: [skill.code] });
    const all = await candidatesOf(f, ticket);
    expect(await candidatesOf(f, ticket, { first: 2 })).toEqual(all.slice(0, 2));
    const defaults = await f.request<{ _entities: { candidateVolunteers: unknown[] }[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Ticket { candidateVolunteers { rank } } } }`,
      { r: [ticket] },
      { token: admin },
    );
    expect(defaults.data!._entities[0].candidateVolunteers).toHaveLength(4);
    for (const first of [0, 101]) {
      const result = await f.request(CANDIDATES, { r: [ticket], first }, { token: admin });
      expect(firstError(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first', reason: 'PAGE_SIZE_OUT_OF_RANGE' });
    }
  });

  it('answers BAD_USER_INPUT for a ticket whose window ends before it starts', async () => {
    const result = await f.request(
      CANDIDATES,
      { r: [ticketAt(scene.station, { desiredFrom: '2030-06-01T04:00:00Z', desiredTo: '2030-06-01T02:00:00Z' })] },
      { token: admin },
    );
    expect(firstError(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ticket.desiredTo', reason: 'WINDOW_ENDS_BEFORE_START' });
  });
});

describe('who may ask', () => {
  let skill: { code: string };
  let inTownship: string;
  let nearby: string;
  beforeAll(async () => {
    skill = await ownSkill(f);
    inTownship = await f.register(scene.neighbour.id, { skillCodes: [skill.code] });
    nearby = await f.register(scene.near.id, { skillCodes: [skill.code] });
  });
  const ask = (token?: string) => f.request(CANDIDATES, { r: [ticketAt(scene.station, { neededSkillCodes: [skill.code] })] }, { token });

  it.each([
    ['a citizen', Role.CITIZEN],
    ['a volunteer', Role.VOLUNTEER],
  ])('refuses %s', async (_name, role) => {
    const result = await ask(await f.token(role, { subject: `asker-${role}` }));
    expect(firstError(result)).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
  });

  it('refuses anonymous callers', async () => {
    expect(firstError(await ask())).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it.each([
    ['a site manager', Role.SITE_MANAGER],
    ['an agency admin', Role.AGENCY_ADMIN],
    ['an analyst', Role.ANALYST],
    ['an admin', Role.ADMIN],
  ])('answers %s', async (_name, role) => {
    const result = await ask(await f.token(role, { siteIds: [scene.station.id] }));
    expectNoErrors(result);
  });

  it('shows personal data only as Volunteer discloses it', async () => {
    const manager = await f.token(Role.SITE_MANAGER, { siteIds: [scene.institute.id] });
    const candidates = await candidatesOf(f, ticketAt(scene.station, { neededSkillCodes: [skill.code] }), { token: manager });
    const phones = new Map(candidates.map((candidate) => [candidate.volunteer.id, candidate.volunteer.phone]));
    // The township's manager manages the neighbour station's volunteer, not the one of the next township.
    expect(phones.get(inTownship)).toMatch(/^1\d{10}$/);
    expect(phones.get(nearby)).toMatch(/^1\d{2}\*{4}\d{4}$/);
    const analyst = await candidatesOf(f, ticketAt(scene.station, { neededSkillCodes: [skill.code] }), { token: await f.token(Role.ANALYST) });
    for (const candidate of analyst) expect(candidate.volunteer.phone).toMatch(/\*{4}/);
  });
});

describe('SQL statements', () => {
  const QUERY = `query($r: [_Any!]!, $first: Int) { _entities(representations: $r) { ... on Ticket { candidateVolunteers(first: $first) {
    rank score parts { name contribution } volunteer { name phone skills { code } reliability { completed openAssignments } }
  } } } }`;

  async function statementsOf(tickets: Record<string, unknown>[], first: number): Promise<number> {
    const { result, statements } = await f.server.counter.measure(() =>
      f.request<{ _entities: { candidateVolunteers: unknown[] }[] }>(QUERY, { r: tickets, first }, { token: admin }),
    );
    expectNoErrors(result);
    return statements.length;
  }

  it('stay the same whatever `first`, the number of volunteers or of tickets, and at most 8', async () => {
    const skill = await ownSkill(f);
    const register = (n: number) =>
      Promise.all(
        Array.from({ length: n }, (_, i) =>
          f.register([scene.station, scene.neighbour, scene.near][i % 3].id, {
            skillCodes: [skill.code, 'MEDICAL.NURSING'],
            categoryCodes: ['SERVICE.HEALTH'],
            availability: [{ day: 6, from: '09:00', to: '11:00' }],
          }),
        ),
      );
    const volunteers = await register(3);
    await acceptTickets(f, volunteers[0], 1);
    const tickets = [
      ticketAt(scene.station, { neededSkillCodes: [skill.code, 'MEDICAL'], ...SATURDAY_MORNING }),
      ticketAt(scene.neighbour, { neededSkillCodes: [skill.child] }),
      ticketAt(scene.near, { neededSkillCodes: [skill.code], categoryCode: 'SERVICE.HEALTH.CHECKUP' }),
    ];
    const few = await statementsOf([tickets[0]], 1);
    expect(few).toBeLessThanOrEqual(8);
    expect(await statementsOf([tickets[0]], 3)).toBe(few);
    await register(30);
    expect(await statementsOf([tickets[0]], 1)).toBe(few);
    expect(await statementsOf([tickets[0]], 30)).toBe(few);
    // A page of tickets costs what one does: their pools come from one statement.
    expect(await statementsOf(tickets, 30)).toBe(few);
  });
});
