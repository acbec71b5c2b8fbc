import { Role } from '@practice/common';
import { GraphQLResult, firstError, graphqlClient } from '@practice/common/testing';
import { Site } from '@practice/sites/site/site.entity';
import { SiteKind, SiteStatus } from '@practice/sites/site/site.enums';
import { randomUUID } from 'node:crypto';
import { Organization, OrganizationStatus } from '../src/organization/organization.entity';
import { Team } from '../src/team/team.entity';
import { TeamStatus } from '../src/team/team.enums';
import { VolunteersFixture, expectNoErrors, startVolunteers } from './fixture';

const ORGANIZATION = 'id name creditCode status regionCode contactName contactPhone site { id }';
const CREATE = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { ${ORGANIZATION} } }`;
const UPDATE = `mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { ${ORGANIZATION} } }`;
const CREATE_TEAM = `mutation($input: CreateTeamInput!) { createTeam(input: $input) { id name status organization { id } } }`;
const UPDATE_TEAM = `mutation($input: UpdateTeamInput!) { updateTeam(input: $input) { id name status organization { id } } }`;
const LIST = `query($filter: OrganizationFilter, $first: Int, $after: String) {
  organizations(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id name } } }
}`;
const ONE = `query($id: ID!) { organization(id: $id) { name status teams { name } site { id } } }`;

type OrganizationShape = {
  id: string;
  name: string;
  creditCode: string;
  status: string;
  regionCode: string;
  contactName: string | null;
  contactPhone: string | null;
  site: { id: string };
};
type TeamShape = { id: string; name: string; status: string; organization: { id: string } | null };
type Connection = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { id: string; name: string } }[];
};

let f: VolunteersFixture;
let admin: string;
let institute: Site;
let station: Site;
let siblingStation: Site;
let otherInstitute: Site;
let subcenter: Site;
let serial = 0;
/** No token. */
const ANONYMOUS = null;

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
  institute = await f.site(SiteKind.INSTITUTE, 2);
  [station, siblingStation] = await activeChildren(institute, SiteKind.STATION, 2);
  otherInstitute = await f.site(SiteKind.INSTITUTE, 5);
  subcenter = await f.site(SiteKind.SECTOR_SUBCENTER, 2);
});
afterAll(() => f.close());

/** A well-formed unified social credit code (社会团体 52 + region + 10 characters), different on every call. */
const creditCode = (): string => `52320581MJ${String(++serial).padStart(7, '0')}X`;
const organizationInput = (overrides: Record<string, unknown> = {}) => ({
  name: `常熟市测试志愿者协会${++serial}`,
  creditCode: creditCode(),
  siteId: station.id,
  contactName: '张老师',
  contactPhone: '0512-52771234',
  ...overrides,
});

const create = (input: Record<string, unknown>, token: string | null = admin) =>
  f.request<{ createOrganization: OrganizationShape }>(CREATE, { input }, { token: token ?? undefined });
const update = (input: Record<string, unknown>, token: string | null = admin) =>
  f.request<{ updateOrganization: OrganizationShape }>(UPDATE, { input }, { token: token ?? undefined });
const createTeam = (input: Record<string, unknown>) =>
  f.request<{ createTeam: TeamShape }>(
    CREATE_TEAM,
    { input: { name: `协会服务队${++serial}`, level: 'TEAM', siteId: station.id, ...input } },
    { token: admin },
  );
const updateTeam = (input: Record<string, unknown>) => f.request<{ updateTeam: TeamShape }>(UPDATE_TEAM, { input }, { token: admin });
const list = (filter: Record<string, unknown>, first?: number, after?: string) => f.request<{ organizations: Connection }>(LIST, { filter, first, after });

async function ok<T>(promise: Promise<GraphQLResult<T>>): Promise<T> {
  const result = await promise;
  expectNoErrors(result);
  return result.data!;
}

async function createOrganization(overrides: Record<string, unknown> = {}, token = admin): Promise<OrganizationShape> {
  return (await ok(create(organizationInput(overrides), token))).createOrganization;
}

const organizationCount = () => f.server.db.getRepository(Organization).count();
const teamCount = () => f.server.db.getRepository(Team).count();
const organizationRow = (id: string) => f.server.db.getRepository(Organization).findOneByOrFail({ id });

/** Expects a refused write: this error, and no new organization or team rows. */
async function expectRefused(write: () => Promise<GraphQLResult<unknown>>, expected: Record<string, unknown>): Promise<void> {
  const [organizations, teams] = [await organizationCount(), await teamCount()];
  expect(firstError(await write())).toMatchObject(expected);
  expect(await organizationCount()).toBe(organizations);
  expect(await teamCount()).toBe(teams);
}

describe('createOrganization', () => {
  it('registers an organization with a site its manager manages', async () => {
    for (const siteIds of [[station.id], [institute.id]]) {
      const token = await f.token(Role.SITE_MANAGER, { siteIds });
      const input = organizationInput();
      const organization = (await ok(create(input, token))).createOrganization;
      expect(organization).toMatchObject({
        name: input.name,
        creditCode: input.creditCode,
        status: 'ACTIVE',
        regionCode: station.regionCode,
        contactName: '张老师',
        contactPhone: '0512-52771234',
        site: { id: station.id },
      });
      expect(await organizationRow(organization.id)).toMatchObject({
        siteId: station.id,
        sitePath: expect.stringContaining(`/${institute.id}/${station.id}/`),
      });
    }
    const agency = await f.token(Role.AGENCY_ADMIN, { siteIds: [subcenter.id] });
    expect((await createOrganization({ siteId: subcenter.id }, agency)).site.id).toBe(subcenter.id);
  });

  it('refuses managers elsewhere, other roles and anonymous callers', async () => {
    for (const siteIds of [[siblingStation.id], [otherInstitute.id]]) {
      const token = await f.token(Role.SITE_MANAGER, { siteIds });
      await expectRefused(() => create(organizationInput(), token), { code: 'FORBIDDEN', reason: 'NOT_SITE_MANAGER' });
    }
    const agency = await f.token(Role.AGENCY_ADMIN, { siteIds: [subcenter.id] });
    await expectRefused(() => create(organizationInput(), agency), { code: 'FORBIDDEN', reason: 'NOT_SITE_MANAGER' });
    for (const role of [Role.CITIZEN, Role.VOLUNTEER, Role.ANALYST]) {
      const token = await f.token(role);
      await expectRefused(() => create(organizationInput(), token), { code: 'FORBIDDEN', reason: 'NOT_SITE_MANAGER' });
    }
    await expectRefused(() => create(organizationInput(), ANONYMOUS), { code: 'UNAUTHENTICATED' });
  });

  it('refuses unknown and suspended sites', async () => {
    await expectRefused(() => create(organizationInput({ siteId: randomUUID() })), { code: 'NOT_FOUND', field: 'input.siteId' });
    const [, , paused] = await activeChildren(otherInstitute, SiteKind.STATION, 3);
    const suspended = await graphqlClient(f.sites.url)<{ suspendSite: { status: string } }>(
      `mutation($id: ID!) { suspendSite(id: $id) { status } }`,
      { id: paused.id },
      { token: admin },
    );
    expect(suspended.data?.suspendSite.status).toBe('SUSPENDED');
    await expectRefused(() => create(organizationInput({ siteId: paused.id })), { code: 'BAD_USER_INPUT', field: 'input.siteId', reason: 'SITE_NOT_ACTIVE' });
  });

  it.each([
    ['too short', '52320581MJ123'],
    ['too long', '52320581MJ00000011X'],
    ['in lower case', '52320581mj0000001x'],
    ['with a letter the code never uses (O)', '52320581MO0000001X'],
    ['with letters in the region part', '52ABCDEFMJ0000001X'],
    ['with a space', '52320581MJ 000001X'],
  ])('refuses a credit code %s', async (_name, code) => {
    await expectRefused(() => create(organizationInput({ creditCode: code })), { code: 'BAD_USER_INPUT', field: 'input.creditCode' });
  });

  it('returns the same organization when the same registration is retried, also concurrently', async () => {
    const input = organizationInput();
    const before = await organizationCount();
    const first = (await ok(create(input))).createOrganization;
    expect((await ok(create(input))).createOrganization.id).toBe(first.id);
    // A retry by a manager of the site is the same registration too.
    const manager = await f.token(Role.SITE_MANAGER, { siteIds: [station.id] });
    expect((await ok(create(input, manager))).createOrganization.id).toBe(first.id);
    expect(await organizationCount()).toBe(before + 1);

    const racing = organizationInput();
    const results = await Promise.all(Array.from({ length: 5 }, () => create(racing)));
    results.forEach(expectNoErrors);
    expect(new Set(results.map((result) => result.data!.createOrganization.id)).size).toBe(1);
    expect(await organizationCount()).toBe(before + 2);
  });

  it('refuses a credit code registered under another name or with another site', async () => {
    const organization = await createOrganization();
    await expectRefused(() => create(organizationInput({ creditCode: organization.creditCode })), {
      code: 'CONFLICT',
      field: 'input.creditCode',
      reason: 'CREDIT_CODE_TAKEN',
    });
    await expectRefused(() => create(organizationInput({ creditCode: organization.creditCode, name: organization.name, siteId: siblingStation.id })), {
      code: 'CONFLICT',
      field: 'input.creditCode',
      reason: 'CREDIT_CODE_TAKEN',
    });
  });
});

describe('updateOrganization', () => {
  it("lets only the managers of the organization's site change it", async () => {
    const organization = await createOrganization();
    for (const siteIds of [[station.id], [institute.id]]) {
      const token = await f.token(Role.SITE_MANAGER, { siteIds });
      const name = `改名的志愿者协会${++serial}`;
      expect((await ok(update({ id: organization.id, name, contactPhone: '13912345678' }, token))).updateOrganization).toMatchObject({
        name,
        contactPhone: '13912345678',
      });
    }
    const before = await organizationRow(organization.id);
    for (const token of [
      await f.token(Role.SITE_MANAGER, { siteIds: [siblingStation.id] }),
      await f.token(Role.AGENCY_ADMIN, { siteIds: [subcenter.id] }),
      await f.token(Role.VOLUNTEER),
      await f.token(Role.ANALYST),
    ]) {
      expect(firstError(await update({ id: organization.id, name: '越权改名' }, token))).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_SITE_MANAGER' });
    }
    expect(firstError(await update({ id: organization.id, name: '匿名改名' }, ANONYMOUS))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await organizationRow(organization.id)).toMatchObject({ name: before.name, contactPhone: before.contactPhone, status: 'ACTIVE' });
    expect(firstError(await update({ id: randomUUID(), name: '不存在' }))).toMatchObject({ code: 'NOT_FOUND', field: 'input.id' });
  });

  it('deregisters an organization only once no active team belongs to it', async () => {
    const organization = await createOrganization();
    const team = (await ok(createTeam({ organizationId: organization.id }))).createTeam;
    expect(team.organization).toEqual({ id: organization.id });
    expect(firstError(await update({ id: organization.id, status: 'DEREGISTERED' }))).toMatchObject({
      code: 'CONFLICT',
      field: 'input.status',
      reason: 'HAS_ACTIVE_TEAMS',
    });
    expect((await organizationRow(organization.id)).status).toBe(OrganizationStatus.ACTIVE);

    await ok(updateTeam({ id: team.id, status: 'DISSOLVED' }));
    expect((await ok(update({ id: organization.id, status: 'DEREGISTERED' }))).updateOrganization.status).toBe('DEREGISTERED');

    // A team detached from the organization does not hold it back either.
    const other = await createOrganization();
    const detached = (await ok(createTeam({ organizationId: other.id }))).createTeam;
    expect((await ok(updateTeam({ id: detached.id, organizationId: null }))).updateTeam.organization).toBeNull();
    expect((await ok(update({ id: other.id, status: 'DEREGISTERED' }))).updateOrganization.status).toBe('DEREGISTERED');
  });

  it('links no team to a deregistered organization', async () => {
    const organization = await createOrganization();
    const dissolved = (await ok(createTeam({ organizationId: organization.id }))).createTeam;
    await ok(updateTeam({ id: dissolved.id, status: 'DISSOLVED' }));
    await ok(update({ id: organization.id, status: 'DEREGISTERED' }));

    await expectRefused(() => createTeam({ organizationId: organization.id }), {
      code: 'CONFLICT',
      field: 'input.organizationId',
      reason: 'ORGANIZATION_DEREGISTERED',
    });
    const team = (await ok(createTeam({}))).createTeam;
    expect(firstError(await updateTeam({ id: team.id, organizationId: organization.id }))).toMatchObject({
      code: 'CONFLICT',
      field: 'input.organizationId',
      reason: 'ORGANIZATION_DEREGISTERED',
    });
    expect((await f.server.db.getRepository(Team).findOneByOrFail({ id: team.id })).organizationId).toBeNull();

    // A dissolved team of the organization comes back only without it.
    expect(firstError(await updateTeam({ id: dissolved.id, status: 'ACTIVE' }))).toMatchObject({
      code: 'CONFLICT',
      field: 'input.status',
      reason: 'ORGANIZATION_DEREGISTERED',
    });
    expect((await f.server.db.getRepository(Team).findOneByOrFail({ id: dissolved.id })).status).toBe(TeamStatus.DISSOLVED);
    expect((await ok(updateTeam({ id: dissolved.id, status: 'ACTIVE', organizationId: null }))).updateTeam).toMatchObject({
      status: 'ACTIVE',
      organization: null,
    });

    // Registered again, it takes teams again.
    await ok(update({ id: organization.id, status: 'ACTIVE' }));
    expect((await ok(updateTeam({ id: team.id, organizationId: organization.id }))).updateTeam.organization).toEqual({ id: organization.id });
    await expectRefused(() => createTeam({ organizationId: randomUUID() }), { code: 'NOT_FOUND', field: 'input.organizationId' });
  });

  it('never leaves an active team in a deregistered organization when a link and a deregistration race', async () => {
    for (let round = 0; round < 6; round++) {
      const organization = await createOrganization();
      const [linked, deregistered] = await Promise.all([
        createTeam({ organizationId: organization.id }),
        update({ id: organization.id, status: 'DEREGISTERED' }),
      ]);
      const errors = [firstError(linked), firstError(deregistered)].filter((error) => error.code);
      expect(errors).toHaveLength(1);
      expect(['ORGANIZATION_DEREGISTERED', 'HAS_ACTIVE_TEAMS']).toContain(errors[0].reason);
      const status = (await organizationRow(organization.id)).status;
      const activeTeams = await f.server.db.getRepository(Team).countBy({ organizationId: organization.id, status: TeamStatus.ACTIVE });
      expect(status === OrganizationStatus.DEREGISTERED ? activeTeams : 0).toBe(0);
    }
  });
});

describe('lists of organizations', () => {
  let listInstitute: Site;
  let first: Site;
  let second: Site;
  let atInstitute: OrganizationShape;
  let atFirst: OrganizationShape;
  let atSecond: OrganizationShape;
  let gone: OrganizationShape;

  beforeAll(async () => {
    listInstitute = await f.site(SiteKind.INSTITUTE, 8);
    [first, second] = await activeChildren(listInstitute, SiteKind.STATION, 2);
    atInstitute = await createOrganization({ name: '列表镇红十字志愿服务会', siteId: listInstitute.id });
    atFirst = await createOrganization({ name: '列表村夕阳红志愿者协会', siteId: first.id });
    atSecond = await createOrganization({ name: '列表社区法律援助志愿者协会', siteId: second.id });
    gone = await createOrganization({ name: '列表已注销志愿者协会', siteId: second.id });
    await ok(update({ id: gone.id, status: 'DEREGISTERED' }));
  });

  const all = () => [atInstitute, atFirst, atSecond].map((organization) => organization.name).sort();
  const namesOf = async (filter: Record<string, unknown>) => (await ok(list(filter, 100))).organizations.edges.map((edge) => edge.node.name).sort();

  it('filters by site (the site and everything below it), region, text and status', async () => {
    expect(await namesOf({ siteId: listInstitute.id })).toEqual(all());
    expect(await namesOf({ siteId: first.id })).toEqual([atFirst.name]);
    expect(await namesOf({ regionCodePrefix: listInstitute.regionCode.slice(0, 9) })).toEqual(all());
    expect(await namesOf({ regionCodePrefix: second.regionCode })).toEqual([atSecond.name]);
    expect(await namesOf({ text: '夕阳红' })).toEqual([atFirst.name]);
    expect(await namesOf({ text: '志愿者协会', siteId: listInstitute.id })).toEqual([atFirst.name, atSecond.name].sort());
    expect(await namesOf({ text: '50%_' })).toEqual([]);
    expect(await namesOf({ siteId: listInstitute.id, statuses: ['DEREGISTERED'] })).toEqual([gone.name]);
    expect(await namesOf({ siteId: listInstitute.id, statuses: ['ACTIVE', 'DEREGISTERED'] })).toEqual([...all(), gone.name].sort());
  });

  it('pages in registration order and counts every match', async () => {
    const page1 = (await ok(list({ siteId: listInstitute.id }, 2))).organizations;
    expect(page1).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true, hasPreviousPage: false } });
    const page2 = (await ok(list({ siteId: listInstitute.id }, 2, page1.pageInfo.endCursor!))).organizations;
    expect(page2).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: false, hasPreviousPage: true } });
    expect([...page1.edges, ...page2.edges].map((edge) => edge.node.id)).toEqual([atInstitute.id, atFirst.id, atSecond.id]);
    for (const size of [0, 501]) {
      expect(firstError(await list({}, size))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first', reason: 'PAGE_SIZE_OUT_OF_RANGE' });
    }
    expect(firstError(await list({}, 10, 'garbage'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after', reason: 'INVALID_CURSOR' });
    expect(firstError(await list({ siteId: 'x' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.siteId' });
    expect(firstError(await list({ regionCodePrefix: '3205811' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.regionCodePrefix' });
    expect(firstError(await list({ text: '' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.text' });
  });

  it('shows an organization with its active teams and its site', async () => {
    const active = (await ok(createTeam({ name: '列表协会活跃队', siteId: first.id, organizationId: atFirst.id }))).createTeam;
    const dissolved = (await ok(createTeam({ name: '列表协会解散队', siteId: first.id, organizationId: atFirst.id }))).createTeam;
    await ok(updateTeam({ id: dissolved.id, status: 'DISSOLVED' }));
    const result = await ok(
      f.request<{ organization: { name: string; status: string; teams: { name: string }[]; site: { id: string } } }>(ONE, { id: atFirst.id }),
    );
    expect(result.organization).toEqual({ name: atFirst.name, status: 'ACTIVE', teams: [{ name: active.name }], site: { id: first.id } });
    const empty = await ok(f.request<{ organization: { teams: unknown[]; site: { id: string } } }>(ONE, { id: atInstitute.id }));
    expect(empty.organization).toMatchObject({ teams: [], site: { id: listInstitute.id } });
    expect((await ok(f.request<{ organization: null }>(ONE, { id: randomUUID() }))).organization).toBeNull();
  });
});

describe('input validation', () => {
  it.each([
    ['a name with a control character', { name: '测试\u0001协会' }, 'input.name'],
    ['a name with a line break', { name: '测试\r\n协会' }, 'input.name'],
    ['a name that is too long', { name: '会'.repeat(101) }, 'input.name'],
    ['a name with leading spaces', { name: '  前导空格协会' }, 'input.name'],
    ['a malformed site id', { siteId: 'site-1' }, 'input.siteId'],
    ['a contact name with a control character', { contactName: '张\u0000' }, 'input.contactName'],
    ['a malformed contact phone', { contactPhone: '12345678' }, 'input.contactPhone'],
  ])('refuses %s on createOrganization', async (_name, overrides, field) => {
    await expectRefused(() => create(organizationInput(overrides)), { code: 'BAD_USER_INPUT', field });
  });

  it('names the field on updateOrganization and leaves the organization as it was', async () => {
    const organization = await createOrganization();
    expect(firstError(await update({ id: 'org-1', name: '新名字' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.id' });
    expect(firstError(await update({ id: organization.id, name: '新名字\u0007' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    expect(firstError(await update({ id: organization.id, name: ` ${organization.name}` }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    expect(firstError(await update({ id: organization.id, contactPhone: 'phone' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.contactPhone' });
    expect(await organizationRow(organization.id)).toMatchObject({ name: organization.name, contactPhone: organization.contactPhone });
  });
});
