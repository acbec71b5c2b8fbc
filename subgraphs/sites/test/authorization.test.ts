import { Role } from '@practice/common';
import { firstError } from '@practice/common/testing';
import { Site } from '../src/site/site.entity';
import { SiteKind, SiteStatus } from '../src/site/site.enums';
import { SitesFixture, startSites } from './fixture';

const CREATE = `mutation($input: CreateSiteInput!) { createSite(input: $input) { id } }`;
const UPDATE = `mutation($input: UpdateSiteInput!) { updateSite(input: $input) { id name } }`;
const MOVE = `mutation($input: MoveSiteInput!) { moveSite(input: $input) { id } }`;
const DESIGNATE = `mutation($input: DesignationInput!) { designateDemonstration(input: $input) { id designations { level year title } } }`;
const REVOKE = `mutation($input: DesignationKeyInput!) { revokeDemonstration(input: $input) { id designations { year } } }`;
const ASSIGN = `mutation($input: AssignManagerInput!) { assignSiteManager(input: $input) { id managers { subject name phone } } }`;
const REMOVE = `mutation($input: RemoveManagerInput!) { removeSiteManager(input: $input) { id managers { subject } } }`;
const MANAGERS = `query($id: ID!) { site(id: $id) { managers { subject name phone } } }`;

let f: SitesFixture;
let institute: Site;
let otherInstitute: Site;
let station: Site;
let subcenter: Site;
let otherSubcenter: Site;
let serial = 0;

beforeAll(async () => {
  f = await startSites();
  institute = await f.site(SiteKind.INSTITUTE, 1);
  otherInstitute = await f.site(SiteKind.INSTITUTE, 4);
  station = await f.server.db.getRepository(Site).findOneByOrFail({ parentId: institute.id, kind: SiteKind.STATION, status: SiteStatus.ACTIVE });
  subcenter = await f.site(SiteKind.SECTOR_SUBCENTER, 0);
  otherSubcenter = await f.site(SiteKind.SECTOR_SUBCENTER, 1);
});
afterAll(() => f.close());

const pointUnder = (parent: Site) => ({
  code: `AUTH-P-${++serial}`,
  name: `授权测试点${serial}`,
  kind: 'POINT',
  parentId: parent.id,
  regionCode: parent.regionCode,
  address: '江苏省苏州市常熟市测试路1号',
});

describe('who may change sites', () => {
  it('refuses every mutation to anonymous callers with UNAUTHENTICATED', async () => {
    for (const [query, variables] of [
      [CREATE, { input: pointUnder(station) }],
      [UPDATE, { input: { id: station.id, name: '匿名改名' } }],
      [`mutation { archiveSite(id: "${station.id}") { id } }`, {}],
      [ASSIGN, { input: { siteId: station.id, subject: 'x', name: '某人' } }],
    ] as const) {
      expect(firstError(await f.request(query, variables)).code).toBe('UNAUTHENTICATED');
    }
  });

  it('answers UNAUTHENTICATED with HTTP 401 for a forged or malformed token', async () => {
    const forged = await f.request(
      UPDATE,
      { input: { id: station.id, name: '伪造' } },
      { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0.c2lnbmF0dXJl' },
    );
    expect(forged.status).toBe(401);
    expect(firstError(forged).code).toBe('UNAUTHENTICATED');
    const malformed = await f.request('{ sites { totalCount } }', {}, { headers: { authorization: 'Basic abc' } });
    expect(malformed.status).toBe(401);
  });

  it.each([Role.CITIZEN, Role.VOLUNTEER, Role.ANALYST])('refuses %s callers with FORBIDDEN', async (role) => {
    const token = await f.token(role);
    expect(firstError(await f.request(CREATE, { input: pointUnder(station) }, { token })).code).toBe('FORBIDDEN');
    expect(firstError(await f.request(UPDATE, { input: { id: station.id, name: '越权改名' } }, { token })).code).toBe('FORBIDDEN');
  });

  it('lets a site manager change its site and its descendants, and nothing else', async () => {
    const token = await f.token(Role.SITE_MANAGER, [institute.id]);
    expect((await f.request(UPDATE, { input: { id: institute.id, name: '经理改名的实践所' } }, { token })).errors).toBeUndefined();
    expect((await f.request(UPDATE, { input: { id: station.id, name: '经理改名的实践站' } }, { token })).errors).toBeUndefined();
    expect((await f.request(CREATE, { input: pointUnder(station) }, { token })).errors).toBeUndefined();

    const elsewhere = await f.request(UPDATE, { input: { id: otherInstitute.id, name: '越界' } }, { token });
    expect(firstError(elsewhere)).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_SITE_MANAGER' });
    const center = await f.site(SiteKind.CENTER);
    expect(firstError(await f.request(UPDATE, { input: { id: center.id, name: '越级' } }, { token })).code).toBe('FORBIDDEN');
    expect(firstError(await f.request(CREATE, { input: pointUnder(otherInstitute) }, { token })).code).toBe('FORBIDDEN');
  });

  it('lets a station manager not move its station away (it does not manage the target)', async () => {
    const token = await f.token(Role.SITE_MANAGER, [station.id]);
    const result = await f.request(
      MOVE,
      { input: { id: station.id, parentId: otherInstitute.id, regionCode: `${otherInstitute.regionCode.slice(0, 9)}901` } },
      { token },
    );
    expect(firstError(result).code).toBe('FORBIDDEN');
  });

  it("lets an agency admin change its own sub-center, not another agency's", async () => {
    const token = await f.token(Role.AGENCY_ADMIN, [subcenter.id]);
    expect((await f.request(UPDATE, { input: { id: subcenter.id, address: '江苏省苏州市常熟市海虞北路1号' } }, { token })).errors).toBeUndefined();
    expect(firstError(await f.request(UPDATE, { input: { id: otherSubcenter.id, address: '越权地址' } }, { token })).code).toBe('FORBIDDEN');
  });

  it('lets only admins create centers', async () => {
    const input = { code: `AUTH-C-${++serial}`, name: '新县实践中心', kind: 'CENTER', regionCode: '320582000000', address: '江苏省苏州市张家港市' };
    const manager = await f.token(Role.SITE_MANAGER, [institute.id]);
    expect(firstError(await f.request(CREATE, { input }, { token: manager }))).toMatchObject({ code: 'FORBIDDEN', reason: 'ADMIN_ONLY' });
    expect((await f.request(CREATE, { input }, { token: await f.token(Role.ADMIN) })).errors).toBeUndefined();
  });
});

describe('demonstration designations', () => {
  it('are conferred from above: by a manager of an ancestor, not by the site itself', async () => {
    const input = { siteId: station.id, level: 'COUNTY', year: 2025, title: '常熟市新时代文明实践示范站' };
    const own = await f.token(Role.SITE_MANAGER, [station.id]);
    expect(firstError(await f.request(DESIGNATE, { input }, { token: own }))).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_FROM_ABOVE' });

    const above = await f.token(Role.SITE_MANAGER, [institute.id]);
    const result = await f.request<{ designateDemonstration: { designations: { level: string; year: number }[] } }>(DESIGNATE, { input }, { token: above });
    expect(result.errors).toBeUndefined();
    expect(result.data!.designateDemonstration.designations).toContainEqual(expect.objectContaining({ level: 'COUNTY', year: 2025 }));
    // A second designation for the same level and year is the same designation.
    await f.request(DESIGNATE, { input }, { token: above });
    expect(await f.server.db.query(`SELECT COUNT(*) AS n FROM site_designation WHERE site_id = '${station.id}' AND year = 2025`)).toEqual([{ n: 1 }]);

    const revoked = await f.request<{ revokeDemonstration: { designations: { year: number }[] } }>(
      REVOKE,
      { input: { siteId: station.id, level: 'COUNTY', year: 2025 } },
      { token: above },
    );
    expect(revoked.data!.revokeDemonstration.designations.map((d) => d.year)).not.toContain(2025);
    const again = await f.request(REVOKE, { input: { siteId: station.id, level: 'COUNTY', year: 2025 } }, { token: above });
    expect(firstError(again).code).toBe('NOT_FOUND');
  });

  it('rejects a year before the programme began', async () => {
    const result = await f.request(DESIGNATE, { input: { siteId: station.id, level: 'CITY', year: 2010 } }, { token: await f.token(Role.ADMIN) });
    expect(firstError(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.year' });
  });
});

describe('site managers', () => {
  it('are assigned and removed by whoever manages the site, and shown only to them', async () => {
    const above = await f.token(Role.SITE_MANAGER, [institute.id]);
    const input = { siteId: station.id, subject: 'mgr-test-1', name: '王小明', phone: '13812345678' };
    const assigned = await f.request<{ assignSiteManager: { managers: { subject: string; phone: string }[] } }>(ASSIGN, { input }, { token: above });
    expect(assigned.errors).toBeUndefined();
    expect(assigned.data!.assignSiteManager.managers).toContainEqual({ subject: 'mgr-test-1', name: '王小明', phone: '13812345678' });
    await f.request(ASSIGN, { input: { ...input, name: '王晓明' } }, { token: above });
    expect(await f.server.db.query(`SELECT name FROM site_manager WHERE subject = 'mgr-test-1'`)).toEqual([{ name: '王晓明' }]);

    expect((await f.request<{ site: { managers: unknown } }>(MANAGERS, { id: station.id })).data!.site.managers).toBeNull();
    const citizen = await f.token(Role.CITIZEN);
    expect((await f.request<{ site: { managers: unknown } }>(MANAGERS, { id: station.id }, { token: citizen })).data!.site.managers).toBeNull();
    const analyst = await f.token(Role.ANALYST);
    expect((await f.request<{ site: { managers: unknown } }>(MANAGERS, { id: station.id }, { token: analyst })).data!.site.managers).toBeNull();

    const stranger = await f.token(Role.SITE_MANAGER, [otherInstitute.id]);
    expect(firstError(await f.request(REMOVE, { input: { siteId: station.id, subject: 'mgr-test-1' } }, { token: stranger })).code).toBe('FORBIDDEN');
    const removed = await f.request<{ removeSiteManager: { managers: { subject: string }[] } }>(
      REMOVE,
      { input: { siteId: station.id, subject: 'mgr-test-1' } },
      { token: above },
    );
    expect(removed.data!.removeSiteManager.managers.map((m) => m.subject)).not.toContain('mgr-test-1');
  });

  it('validates the manager phone', async () => {
    const result = await f.request(
      ASSIGN,
      { input: { siteId: station.id, subject: 'mgr-x', name: '李四', phone: '12345' } },
      { token: await f.token(Role.ADMIN) },
    );
    expect(firstError(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.phone' });
  });
});
