import { Role } from '@practice/common';
import { firstError } from '@practice/common/testing';
import { Site } from '../src/site/site.entity';
import { SiteKind, SiteStatus } from '../src/site/site.enums';
import { SitesFixture, startSites } from './fixture';

const CREATE = `mutation($input: CreateSiteInput!) { createSite(input: $input) { id code kind status regionCode parent { id } } }`;
const UPDATE = `mutation($input: UpdateSiteInput!) { updateSite(input: $input) { id name address regionCode location { latitude longitude } openingHours { days opens closes } facilities { type name } } }`;
const MOVE = `mutation($input: MoveSiteInput!) { moveSite(input: $input) { id regionCode parent { id } ancestors { id } } }`;
const ARCHIVE = `mutation($id: ID!) { archiveSite(id: $id) { id status } }`;
const SUSPEND = `mutation($id: ID!) { suspendSite(id: $id) { id status } }`;
const REACTIVATE = `mutation($id: ID!) { reactivateSite(id: $id) { id status } }`;

type Created = { createSite: { id: string; code: string; kind: string; status: string; regionCode: string; parent: { id: string } | null } };

let f: SitesFixture;
let admin: string;
let center: Site;
let institute: Site;
let station: Site;
let subcenter: Site;

beforeAll(async () => {
  f = await startSites();
  admin = await f.token(Role.ADMIN);
  center = await f.site(SiteKind.CENTER);
  institute = await f.site(SiteKind.INSTITUTE, 2);
  station = (await f.server.db.getRepository(Site).findOneByOrFail({ parentId: institute.id, kind: SiteKind.STATION, status: SiteStatus.ACTIVE }))!;
  subcenter = await f.site(SiteKind.SECTOR_SUBCENTER);
});
afterAll(() => f.close());

const count = () => f.server.db.getRepository(Site).count();
let serial = 0;
const stationInput = (overrides: Record<string, unknown> = {}) => ({
  code: `TEST-S-${++serial}`,
  name: `测试村新时代文明实践站${serial}`,
  kind: 'STATION',
  parentId: institute.id,
  regionCode: `${institute.regionCode.slice(0, 9)}${String(500 + serial).padStart(3, '0')}`,
  address: '江苏省苏州市常熟市测试村1号',
  location: { latitude: 31.7, longitude: 120.8 },
  contactPhone: '0512-52770000',
  openingHours: [{ days: [2, 3, 4, 5, 6], opens: '09:00', closes: '17:00' }],
  facilities: [{ type: 'FARMHOUSE_BOOKSTORE', name: '农家书屋', areaSqm: 60, seats: 20 }],
  ...overrides,
});

describe('createSite', () => {
  it('creates a station under an institute with every detail', async () => {
    const input = stationInput();
    const result = await f.request<Created>(CREATE, { input }, { token: admin });
    expect(result.errors).toBeUndefined();
    expect(result.data!.createSite).toMatchObject({ code: input.code, kind: 'STATION', status: 'ACTIVE', parent: { id: institute.id } });
    const row = await f.server.db.getRepository(Site).findOneByOrFail({ code: input.code });
    expect(row.path).toBe(`${institute.path}${row.id}/`);
    expect(row.facilities).toEqual(input.facilities);
  });

  it('returns the same site when the same create is retried, and never a second row', async () => {
    const input = stationInput();
    const before = await count();
    const [a, b] = await Promise.all([f.request<Created>(CREATE, { input }, { token: admin }), f.request<Created>(CREATE, { input }, { token: admin })]);
    const again = await f.request<Created>(CREATE, { input }, { token: admin });
    expect(a.data!.createSite.id).toBe(b.data!.createSite.id);
    expect(again.data!.createSite.id).toBe(a.data!.createSite.id);
    expect(await count()).toBe(before + 1);
  });

  it('refuses a code already used by a different site', async () => {
    const result = await f.request(CREATE, { input: stationInput({ code: station.code }) }, { token: admin });
    expect(firstError(result)).toMatchObject({ code: 'CONFLICT', field: 'input.code', reason: 'CODE_TAKEN' });
  });

  it.each([
    ['a station under the center', { kind: 'STATION' }, () => center.id, 'INVALID_PARENT_KIND'],
    ['an institute under an institute', { kind: 'INSTITUTE' }, () => institute.id, 'INVALID_PARENT_KIND'],
    ['a sub-center under an institute', { kind: 'SECTOR_SUBCENTER', sector: 'WATER' }, () => institute.id, 'INVALID_PARENT_KIND'],
    ['a point under a point', { kind: 'POINT' }, () => 'POINT', 'INVALID_PARENT_KIND'],
    ['a station without parent', { kind: 'STATION' }, () => null, 'PARENT_REQUIRED'],
    ['a center with a parent', { kind: 'CENTER' }, () => center.id, 'INVALID_PARENT_KIND'],
  ])('enforces the tree: %s', async (_name, overrides, parent, reason) => {
    let parentId = parent();
    if (parentId === 'POINT') parentId = (await f.site(SiteKind.POINT)).id;
    const before = await count();
    const result = await f.request(CREATE, { input: stationInput({ ...overrides, parentId, regionCode: center.regionCode }) }, { token: admin });
    expect(firstError(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.parentId', reason });
    expect(await count()).toBe(before);
  });

  it('allows points under any non-point and sub-centers under the center', async () => {
    for (const parent of [center, institute, station, subcenter]) {
      const result = await f.request<Created>(
        CREATE,
        { input: stationInput({ kind: 'POINT', parentId: parent.id, regionCode: parent.regionCode }) },
        { token: admin },
      );
      expect(result.errors).toBeUndefined();
    }
    const sub = await f.request(
      CREATE,
      { input: stationInput({ kind: 'SECTOR_SUBCENTER', sector: 'WATER', parentId: center.id, regionCode: center.regionCode }) },
      { token: admin },
    );
    expect(sub.errors).toBeUndefined();
  });

  it('requires a sector for sub-centers only', async () => {
    const without = await f.request(
      CREATE,
      { input: stationInput({ kind: 'SECTOR_SUBCENTER', parentId: center.id, regionCode: center.regionCode }) },
      { token: admin },
    );
    expect(firstError(without)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.sector', reason: 'SECTOR_REQUIRED' });
    const stray = await f.request(CREATE, { input: stationInput({ sector: 'WATER' }) }, { token: admin });
    expect(firstError(stray)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.sector', reason: 'SECTOR_NOT_ALLOWED' });
  });

  it("keeps a site inside its parent's region", async () => {
    const result = await f.request(CREATE, { input: stationInput({ regionCode: '320582100201' }) }, { token: admin });
    expect(firstError(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.regionCode', reason: 'REGION_OUTSIDE_PARENT' });
  });

  it.each([
    ['code', { code: 'lower-case' }, 'input.code'],
    ['name with a control character', { name: '坏\u0007名字' }, 'input.name'],
    ['empty name', { name: '' }, 'input.name'],
    ['huge address', { address: '路'.repeat(201) }, 'input.address'],
    ['region code', { regionCode: '3205811' }, 'input.regionCode'],
    ['latitude', { location: { latitude: 95, longitude: 120 } }, 'input.location.latitude'],
    ['longitude', { location: { latitude: 31, longitude: -181 } }, 'input.location.longitude'],
    ['phone', { contactPhone: 'call me' }, 'input.contactPhone'],
    ['weekday', { openingHours: [{ days: [8], opens: '09:00', closes: '17:00' }] }, 'input.openingHours[0].days'],
    ['hours order', { openingHours: [{ days: [1], opens: '18:00', closes: '09:00' }] }, 'input.openingHours[0].closes'],
    ['facility area', { facilities: [{ type: 'LIBRARY', areaSqm: -3 }] }, 'input.facilities[0].areaSqm'],
    ['parent id', { parentId: 'x' }, 'input.parentId'],
  ])('rejects a bad %s with the offending field and writes nothing', async (_name, overrides, field) => {
    const before = await count();
    const result = await f.request(CREATE, { input: stationInput(overrides) }, { token: admin });
    expect(firstError(result)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await count()).toBe(before);
  });

  it('rejects an unknown enum value before running anything', async () => {
    const result = await f.request(CREATE, { input: stationInput({ kind: 'CASTLE' }) }, { token: admin });
    expect(firstError(result).code).toBe('BAD_USER_INPUT');
  });

  it('answers NOT_FOUND for an unknown parent', async () => {
    const result = await f.request(CREATE, { input: stationInput({ parentId: '0190f1c2-0000-7000-8000-000000000000' }) }, { token: admin });
    expect(firstError(result)).toMatchObject({ code: 'NOT_FOUND', field: 'input.parentId' });
  });
});

describe('updateSite', () => {
  it('changes details and keeps what it was not given', async () => {
    const target = await f.request<Created>(CREATE, { input: stationInput() }, { token: admin });
    const id = target.data!.createSite.id;
    const result = await f.request<{ updateSite: Record<string, unknown> }>(
      UPDATE,
      { input: { id, name: '改名后的实践站', location: { latitude: 31.6, longitude: 120.7 } } },
      { token: admin },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.updateSite).toMatchObject({
      name: '改名后的实践站',
      address: '江苏省苏州市常熟市测试村1号',
      location: { latitude: 31.6, longitude: 120.7 },
    });
  });

  it('refuses a region code its children lie outside of', async () => {
    const result = await f.request(UPDATE, { input: { id: institute.id, regionCode: '320581199000' } }, { token: admin });
    expect(firstError(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.regionCode', reason: 'DESCENDANTS_OUTSIDE_REGION' });
  });
});

describe('moveSite', () => {
  it('moves a station with its points to another institute and rewrites the subtree', async () => {
    const created = await f.request<Created>(CREATE, { input: stationInput() }, { token: admin });
    const stationId = created.data!.createSite.id;
    const point = await f.request<Created>(
      CREATE,
      { input: stationInput({ kind: 'POINT', parentId: stationId, regionCode: created.data!.createSite.regionCode }) },
      { token: admin },
    );
    const target = await f.site(SiteKind.INSTITUTE, 5);
    const regionCode = `${target.regionCode.slice(0, 9)}777`;
    const moved = await f.request<{ moveSite: { parent: { id: string }; regionCode: string } }>(
      MOVE,
      { input: { id: stationId, parentId: target.id, regionCode } },
      { token: admin },
    );
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.moveSite).toMatchObject({ parent: { id: target.id }, regionCode });
    const pointRow = await f.server.db.getRepository(Site).findOneByOrFail({ id: point.data!.createSite.id });
    expect(pointRow.path).toBe(`${target.path}${stationId}/${pointRow.id}/`);
  });

  it('refuses a move without a matching region, under a wrong kind, or into its own subtree', async () => {
    const target = await f.site(SiteKind.INSTITUTE, 5);
    expect(firstError(await f.request(MOVE, { input: { id: station.id, parentId: target.id } }, { token: admin }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'REGION_OUTSIDE_PARENT',
    });
    expect(firstError(await f.request(MOVE, { input: { id: institute.id, parentId: station.id } }, { token: admin }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.parentId',
    });
    const point = await f.request<Created>(
      CREATE,
      { input: stationInput({ kind: 'POINT', parentId: subcenter.id, regionCode: subcenter.regionCode }) },
      { token: admin },
    );
    const own = await f.request(MOVE, { input: { id: subcenter.id, parentId: point.data!.createSite.id } }, { token: admin });
    expect(firstError(own)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.parentId' });
    const self = await f.request(MOVE, { input: { id: subcenter.id, parentId: subcenter.id } }, { token: admin });
    expect(firstError(self)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CYCLE' });
  });

  it('refuses to create a cycle', async () => {
    const a = await f.request<Created>(
      CREATE,
      { input: stationInput({ kind: 'POINT', parentId: center.id, regionCode: center.regionCode }) },
      { token: admin },
    );
    const cycle = await f.request(MOVE, { input: { id: center.id, parentId: a.data!.createSite.id } }, { token: admin });
    expect(firstError(cycle).code).toBe('BAD_USER_INPUT');
  });
});

describe('status changes', () => {
  it('refuses to archive a site with active children, archives it once they are archived', async () => {
    const parent = await f.request<Created>(CREATE, { input: stationInput() }, { token: admin });
    const parentId = parent.data!.createSite.id;
    const child = await f.request<Created>(
      CREATE,
      { input: stationInput({ kind: 'POINT', parentId, regionCode: parent.data!.createSite.regionCode }) },
      { token: admin },
    );
    const refused = await f.request(ARCHIVE, { id: parentId }, { token: admin });
    expect(firstError(refused)).toMatchObject({ code: 'CONFLICT', reason: 'HAS_ACTIVE_CHILDREN' });
    expect((await f.server.db.getRepository(Site).findOneByOrFail({ id: parentId })).status).toBe('ACTIVE');

    expect((await f.request<{ archiveSite: { status: string } }>(ARCHIVE, { id: child.data!.createSite.id }, { token: admin })).data!.archiveSite.status).toBe(
      'ARCHIVED',
    );
    expect((await f.request<{ archiveSite: { status: string } }>(ARCHIVE, { id: parentId }, { token: admin })).data!.archiveSite.status).toBe('ARCHIVED');

    const under = await f.request(
      CREATE,
      { input: stationInput({ kind: 'POINT', parentId, regionCode: parent.data!.createSite.regionCode }) },
      { token: admin },
    );
    expect(firstError(under)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PARENT_ARCHIVED' });
    const reactivateChild = await f.request(REACTIVATE, { id: child.data!.createSite.id }, { token: admin });
    expect(firstError(reactivateChild)).toMatchObject({ code: 'CONFLICT', reason: 'PARENT_ARCHIVED' });
  });

  it('suspends and reactivates a site', async () => {
    const site = await f.request<Created>(CREATE, { input: stationInput() }, { token: admin });
    const id = site.data!.createSite.id;
    expect((await f.request<{ suspendSite: { status: string } }>(SUSPEND, { id }, { token: admin })).data!.suspendSite.status).toBe('SUSPENDED');
    expect((await f.request<{ reactivateSite: { status: string } }>(REACTIVATE, { id }, { token: admin })).data!.reactivateSite.status).toBe('ACTIVE');
  });
});
