import { Role, encodeCursor, todayInChina } from '@practice/common';
import { GraphQLResult, firstError, graphqlClient } from '@practice/common/testing';
import { Site } from '@practice/sites/site/site.entity';
import { SiteKind, SiteStatus } from '@practice/sites/site/site.enums';
import { randomUUID } from 'node:crypto';
import { TeamMember } from '../src/team/team-member.entity';
import { Team } from '../src/team/team.entity';
import { TeamStatus } from '../src/team/team.enums';
import { VolunteersFixture, expectNoErrors, startVolunteers } from './fixture';

const TEAM = 'id name level status siteId: site { id } leader { id } parent { id } memberCount';
const CREATE = `mutation($input: CreateTeamInput!) { createTeam(input: $input) { ${TEAM} } }`;
const UPDATE = `mutation($input: UpdateTeamInput!) { updateTeam(input: $input) { ${TEAM} } }`;
const ADD = `mutation($input: TeamMemberInput!) { addTeamMember(input: $input) { id memberCount } }`;
const REMOVE = `mutation($input: RemoveTeamMemberInput!) { removeTeamMember(input: $input) { id memberCount } }`;
const CHANGE_STATUS = `mutation($input: ChangeVolunteerStatusInput!) { changeVolunteerStatus(input: $input) { id status } }`;
const CREATE_ORGANIZATION = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id name } }`;
const SUSPEND_SITE = `mutation($id: ID!) { suspendSite(id: $id) { id status } }`;
const LIST = `query($filter: TeamFilter, $first: Int, $after: String) {
  teams(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id name } } }
}`;
const MEMBERS = `query($id: ID!, $first: Int, $after: String) {
  team(id: $id) {
    memberCount
    members(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage endCursor }
      edges { cursor node { role joinedOn volunteer { id } team { id } } }
    }
  }
}`;
const VOLUNTEER_TEAMS = `query($id: ID!) { volunteer(id: $id) { teams { team { name } role joinedOn } } }`;

type TeamShape = {
  id: string;
  name: string;
  level: string;
  status: string;
  siteId: { id: string };
  leader: { id: string } | null;
  parent: { id: string } | null;
  memberCount: number;
};
type Connection = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { id: string; name: string } }[];
};
type MembersPage = {
  team: {
    memberCount: number;
    members: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
      edges: { cursor: string; node: { role: string; joinedOn: string; volunteer: { id: string }; team: { id: string } } }[];
    };
  };
};

let f: VolunteersFixture;
let admin: string;
let center: Site;
let institute: Site;
let station: Site;
let siblingStation: Site;
let otherInstitute: Site;
let subcenter: Site;
let otherSubcenter: Site;
let serial = 0;
/** No token. */
const ANONYMOUS = null;

/** Active children of a site of one kind, by code: some demo stations are suspended or archived. */
async function activeChildren(parent: Site, kind: SiteKind, count: number): Promise<Site[]> {
  const children = await f.sites.db
    .getRepository(Site)
    .find({ where: { parentId: parent.id, kind, status: SiteStatus.ACTIVE }, order: { code: 'ASC' }, take: count });
  expect(children).toHaveLength(count);
  return children;
}

beforeAll(async () => {
  f = await startVolunteers();
  admin = await f.token(Role.ADMIN);
  center = await f.site(SiteKind.CENTER);
  institute = await f.site(SiteKind.INSTITUTE, 1);
  [station, siblingStation] = await activeChildren(institute, SiteKind.STATION, 2);
  otherInstitute = await f.site(SiteKind.INSTITUTE, 3);
  subcenter = await f.site(SiteKind.SECTOR_SUBCENTER, 0);
  otherSubcenter = await f.site(SiteKind.SECTOR_SUBCENTER, 1);
});
afterAll(() => f.close());

const uniqueName = (prefix = '测试志愿服务队'): string => `${prefix}${++serial}`;
const teamInput = (overrides: Record<string, unknown> = {}) => ({ name: uniqueName(), level: 'TEAM', siteId: station.id, ...overrides });

const create = (input: Record<string, unknown>, token: string | null = admin) =>
  f.request<{ createTeam: TeamShape }>(CREATE, { input }, { token: token ?? undefined });
const update = (input: Record<string, unknown>, token: string | null = admin) =>
  f.request<{ updateTeam: TeamShape }>(UPDATE, { input }, { token: token ?? undefined });
const add = (input: Record<string, unknown>, token: string | null = admin) =>
  f.request<{ addTeamMember: { id: string; memberCount: number } }>(ADD, { input }, { token: token ?? undefined });
const remove = (input: Record<string, unknown>, token: string | null = admin) =>
  f.request<{ removeTeamMember: { id: string; memberCount: number } }>(REMOVE, { input }, { token: token ?? undefined });
const list = (filter: Record<string, unknown>, first?: number, after?: string) => f.request<{ teams: Connection }>(LIST, { filter, first, after });

async function createTeam(overrides: Record<string, unknown> = {}, token = admin): Promise<TeamShape> {
  const result = await create(teamInput(overrides), token);
  expectNoErrors(result);
  return result.data!.createTeam;
}

async function ok<T>(promise: Promise<GraphQLResult<T>>): Promise<T> {
  const result = await promise;
  expectNoErrors(result);
  return result.data!;
}

const teamCount = () => f.server.db.getRepository(Team).count();
const memberCount = () => f.server.db.getRepository(TeamMember).count();
const membersOf = async (teamId: string): Promise<Record<string, string>> =>
  Object.fromEntries((await f.server.db.getRepository(TeamMember).findBy({ teamId })).map((member) => [member.volunteerId, member.role]));
const teamRow = (id: string) => f.server.db.getRepository(Team).findOneByOrFail({ id });
const volunteerToken = (volunteerId: string) => f.token(Role.VOLUNTEER, { volunteerId, subject: `vol-${volunteerId}` });
const setVolunteerStatus = async (id: string, status: string) =>
  ok(f.request(CHANGE_STATUS, { input: { id, status, reason: status === 'SUSPENDED' ? '测试暂停' : null } }, { token: admin }));
const names = (connection: Connection): string[] => connection.edges.map((edge) => edge.node.name).sort();

/** Expects a refused write: this error, and no new team or membership rows. */
async function expectRefused(write: () => Promise<GraphQLResult<unknown>>, expected: Record<string, unknown>): Promise<void> {
  const [teams, members] = [await teamCount(), await memberCount()];
  expect(firstError(await write())).toMatchObject(expected);
  expect(await teamCount()).toBe(teams);
  expect(await memberCount()).toBe(members);
}

describe('who may create a team', () => {
  it('refuses anonymous callers with UNAUTHENTICATED', async () => {
    await expectRefused(() => create(teamInput(), ANONYMOUS), { code: 'UNAUTHENTICATED' });
  });

  it.each([Role.CITIZEN, Role.VOLUNTEER, Role.ANALYST])('refuses %s callers with FORBIDDEN', async (role) => {
    const token = await f.token(role);
    await expectRefused(() => create(teamInput(), token), { code: 'FORBIDDEN', reason: 'NOT_SITE_MANAGER' });
  });

  it('lets managers of the owning site and of its ancestors create teams there', async () => {
    for (const siteIds of [[station.id], [institute.id], [center.id]]) {
      const token = await f.token(Role.SITE_MANAGER, { siteIds });
      const team = await createTeam({}, token);
      expect(team).toMatchObject({ status: 'ACTIVE', siteId: { id: station.id }, leader: null, parent: null, memberCount: 0 });
      expect(await teamRow(team.id)).toMatchObject({
        siteId: station.id,
        sitePath: expect.stringContaining(`/${institute.id}/${station.id}/`),
        regionCode: station.regionCode,
      });
    }
  });

  it('refuses managers of a sibling site or of another branch', async () => {
    for (const siteIds of [[siblingStation.id], [otherInstitute.id], [subcenter.id]]) {
      const token = await f.token(Role.SITE_MANAGER, { siteIds });
      await expectRefused(() => create(teamInput(), token), { code: 'FORBIDDEN', reason: 'NOT_SITE_MANAGER' });
    }
    // A station manager cannot create a team for the institute above it either.
    const below = await f.token(Role.SITE_MANAGER, { siteIds: [station.id] });
    await expectRefused(() => create(teamInput({ siteId: institute.id }), below), { code: 'FORBIDDEN' });
  });

  it("lets an agency admin create teams for its own sub-center, not for another's or for a station", async () => {
    const token = await f.token(Role.AGENCY_ADMIN, { siteIds: [subcenter.id] });
    const team = await createTeam({ siteId: subcenter.id, level: 'CORPS' }, token);
    expect(team.siteId.id).toBe(subcenter.id);
    await expectRefused(() => create(teamInput({ siteId: otherSubcenter.id }), token), { code: 'FORBIDDEN', reason: 'NOT_SITE_MANAGER' });
    await expectRefused(() => create(teamInput(), token), { code: 'FORBIDDEN', reason: 'NOT_SITE_MANAGER' });
  });

  it('lets admins create teams anywhere', async () => {
    for (const site of [center, otherInstitute, otherSubcenter, siblingStation]) {
      expect((await createTeam({ siteId: site.id })).siteId.id).toBe(site.id);
    }
  });

  it('answers NOT_FOUND on input.siteId for a site that does not exist', async () => {
    await expectRefused(() => create(teamInput({ siteId: randomUUID() })), { code: 'NOT_FOUND', field: 'input.siteId' });
  });

  it('refuses a suspended site with SITE_NOT_ACTIVE (and hides it from those who may not see it)', async () => {
    const [, , paused] = await activeChildren(otherInstitute, SiteKind.STATION, 3);
    const suspended = await graphqlClient(f.sites.url)<{ suspendSite: { status: string } }>(SUSPEND_SITE, { id: paused.id }, { token: admin });
    expect(suspended.data?.suspendSite.status).toBe('SUSPENDED');
    const manager = await f.token(Role.SITE_MANAGER, { siteIds: [paused.id] });
    for (const token of [admin, manager]) {
      await expectRefused(() => create(teamInput({ siteId: paused.id }), token), { code: 'BAD_USER_INPUT', field: 'input.siteId', reason: 'SITE_NOT_ACTIVE' });
    }
    const citizen = await f.token(Role.CITIZEN);
    await expectRefused(() => create(teamInput({ siteId: paused.id }), citizen), { code: 'NOT_FOUND', field: 'input.siteId' });
  });
});

describe('nesting: corps > detachment > team', () => {
  it('hangs detachments under corps and teams under corps or detachments, also from a site below', async () => {
    const corps = await createTeam({ siteId: institute.id, level: 'CORPS' });
    const detachment = await createTeam({ siteId: institute.id, level: 'DETACHMENT', parentId: corps.id });
    const underCorps = await createTeam({ parentId: corps.id });
    const underDetachment = await createTeam({ parentId: detachment.id });
    expect(detachment.parent).toEqual({ id: corps.id });
    expect(underCorps.parent).toEqual({ id: corps.id });
    expect(underDetachment).toMatchObject({ level: 'TEAM', parent: { id: detachment.id }, siteId: { id: station.id } });
    // The owning site's own team under a corps of the same site.
    expect((await createTeam({ siteId: institute.id, parentId: corps.id })).parent).toEqual({ id: corps.id });
  });

  it.each([
    ['a corps under a corps', 'CORPS', 'CORPS'],
    ['a corps under a detachment', 'CORPS', 'DETACHMENT'],
    ['a corps under a team', 'CORPS', 'TEAM'],
    ['a detachment under a detachment', 'DETACHMENT', 'DETACHMENT'],
    ['a detachment under a team', 'DETACHMENT', 'TEAM'],
    ['a team under a team', 'TEAM', 'TEAM'],
  ])('refuses %s with INVALID_PARENT_LEVEL', async (_name, level, parentLevel) => {
    const corps = await createTeam({ siteId: institute.id, level: 'CORPS' });
    const parent =
      parentLevel === 'CORPS' ? corps : await createTeam({ siteId: institute.id, level: parentLevel, parentId: parentLevel === 'TEAM' ? null : corps.id });
    await expectRefused(() => create(teamInput({ level, parentId: parent.id })), {
      code: 'BAD_USER_INPUT',
      field: 'input.parentId',
      reason: 'INVALID_PARENT_LEVEL',
    });
  });

  it("refuses a parent owned by a site that is not the new team's site or above it", async () => {
    const corpsOfSibling = await createTeam({ siteId: siblingStation.id, level: 'CORPS' });
    await expectRefused(() => create(teamInput({ parentId: corpsOfSibling.id })), {
      code: 'BAD_USER_INPUT',
      field: 'input.parentId',
      reason: 'PARENT_OUTSIDE_SITE',
    });
    // A parent below the new team's site is outside it too.
    const corpsOfStation = await createTeam({ level: 'CORPS' });
    await expectRefused(() => create(teamInput({ siteId: institute.id, parentId: corpsOfStation.id })), {
      code: 'BAD_USER_INPUT',
      field: 'input.parentId',
      reason: 'PARENT_OUTSIDE_SITE',
    });
  });

  it('refuses a dissolved parent with PARENT_DISSOLVED and an unknown one with NOT_FOUND', async () => {
    const corps = await createTeam({ siteId: institute.id, level: 'CORPS' });
    await ok(update({ id: corps.id, status: 'DISSOLVED' }));
    await expectRefused(() => create(teamInput({ parentId: corps.id })), { code: 'BAD_USER_INPUT', field: 'input.parentId', reason: 'PARENT_DISSOLVED' });
    await expectRefused(() => create(teamInput({ parentId: randomUUID() })), { code: 'NOT_FOUND', field: 'input.parentId' });
  });
});

describe('retries', () => {
  it('returns the same team when the same create is retried', async () => {
    const corps = await createTeam({ siteId: institute.id, level: 'CORPS' });
    const input = teamInput({ parentId: corps.id, description: '重试测试' });
    const before = await teamCount();
    const first = (await ok(create(input))).createTeam;
    const again = (await ok(create(input))).createTeam;
    expect(again.id).toBe(first.id);
    expect(await teamCount()).toBe(before + 1);
  });

  it('refuses the same name with another level or parent with NAME_TAKEN', async () => {
    const corps = await createTeam({ siteId: institute.id, level: 'CORPS' });
    const team = await createTeam();
    await expectRefused(() => create({ name: team.name, level: 'CORPS', siteId: station.id }), { code: 'CONFLICT', field: 'input.name', reason: 'NAME_TAKEN' });
    await expectRefused(() => create({ name: team.name, level: 'TEAM', siteId: station.id, parentId: corps.id }), {
      code: 'CONFLICT',
      field: 'input.name',
      reason: 'NAME_TAKEN',
    });
    // The same name at another site is another team.
    expect((await createTeam({ name: team.name, siteId: siblingStation.id })).id).not.toBe(team.id);
  });

  it('creates one team when identical creates race', async () => {
    const input = teamInput();
    const before = await teamCount();
    const results = await Promise.all(Array.from({ length: 5 }, () => create(input)));
    results.forEach(expectNoErrors);
    expect(new Set(results.map((result) => result.data!.createTeam.id)).size).toBe(1);
    expect(await teamCount()).toBe(before + 1);
  });
});

describe('leaders', () => {
  it('makes the leader given at creation a member with the role LEADER', async () => {
    const leader = await f.register(station.id);
    const team = await createTeam({ leaderId: leader });
    expect(team).toMatchObject({ leader: { id: leader }, memberCount: 1 });
    expect(await membersOf(team.id)).toEqual({ [leader]: 'LEADER' });
  });

  it('hands over to a new leader; the old one stays a member', async () => {
    const [first, second, third] = [await f.register(station.id), await f.register(station.id), await f.register(station.id)];
    const team = await createTeam({ leaderId: first });
    await ok(add({ teamId: team.id, volunteerId: third, role: 'DEPUTY' }));
    const handedOver = (await ok(update({ id: team.id, leaderId: second }))).updateTeam;
    expect(handedOver).toMatchObject({ leader: { id: second }, memberCount: 3 });
    expect(await membersOf(team.id)).toEqual({ [first]: 'MEMBER', [second]: 'LEADER', [third]: 'DEPUTY' });
    // A member (here a deputy) becomes leader without a second row.
    expect((await ok(update({ id: team.id, leaderId: third }))).updateTeam).toMatchObject({ leader: { id: third }, memberCount: 3 });
    expect(await membersOf(team.id)).toEqual({ [first]: 'MEMBER', [second]: 'MEMBER', [third]: 'LEADER' });
  });

  it.each(['SUSPENDED', 'LEFT'])('refuses a %s volunteer as leader and changes nothing', async (status) => {
    const [leader, other] = [await f.register(station.id), await f.register(station.id)];
    await setVolunteerStatus(other, status);
    const team = await createTeam({ leaderId: leader });
    const before = await teamRow(team.id);
    await expectRefused(() => update({ id: team.id, leaderId: other, name: uniqueName('改名') }), {
      code: 'CONFLICT',
      field: 'input.leaderId',
      reason: 'VOLUNTEER_NOT_ACTIVE',
    });
    expect(await teamRow(team.id)).toMatchObject({ name: before.name, leaderId: leader });
    expect(await membersOf(team.id)).toEqual({ [leader]: 'LEADER' });
    // Nor at creation: no team is left behind.
    await expectRefused(() => create(teamInput({ leaderId: other })), { code: 'CONFLICT', field: 'input.leaderId', reason: 'VOLUNTEER_NOT_ACTIVE' });
  });

  it('answers NOT_FOUND on input.leaderId for an unknown volunteer, leaving no team', async () => {
    await expectRefused(() => create(teamInput({ leaderId: randomUUID() })), { code: 'NOT_FOUND', field: 'input.leaderId' });
  });
});

describe('members', () => {
  let team: TeamShape;
  let leader: string;
  let leaderToken: string;

  beforeAll(async () => {
    leader = await f.register(station.id);
    leaderToken = await volunteerToken(leader);
    team = await createTeam({ leaderId: leader });
  });

  it('lets managers of the owning site add members and deputies', async () => {
    const token = await f.token(Role.SITE_MANAGER, { siteIds: [institute.id] });
    const [member, deputy] = [await f.register(station.id), await f.register(siblingStation.id)];
    expect((await ok(add({ teamId: team.id, volunteerId: member }, token))).addTeamMember.id).toBe(team.id);
    await ok(add({ teamId: team.id, volunteerId: deputy, role: 'DEPUTY' }, token));
    expect(await membersOf(team.id)).toMatchObject({ [member]: 'MEMBER', [deputy]: 'DEPUTY' });
    const elsewhere = await f.token(Role.SITE_MANAGER, { siteIds: [siblingStation.id] });
    await expectRefused(() => add({ teamId: team.id, volunteerId: deputy }, elsewhere), { code: 'FORBIDDEN' });
  });

  it('refuses the role LEADER through addTeamMember', async () => {
    const volunteer = await f.register(station.id);
    await expectRefused(() => add({ teamId: team.id, volunteerId: volunteer, role: 'LEADER' }), { code: 'BAD_USER_INPUT', field: 'input.role' });
  });

  it('lets a volunteer join as a member, but not add others nor make themselves deputy', async () => {
    const [self, other] = [await f.register(station.id), await f.register(station.id)];
    const token = await volunteerToken(self);
    expect((await ok(add({ teamId: team.id, volunteerId: self }, token))).addTeamMember.memberCount).toBeGreaterThan(1);
    expect((await membersOf(team.id))[self]).toBe('MEMBER');
    await expectRefused(() => add({ teamId: team.id, volunteerId: other }, token), { code: 'FORBIDDEN' });
    await expectRefused(() => add({ teamId: team.id, volunteerId: self, role: 'DEPUTY' }, token), { code: 'FORBIDDEN' });
    expect((await membersOf(team.id))[self]).toBe('MEMBER');
    await expectRefused(() => add({ teamId: team.id, volunteerId: self }, ANONYMOUS), { code: 'UNAUTHENTICATED' });
  });

  it('lets the team leader add members and deputies', async () => {
    const [member, deputy] = [await f.register(station.id), await f.register(station.id)];
    await ok(add({ teamId: team.id, volunteerId: member }, leaderToken));
    await ok(add({ teamId: team.id, volunteerId: deputy, role: 'DEPUTY' }, leaderToken));
    expect(await membersOf(team.id)).toMatchObject({ [member]: 'MEMBER', [deputy]: 'DEPUTY' });
    // The leader of another team has no say here.
    const otherLeader = await f.register(station.id);
    await createTeam({ leaderId: otherLeader });
    const [newcomer, otherToken] = [await f.register(station.id), await volunteerToken(otherLeader)];
    await expectRefused(() => add({ teamId: team.id, volunteerId: newcomer }, otherToken), { code: 'FORBIDDEN' });
  });

  it('changes nothing when a member is added again', async () => {
    const volunteer = await f.register(station.id);
    const first = (await ok(add({ teamId: team.id, volunteerId: volunteer }))).addTeamMember.memberCount;
    const rows = await memberCount();
    const again = (await ok(add({ teamId: team.id, volunteerId: volunteer }))).addTeamMember.memberCount;
    expect(again).toBe(first);
    expect(await memberCount()).toBe(rows);
    expect(await f.server.db.getRepository(TeamMember).countBy({ teamId: team.id, volunteerId: volunteer })).toBe(1);
    // Concurrent adds of one volunteer make one row as well.
    const racer = await f.register(station.id);
    (await Promise.all([1, 2, 3].map(() => add({ teamId: team.id, volunteerId: racer })))).forEach(expectNoErrors);
    expect(await f.server.db.getRepository(TeamMember).countBy({ teamId: team.id, volunteerId: racer })).toBe(1);
  });

  it('refuses a suspended volunteer, a dissolved team and unknown ids', async () => {
    const suspended = await f.register(station.id);
    await setVolunteerStatus(suspended, 'SUSPENDED');
    await expectRefused(() => add({ teamId: team.id, volunteerId: suspended }), {
      code: 'CONFLICT',
      field: 'input.volunteerId',
      reason: 'VOLUNTEER_NOT_ACTIVE',
    });
    const dissolved = await createTeam();
    await ok(update({ id: dissolved.id, status: 'DISSOLVED' }));
    const volunteer = await f.register(station.id);
    await expectRefused(() => add({ teamId: dissolved.id, volunteerId: volunteer }), { code: 'CONFLICT', field: 'input.teamId', reason: 'TEAM_DISSOLVED' });
    await expectRefused(() => add({ teamId: randomUUID(), volunteerId: volunteer }), { code: 'NOT_FOUND', field: 'input.teamId' });
    await expectRefused(() => add({ teamId: team.id, volunteerId: randomUUID() }), { code: 'NOT_FOUND', field: 'input.volunteerId' });
  });

  it('removes members: by a manager, by the member themselves, by the leader; never the leader', async () => {
    const own = await createTeam({ leaderId: await f.register(station.id) });
    const ownLeader = (await teamRow(own.id)).leaderId!;
    const [a, b, c, outsider] = [await f.register(station.id), await f.register(station.id), await f.register(station.id), await f.register(station.id)];
    for (const volunteer of [a, b, c]) await ok(add({ teamId: own.id, volunteerId: volunteer }));

    const manager = await f.token(Role.SITE_MANAGER, { siteIds: [station.id] });
    expect((await ok(remove({ teamId: own.id, volunteerId: a }, manager))).removeTeamMember.memberCount).toBe(3);
    // A member cannot remove another member, only leave.
    expect(firstError(await remove({ teamId: own.id, volunteerId: c }, await volunteerToken(b)))).toMatchObject({ code: 'FORBIDDEN' });
    expect((await ok(remove({ teamId: own.id, volunteerId: b }, await volunteerToken(b)))).removeTeamMember.memberCount).toBe(2);
    expect((await ok(remove({ teamId: own.id, volunteerId: c }, await volunteerToken(ownLeader)))).removeTeamMember.memberCount).toBe(1);
    expect(await membersOf(own.id)).toEqual({ [ownLeader]: 'LEADER' });

    for (const token of [admin, await volunteerToken(ownLeader)]) {
      expect(firstError(await remove({ teamId: own.id, volunteerId: ownLeader }, token))).toMatchObject({
        code: 'CONFLICT',
        field: 'input.volunteerId',
        reason: 'IS_LEADER',
      });
    }
    expect(firstError(await remove({ teamId: own.id, volunteerId: outsider }))).toMatchObject({ code: 'NOT_FOUND', field: 'input.volunteerId' });
    expect(firstError(await remove({ teamId: own.id, volunteerId: a }, ANONYMOUS))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await membersOf(own.id)).toEqual({ [ownLeader]: 'LEADER' });
  });

  it('pages members with cursors and shows memberships on the volunteer', async () => {
    const paged = await createTeam({ name: uniqueName('分页队') });
    const volunteers: string[] = [];
    for (let i = 0; i < 5; i++) volunteers.push(await f.register(station.id));
    for (const volunteer of volunteers) await ok(add({ teamId: paged.id, volunteerId: volunteer }));

    const first = (await ok(f.request<MembersPage>(MEMBERS, { id: paged.id, first: 2 }, { token: admin }))).team;
    expect(first.memberCount).toBe(5);
    expect(first.members).toMatchObject({ totalCount: 5, pageInfo: { hasNextPage: true, hasPreviousPage: false } });
    expect(first.members.edges).toHaveLength(2);
    expect(first.members.pageInfo.endCursor).toBe(first.members.edges[1].cursor);
    const second = (await ok(f.request<MembersPage>(MEMBERS, { id: paged.id, first: 2, after: first.members.pageInfo.endCursor }, { token: admin }))).team;
    expect(second.members).toMatchObject({ totalCount: 5, pageInfo: { hasNextPage: true, hasPreviousPage: true } });
    const third = (await ok(f.request<MembersPage>(MEMBERS, { id: paged.id, first: 2, after: second.members.pageInfo.endCursor }, { token: admin }))).team;
    expect(third.members.edges).toHaveLength(1);
    expect(third.members.pageInfo.hasNextPage).toBe(false);

    const edges = [...first.members.edges, ...second.members.edges, ...third.members.edges];
    expect(edges.map((edge) => edge.node.volunteer.id).sort()).toEqual([...volunteers].sort());
    for (const { node } of edges) expect(node).toMatchObject({ role: 'MEMBER', joinedOn: todayInChina(), team: { id: paged.id } });

    const garbage = await f.request(MEMBERS, { id: paged.id, after: 'garbage' }, { token: admin });
    expect(firstError(garbage)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
    expect(firstError(await f.request(MEMBERS, { id: paged.id, first: 501 }, { token: admin }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });

    const led = await createTeam({ name: uniqueName('队长队'), leaderId: volunteers[0] });
    const memberships = await ok(
      f.request<{ volunteer: { teams: { team: { name: string }; role: string; joinedOn: string }[] } }>(
        VOLUNTEER_TEAMS,
        { id: volunteers[0] },
        { token: admin },
      ),
    );
    expect(memberships.volunteer.teams).toEqual(
      expect.arrayContaining([
        { team: { name: paged.name }, role: 'MEMBER', joinedOn: todayInChina() },
        { team: { name: led.name }, role: 'LEADER', joinedOn: todayInChina() },
      ]),
    );
    expect(memberships.volunteer.teams).toHaveLength(2);
    await ok(remove({ teamId: paged.id, volunteerId: volunteers[0] }));
    const after = await ok(f.request<{ volunteer: { teams: { team: { name: string } }[] } }>(VOLUNTEER_TEAMS, { id: volunteers[0] }, { token: admin }));
    expect(after.volunteer.teams).toEqual([expect.objectContaining({ team: { name: led.name } })]);
  });
});

describe('changing and dissolving teams', () => {
  it('lets only managers of the owning site change a team', async () => {
    const team = await createTeam();
    for (const token of [await f.token(Role.SITE_MANAGER, { siteIds: [siblingStation.id] }), await f.token(Role.VOLUNTEER), await f.token(Role.ANALYST)]) {
      expect(firstError(await update({ id: team.id, name: uniqueName('越权') }, token))).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(firstError(await update({ id: team.id, name: uniqueName('匿名') }, ANONYMOUS))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await teamRow(team.id)).name).toBe(team.name);
    const renamed = uniqueName('改名队');
    const manager = await f.token(Role.SITE_MANAGER, { siteIds: [institute.id] });
    expect((await ok(update({ id: team.id, name: renamed, description: '新的说明' }, manager))).updateTeam.name).toBe(renamed);
    expect(firstError(await update({ id: randomUUID(), name: uniqueName() }))).toMatchObject({ code: 'NOT_FOUND', field: 'input.id' });
  });

  it('refuses a name another team of the site has', async () => {
    const [a, b] = [await createTeam(), await createTeam()];
    expect(firstError(await update({ id: b.id, name: a.name }))).toMatchObject({ code: 'CONFLICT', field: 'input.name', reason: 'NAME_TAKEN' });
    expect((await teamRow(b.id)).name).toBe(b.name);
  });

  it('dissolves a team only once no active team hangs under it', async () => {
    const corps = await createTeam({ siteId: institute.id, level: 'CORPS' });
    const sub = await createTeam({ parentId: corps.id });
    expect(firstError(await update({ id: corps.id, status: 'DISSOLVED' }))).toMatchObject({
      code: 'CONFLICT',
      field: 'input.status',
      reason: 'HAS_ACTIVE_SUBTEAMS',
    });
    expect((await teamRow(corps.id)).status).toBe('ACTIVE');

    expect((await ok(update({ id: sub.id, status: 'DISSOLVED' }))).updateTeam.status).toBe('DISSOLVED');
    expect((await ok(update({ id: corps.id, status: 'DISSOLVED' }))).updateTeam.status).toBe('DISSOLVED');
    // Dissolving again is a retry, not a change.
    expect((await ok(update({ id: corps.id, status: 'DISSOLVED' }))).updateTeam.status).toBe('DISSOLVED');

    // A sub-team comes back only after the team above it.
    expect(firstError(await update({ id: sub.id, status: 'ACTIVE' }))).toMatchObject({ code: 'CONFLICT', field: 'input.status', reason: 'PARENT_DISSOLVED' });
    expect((await teamRow(sub.id)).status).toBe('DISSOLVED');
    expect((await ok(update({ id: corps.id, status: 'ACTIVE' }))).updateTeam.status).toBe('ACTIVE');
    expect((await ok(update({ id: sub.id, status: 'ACTIVE' }))).updateTeam.status).toBe('ACTIVE');
  });

  it('never leaves an active team under a dissolved one when a create and a dissolution race', async () => {
    for (let round = 0; round < 6; round++) {
      const corps = await createTeam({ siteId: institute.id, level: 'CORPS' });
      const [created, dissolved] = await Promise.all([create(teamInput({ parentId: corps.id })), update({ id: corps.id, status: 'DISSOLVED' })]);
      // One of them wins; the other is refused by the rule the winner's change triggers.
      const errors = [firstError(created), firstError(dissolved)].filter((error) => error.code);
      expect(errors).toHaveLength(1);
      expect(['PARENT_DISSOLVED', 'HAS_ACTIVE_SUBTEAMS']).toContain(errors[0].reason);
      const parent = await teamRow(corps.id);
      const activeChildren = await f.server.db.getRepository(Team).countBy({ parentId: corps.id, status: TeamStatus.ACTIVE });
      expect(parent.status === TeamStatus.DISSOLVED ? activeChildren : 0).toBe(0);
    }
  });

  it('refuses changes to a dissolved team other than reactivation', async () => {
    const volunteer = await f.register(station.id);
    const team = await createTeam({ leaderId: volunteer });
    await ok(update({ id: team.id, status: 'DISSOLVED' }));
    const other = await f.register(station.id);
    for (const input of [
      { name: uniqueName('解散后改名') },
      { description: '解散后的说明' },
      { specialtySkillCode: 'MEDICAL' },
      { leaderId: other },
      { name: uniqueName('解散后改名'), status: 'DISSOLVED' },
    ]) {
      expect(firstError(await update({ id: team.id, ...input }))).toMatchObject({ code: 'CONFLICT', field: 'input.id', reason: 'TEAM_DISSOLVED' });
    }
    expect(await teamRow(team.id)).toMatchObject({ name: team.name, description: null, specialtySkillId: null, leaderId: volunteer, status: 'DISSOLVED' });
    expect(await membersOf(team.id)).toEqual({ [volunteer]: 'LEADER' });
    expect((await ok(update({ id: team.id, status: 'ACTIVE' }))).updateTeam.status).toBe('ACTIVE');
  });
});

describe('lists of teams', () => {
  let listInstitute: Site;
  let first: Site;
  let second: Site;
  const tag = '列表';
  let corps: TeamShape;
  let detachment: TeamShape;
  let aid: TeamShape;
  let lecture: TeamShape;
  let dissolved: TeamShape;
  let organization: { id: string; name: string };

  beforeAll(async () => {
    listInstitute = await f.site(SiteKind.INSTITUTE, 6);
    [first, second] = await activeChildren(listInstitute, SiteKind.STATION, 2);
    organization = (
      await ok(
        f.request<{ createOrganization: { id: string; name: string } }>(
          CREATE_ORGANIZATION,
          { input: { name: '列表测试志愿者协会', creditCode: '52320581MJ0000001X', siteId: listInstitute.id } },
          { token: admin },
        ),
      )
    ).createOrganization;
    corps = await createTeam({ name: `${tag}医疗总队`, level: 'CORPS', siteId: listInstitute.id, specialtySkillCode: 'MEDICAL' });
    detachment = await createTeam({
      name: `${tag}医疗支队`,
      level: 'DETACHMENT',
      siteId: listInstitute.id,
      parentId: corps.id,
      organizationId: organization.id,
    });
    aid = await createTeam({ name: `${tag}急救队`, siteId: first.id, parentId: detachment.id, specialtySkillCode: 'MEDICAL.FIRST_AID' });
    lecture = await createTeam({
      name: `${tag}宣讲队`,
      siteId: second.id,
      parentId: corps.id,
      specialtySkillCode: 'LECTURING.THEORY',
      organizationId: organization.id,
    });
    dissolved = await createTeam({ name: `${tag}解散队`, siteId: second.id });
    await ok(update({ id: dissolved.id, status: 'DISSOLVED' }));
  });

  const all = () => [corps, detachment, aid, lecture].map((team) => team.name).sort();
  const namesOf = async (filter: Record<string, unknown>) => names((await ok(list(filter, 100))).teams);

  it('filters by site (the site and everything below it) and by region', async () => {
    expect(await namesOf({ siteId: listInstitute.id })).toEqual(all());
    expect(await namesOf({ siteId: first.id })).toEqual([aid.name]);
    expect(await namesOf({ siteId: second.id })).toEqual([lecture.name]);
    expect(await namesOf({ regionCodePrefix: listInstitute.regionCode.slice(0, 9) })).toEqual(all());
    expect(await namesOf({ regionCodePrefix: first.regionCode })).toEqual([aid.name]);
  });

  it('filters by level, parent, organization and text', async () => {
    expect(await namesOf({ siteId: listInstitute.id, levels: ['CORPS', 'DETACHMENT'] })).toEqual([corps.name, detachment.name].sort());
    expect(await namesOf({ siteId: listInstitute.id, levels: ['TEAM'] })).toEqual([aid.name, lecture.name].sort());
    expect(await namesOf({ parentId: corps.id })).toEqual([detachment.name, lecture.name].sort());
    expect(await namesOf({ parentId: detachment.id })).toEqual([aid.name]);
    expect(await namesOf({ organizationId: organization.id })).toEqual([detachment.name, lecture.name].sort());
    expect(await namesOf({ text: `${tag}急救` })).toEqual([aid.name]);
    expect(await namesOf({ text: '医疗', siteId: listInstitute.id })).toEqual([corps.name, detachment.name].sort());
    expect(await namesOf({ text: '100%' })).toEqual([]);
  });

  it('filters by specialty: a parent skill matches teams of the skills below it', async () => {
    expect(await namesOf({ siteId: listInstitute.id, specialtySkillCode: 'MEDICAL' })).toEqual([corps.name, aid.name].sort());
    expect(await namesOf({ siteId: listInstitute.id, specialtySkillCode: 'MEDICAL.FIRST_AID' })).toEqual([aid.name]);
    expect(await namesOf({ siteId: listInstitute.id, specialtySkillCode: 'LECTURING' })).toEqual([lecture.name]);
    expect(await namesOf({ siteId: listInstitute.id, specialtySkillCode: 'LEGAL' })).toEqual([]);
    expect(firstError(await list({ specialtySkillCode: 'NO_SUCH_SKILL' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.specialtySkillCode',
      reason: 'UNKNOWN_SKILL',
    });
  });

  it('lists active teams unless told otherwise', async () => {
    expect(await namesOf({ siteId: listInstitute.id, statuses: ['DISSOLVED'] })).toEqual([dissolved.name]);
    expect(await namesOf({ siteId: listInstitute.id, statuses: ['ACTIVE', 'DISSOLVED'] })).toEqual([...all(), dissolved.name].sort());
  });

  it('pages with first and after, and counts every match', async () => {
    const page1 = (await ok(list({ siteId: listInstitute.id }, 3))).teams;
    expect(page1).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: true, hasPreviousPage: false } });
    expect(page1.edges).toHaveLength(3);
    const page2 = (await ok(list({ siteId: listInstitute.id }, 3, page1.pageInfo.endCursor!))).teams;
    expect(page2).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: false, hasPreviousPage: true } });
    expect(page2.edges).toHaveLength(1);
    expect([...names(page1), ...names(page2)].sort()).toEqual(all());
    // Creation order.
    expect([...page1.edges, ...page2.edges].map((edge) => edge.node.id)).toEqual([corps.id, detachment.id, aid.id, lecture.id]);
  });

  it('refuses page sizes outside 1 to 500 and cursors it did not make', async () => {
    for (const size of [0, 501, -1]) {
      expect(firstError(await list({}, size))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first', reason: 'PAGE_SIZE_OUT_OF_RANGE' });
    }
    for (const after of ['garbage', encodeCursor({ d: '2025-01-01' }), '!!!']) {
      expect(firstError(await list({}, 10, after))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after', reason: 'INVALID_CURSOR' });
    }
    expect(firstError(await list({ siteId: 'not-a-site' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.siteId' });
    expect(firstError(await list({ regionCodePrefix: '32058' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.regionCodePrefix' });
  });

  it('resolves a team’s parent, sub-teams, specialty, organization and site', async () => {
    const query = `query($id: ID!) { team(id: $id) { name level parent { name } subTeams { name status } specialty { code } organization { name } site { id } } }`;
    const result = await ok(
      f.request<{
        team: {
          parent: { name: string } | null;
          subTeams: { name: string; status: string }[];
          specialty: { code: string } | null;
          organization: { name: string } | null;
          site: { id: string };
        };
      }>(query, { id: detachment.id }),
    );
    expect(result.team).toMatchObject({
      parent: { name: corps.name },
      subTeams: [{ name: aid.name, status: 'ACTIVE' }],
      specialty: null,
      organization: { name: organization.name },
      site: { id: listInstitute.id },
    });
    const top = await ok(f.request<{ team: { parent: null; subTeams: { name: string }[]; specialty: { code: string } } }>(query, { id: corps.id }));
    expect(top.team).toMatchObject({ parent: null, specialty: { code: 'MEDICAL' }, organization: null });
    expect(top.team.subTeams.map((team) => team.name).sort()).toEqual([detachment.name, lecture.name].sort());
    const leaf = await ok(f.request<{ team: { specialty: { code: string }; subTeams: unknown[]; site: { id: string } } }>(query, { id: aid.id }));
    expect(leaf.team).toMatchObject({ specialty: { code: 'MEDICAL.FIRST_AID' }, subTeams: [], site: { id: first.id } });
    expect((await ok(f.request<{ team: null }>(query, { id: randomUUID() }))).team).toBeNull();
  });

  it('adds teams to the Site entity: its own, or with includeDescendants those below it too', async () => {
    const query = `query($representations: [_Any!]!) {
      _entities(representations: $representations) {
        ... on Site { id own: teams { name } below: teams(includeDescendants: true) { name } corps: teams(includeDescendants: true, levels: [CORPS]) { name } }
      }
    }`;
    type Entity = { id: string; own: { name: string }[]; below: { name: string }[]; corps: { name: string }[] };
    const result = await ok(
      f.request<{ _entities: Entity[] }>(query, {
        representations: [listInstitute, first, second].map((site) => ({ __typename: 'Site', id: site.id })),
      }),
    );
    const sorted = (teams: { name: string }[]) => teams.map((team) => team.name).sort();
    const [ofInstitute, ofFirst, ofSecond] = result._entities;
    expect(ofInstitute.id).toBe(listInstitute.id);
    expect(sorted(ofInstitute.own)).toEqual([corps.name, detachment.name].sort());
    expect(sorted(ofInstitute.below)).toEqual(all());
    expect(sorted(ofInstitute.corps)).toEqual([corps.name]);
    expect(sorted(ofFirst.own)).toEqual([aid.name]);
    expect(sorted(ofFirst.below)).toEqual([aid.name]);
    expect(ofFirst.corps).toEqual([]);
    // The dissolved team is not listed.
    expect(sorted(ofSecond.own)).toEqual([lecture.name]);
  });
});

describe('input validation', () => {
  it.each([
    ['a name with a control character', { name: '测试\u0007队' }, 'input.name'],
    ['a name with a line break', { name: '测试\n队' }, 'input.name'],
    ['a name that is too long', { name: '队'.repeat(101) }, 'input.name'],
    ['a name that is too short', { name: '队' }, 'input.name'],
    ['a name with leading spaces', { name: '  前导空格队' }, 'input.name'],
    ['a name with trailing spaces', { name: '尾随空格队 ' }, 'input.name'],
    ['a malformed site id', { siteId: 'not-a-site' }, 'input.siteId'],
    ['a malformed parent id', { parentId: '12345' }, 'input.parentId'],
    ['a malformed leader id', { leaderId: 'leader' }, 'input.leaderId'],
    ['a malformed organization id', { organizationId: 'org-1' }, 'input.organizationId'],
    ['a malformed skill code', { specialtySkillCode: 'medical' }, 'input.specialtySkillCode'],
    ['an unknown skill code', { specialtySkillCode: 'NO_SUCH_SKILL' }, 'input.specialtySkillCode'],
    ['a description with a control character', { description: '说明\u0000' }, 'input.description'],
  ])('refuses %s on createTeam', async (_name, overrides, field) => {
    await expectRefused(() => create(teamInput(overrides)), { code: 'BAD_USER_INPUT', field });
  });

  it('names the field of malformed ids and text on the other team mutations', async () => {
    const team = await createTeam();
    const volunteer = await f.register(station.id);
    expect(firstError(await update({ id: 'team-1', name: uniqueName() }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.id' });
    expect(firstError(await update({ id: team.id, name: ' 空格' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    expect(firstError(await update({ id: team.id, leaderId: 'x' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.leaderId' });
    expect(firstError(await update({ id: team.id, specialtySkillCode: 'NO_SUCH_SKILL' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.specialtySkillCode',
      reason: 'UNKNOWN_SKILL',
    });
    expect(await teamRow(team.id)).toMatchObject({ name: team.name, specialtySkillId: null });
    await expectRefused(() => add({ teamId: 'x', volunteerId: volunteer }), { code: 'BAD_USER_INPUT', field: 'input.teamId' });
    await expectRefused(() => add({ teamId: team.id, volunteerId: 'x' }), { code: 'BAD_USER_INPUT', field: 'input.volunteerId' });
    expect(firstError(await remove({ teamId: team.id, volunteerId: '1' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.volunteerId' });
  });
});
