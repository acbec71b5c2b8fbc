import { Role } from '@practice/common';
import { Site } from '@practice/sites/site/site.entity';
import { SiteKind } from '@practice/sites/site/site.enums';
import { CREATE_RESOURCE, catalogueCounts, createResource, resourceInput } from './catalogue';
import { ResourcesFixture, errorOf, expectNoErrors, startResources } from './fixture';

let f: ResourcesFixture;
let center: Site;
let subCenter: Site;
let otherSubCenter: Site;
let institute: Site;
let station: Site;
let agency: string;

beforeAll(async () => {
  f = await startResources();
  center = await f.site(SiteKind.CENTER);
  subCenter = await f.site(SiteKind.SECTOR_SUBCENTER, 0);
  otherSubCenter = await f.site(SiteKind.SECTOR_SUBCENTER, 1);
  institute = await f.site(SiteKind.INSTITUTE, 2);
  station = await f.childOf(institute, SiteKind.STATION);
  agency = await f.token(Role.AGENCY_ADMIN, { siteIds: [subCenter.id], subject: 'agency-1' });
});
afterAll(() => f.close());

const UPDATE = `mutation($input: UpdateResourceInput!) { updateResource(input: $input) { id version title status } }`;
const PUBLISH = `mutation($id: ID!) { publishResource(id: $id) { id status version } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawResource(id: $id) { id status } }`;
const READ = `query($id: ID!) { resource(id: $id) {
  id kind title description status version externalKey capacityPerMonth leadTimeDays contactName contactPhone publisherRegionCode
  publisher { id } categories { code } audiences deliveryModes serviceArea { regionCodePrefixes sites { id } }
  schedule { days opensAt closesAt validFrom } orderForm { key label type required min max options { value } }
  history { action actor actorRole changes { field from to } }
} }`;

describe('createResource', () => {
  it('creates a DRAFT with every field, the publisher’s default area and an audit entry', async () => {
    const created = await f.request<{ createResource: { id: string; status: string; version: number } }>(
      CREATE_RESOURCE,
      { input: resourceInput(subCenter.id, { externalKey: 'WJ-2026-001' }) },
      { token: agency },
    );
    expectNoErrors(created);
    expect(created.data!.createResource).toMatchObject({ status: 'DRAFT', version: 1 });
    const read = await f.request<{ resource: Record<string, unknown> & { history: { action: string; actor: string; changes: { field: string }[] }[] } }>(
      READ,
      { id: created.data!.createResource.id },
      { token: agency },
    );
    expectNoErrors(read);
    expect(read.data!.resource).toMatchObject({
      kind: 'SERVICE',
      publisher: { id: subCenter.id },
      publisherRegionCode: subCenter.regionCode,
      categories: [{ code: 'SERVICE.HEALTH.CHECKUP' }],
      audiences: ['ELDERLY'],
      deliveryModes: ['ON_SITE'],
      serviceArea: { regionCodePrefixes: [subCenter.regionCode.slice(0, 6)], sites: [] },
      schedule: [{ days: [6], opensAt: '08:30', closesAt: '11:30', validFrom: null }],
      orderForm: [
        { key: 'attendees', type: 'NUMBER', required: true, min: 1, max: 50, options: null },
        { key: 'wanted_on', type: 'DATE', required: false },
      ],
    });
    const [entry] = read.data!.resource.history;
    expect(entry).toMatchObject({ action: 'CREATED', actor: 'agency-1', actorRole: 'agency_admin' });
    expect(entry.changes.map((change) => change.field)).toEqual(expect.arrayContaining(['title', 'categoryCodes', 'serviceArea']));
  });

  it('gives a station’s resource the station’s subtree as its default area', async () => {
    const manager = await f.token(Role.SITE_MANAGER, { siteIds: [station.id] });
    const id = await createResource(f.request, manager, station.id, {}, false);
    const read = await f.request<{ resource: { serviceArea: { sites: { id: string }[] } } }>(READ, { id }, { token: manager });
    expect(read.data!.resource.serviceArea.sites).toEqual([{ id: station.id }]);
  });

  it('answers a retry with the same externalKey and content with the first resource, and a different content with CONFLICT', async () => {
    const input = resourceInput(subCenter.id, { externalKey: 'WJ-RETRY-1', title: '工地质量安全讲座' });
    const before = await catalogueCounts(f.server.db);
    const results = await Promise.all([1, 2, 3].map(() => f.request<{ createResource: { id: string } }>(CREATE_RESOURCE, { input }, { token: agency })));
    results.forEach(expectNoErrors);
    expect(new Set(results.map((result) => result.data!.createResource.id)).size).toBe(1);
    const after = await catalogueCounts(f.server.db);
    expect(after.resource - before.resource).toBe(1);
    expect(after.resource_change - before.resource_change).toBe(1);
    const changed = await f.request(CREATE_RESOURCE, { input: { ...input, title: '另一个讲座' } }, { token: agency });
    expect(errorOf(changed)).toMatchObject({ code: 'CONFLICT', field: 'input.externalKey', reason: 'EXTERNAL_KEY_TAKEN' });
  });

  describe('rejects invalid input with the field, writing nothing', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['a missing title', { title: undefined }, 'input.title'],
      ['a one-character title', { title: '讲' }, 'input.title'],
      ['a control character in the description', { description: '体检\u0007' }, 'input.description'],
      ['no category', { categoryCodes: [] }, 'input.categoryCodes'],
      ['an unknown category', { categoryCodes: ['SERVICE.NOPE'] }, 'input.categoryCodes[0]'],
      ['no delivery mode', { deliveryModes: [] }, 'input.deliveryModes'],
      ['a capacity of 0', { capacityPerMonth: 0 }, 'input.capacityPerMonth'],
      ['a lead time of a year and more', { leadTimeDays: 400 }, 'input.leadTimeDays'],
      ['a weekday 8', { schedule: [{ days: [8], opensAt: '08:00', closesAt: '09:00' }] }, 'input.schedule[0].days'],
      ['closing before opening', { schedule: [{ days: [1], opensAt: '10:00', closesAt: '09:00' }] }, 'input.schedule[0].closesAt'],
      ['an impossible day', { schedule: [{ days: [1], opensAt: '08:00', closesAt: '09:00', validFrom: '2026-02-30' }] }, 'input.schedule[0].validFrom'],
      ['a bad phone', { contactPhone: 'call me' }, 'input.contactPhone'],
      ['a bad region prefix', { serviceArea: { regionCodePrefixes: ['3205'.padEnd(5, '8')] } }, 'input.serviceArea.regionCodePrefixes'],
      ['an unknown area site', { serviceArea: { siteIds: ['018f0000-0000-7000-8000-000000000000'] } }, 'input.serviceArea.siteIds[0]'],
      ['a choice without options', { orderForm: [{ key: 'topic', label: '主题', type: 'SINGLE_CHOICE', required: true }] }, 'input.orderForm[0].options'],
      [
        'repeated option values',
        {
          orderForm: [
            {
              key: 'topic',
              label: '主题',
              type: 'MULTIPLE_CHOICE',
              options: [
                { value: 'a', label: '甲' },
                { value: 'a', label: '乙' },
              ],
            },
          ],
        },
        'input.orderForm[0].options',
      ],
      ['bounds on a text field', { orderForm: [{ key: 'note', label: '备注', type: 'TEXT', min: 1 }] }, 'input.orderForm[0].min'],
      ['min above max', { orderForm: [{ key: 'n', label: '人数', type: 'NUMBER', min: 5, max: 1 }] }, 'input.orderForm[0].max'],
      [
        'a repeated key',
        {
          orderForm: [
            { key: 'n', label: '人数', type: 'NUMBER' },
            { key: 'n', label: '人数', type: 'NUMBER' },
          ],
        },
        'input.orderForm[1].key',
      ],
      ['a bad key', { orderForm: [{ key: 'Bad Key', label: '人数', type: 'NUMBER' }] }, 'input.orderForm[0].key'],
      ['a bad external key', { externalKey: 'has space' }, 'input.externalKey'],
    ];
    it.each(cases)('%s', async (_name, overrides, field) => {
      const before = await catalogueCounts(f.server.db);
      const input = resourceInput(subCenter.id, overrides);
      for (const [key, value] of Object.entries(overrides)) if (value === undefined) delete input[key];
      const error = errorOf(await f.request(CREATE_RESOURCE, { input }, { token: agency }));
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(await catalogueCounts(f.server.db)).toEqual(before);
    });

    it('a point, which publishes no catalogue', async () => {
      const point = await f.site(SiteKind.POINT);
      const error = errorOf(await f.request(CREATE_RESOURCE, { input: resourceInput(point.id) }, { token: f.admin }));
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.publisherId', reason: 'NOT_A_PUBLISHER' });
    });

    it('an unknown publisher', async () => {
      const error = errorOf(await f.request(CREATE_RESOURCE, { input: resourceInput('018f0000-0000-7000-8000-000000000000') }, { token: f.admin }));
      expect(error).toMatchObject({ code: 'NOT_FOUND', field: 'input.publisherId' });
    });
  });
});

describe('updating, publishing and withdrawing', () => {
  let id: string;
  beforeAll(async () => {
    id = await createResource(f.request, agency, subCenter.id, { title: '房屋安全鉴定咨询', externalKey: 'WJ-UPD-1' }, false);
  });

  it('publishes a draft once: publishing again changes nothing', async () => {
    const first = await f.request<{ publishResource: { status: string; version: number } }>(PUBLISH, { id }, { token: agency });
    expectNoErrors(first);
    expect(first.data!.publishResource.status).toBe('PUBLISHED');
    const again = await f.request<{ publishResource: { version: number } }>(PUBLISH, { id }, { token: agency });
    expect(again.data!.publishResource.version).toBe(first.data!.publishResource.version);
  });

  it('updates the fields given, increments the version and audits only what changed', async () => {
    const read = await f.request<{ resource: { version: number } }>(READ, { id }, { token: agency });
    const version = read.data!.resource.version;
    const updated = await f.request<{ updateResource: { version: number; title: string; status: string } }>(
      UPDATE,
      { input: { id, expectedVersion: version, title: '房屋安全鉴定上门咨询', audiences: ['ELDERLY', 'FAMILIES'] } },
      { token: agency },
    );
    expectNoErrors(updated);
    expect(updated.data!.updateResource).toMatchObject({ version: version + 1, title: '房屋安全鉴定上门咨询', status: 'PUBLISHED' });
    const history = await f.request<{ resource: { history: { action: string; changes: { field: string; from: string; to: string }[] }[] } }>(
      READ,
      { id },
      { token: agency },
    );
    const [latest] = history.data!.resource.history;
    expect(latest.action).toBe('UPDATED');
    expect(latest.changes.map((change) => change.field).sort()).toEqual(['audiences', 'title']);
    const same = await f.request<{ updateResource: { version: number } }>(UPDATE, { input: { id, title: '房屋安全鉴定上门咨询' } }, { token: agency });
    expect(same.data!.updateResource.version).toBe(version + 1);
  });

  it('refuses a stale expectedVersion with CONFLICT', async () => {
    const error = errorOf(await f.request(UPDATE, { input: { id, expectedVersion: 1, title: '过期的修改' } }, { token: agency }));
    expect(error).toMatchObject({ code: 'CONFLICT', field: 'input.expectedVersion', reason: 'STALE_VERSION' });
  });

  it('refuses another resource’s externalKey', async () => {
    await createResource(f.request, agency, subCenter.id, { externalKey: 'WJ-UPD-2' }, false);
    const error = errorOf(await f.request(UPDATE, { input: { id, externalKey: 'WJ-UPD-2' } }, { token: agency }));
    expect(error).toMatchObject({ code: 'CONFLICT', reason: 'EXTERNAL_KEY_TAKEN' });
  });

  it('withdraws a published resource, which anonymous callers then no longer see, and publishes it again', async () => {
    const withdrawn = await f.request<{ withdrawResource: { status: string } }>(WITHDRAW, { id }, { token: agency });
    expect(withdrawn.data!.withdrawResource.status).toBe('WITHDRAWN');
    expect((await f.request<{ resource: null }>(READ, { id })).data!.resource).toBeNull();
    expect((await f.request<{ resource: { id: string } }>(READ, { id }, { token: await f.token(Role.ANALYST) })).data!.resource.id).toBe(id);
    expectNoErrors(await f.request(PUBLISH, { id }, { token: agency }));
    expect((await f.request<{ resource: { id: string } }>(READ, { id })).data!.resource.id).toBe(id);
  });

  it('does not withdraw a draft', async () => {
    const draft = await createResource(f.request, agency, subCenter.id, {}, false);
    expect(errorOf(await f.request(WITHDRAW, { id: draft }, { token: agency }))).toMatchObject({ code: 'CONFLICT', reason: 'NOT_PUBLISHED' });
  });

  it('shows the history to owners, analysts and admins only', async () => {
    const seen = async (token?: string) =>
      (await f.request<{ resource: { history: unknown[] | null } }>(READ, { id }, token ? { token } : {})).data!.resource.history;
    expect(await seen(agency)).not.toBeNull();
    expect(await seen(await f.token(Role.ANALYST))).not.toBeNull();
    expect(await seen(f.admin)).not.toBeNull();
    expect(await seen()).toBeNull();
    expect(await seen(await f.token(Role.AGENCY_ADMIN, { siteIds: [otherSubCenter.id] }))).toBeNull();
  });
});

describe('who may change a catalogue', () => {
  const tokens = async () => ({
    admin: f.admin,
    ownAgency: agency,
    otherAgency: await f.token(Role.AGENCY_ADMIN, { siteIds: [otherSubCenter.id] }),
    centerManager: await f.token(Role.SITE_MANAGER, { siteIds: [center.id] }),
    agencyOnCenter: await f.token(Role.AGENCY_ADMIN, { siteIds: [center.id] }),
    instituteManager: await f.token(Role.SITE_MANAGER, { siteIds: [institute.id] }),
    stationManager: await f.token(Role.SITE_MANAGER, { siteIds: [station.id] }),
    otherStationManager: await f.token(Role.SITE_MANAGER, { siteIds: [(await f.childOf(institute, SiteKind.STATION, 1)).id] }),
    volunteer: await f.token(Role.VOLUNTEER),
    citizen: await f.token(Role.CITIZEN),
    analyst: await f.token(Role.ANALYST),
  });

  it('lets only a sub-center’s agency admins and admins change its catalogue — not another agency, not the center’s managers', async () => {
    const all = await tokens();
    const id = await createResource(f.request, agency, subCenter.id, { title: '水讲堂' });
    const allowed = ['admin', 'ownAgency'];
    for (const [who, token] of Object.entries(all)) {
      const result = await f.request(UPDATE, { input: { id, description: `由 ${who} 修改` } }, { token });
      if (allowed.includes(who)) expectNoErrors(result);
      else expect([who, errorOf(result).code]).toEqual([who, 'FORBIDDEN']);
      const created = await f.request(CREATE_RESOURCE, { input: resourceInput(subCenter.id) }, { token });
      if (allowed.includes(who)) expectNoErrors(created);
      else expect([who, errorOf(created).code]).toEqual([who, 'FORBIDDEN']);
    }
    expect(errorOf(await f.request(UPDATE, { input: { id, description: '匿名' } })).code).toBe('UNAUTHENTICATED');
  });

  it('lets a station’s managers and the managers above it change the station’s catalogue', async () => {
    const all = await tokens();
    const id = await createResource(f.request, all.stationManager, station.id, { title: '农家书屋借阅' });
    const allowed = ['admin', 'centerManager', 'instituteManager', 'stationManager'];
    for (const [who, token] of Object.entries(all)) {
      if (allowed.includes(who)) {
        expectNoErrors(await f.request(PUBLISH, { id }, { token }));
        expectNoErrors(await f.request(WITHDRAW, { id }, { token }));
      } else {
        // Published, the resource is visible to everybody: the refusal is about the catalogue, not visibility.
        expectNoErrors(await f.request(PUBLISH, { id }, { token: f.admin }));
        expect([who, errorOf(await f.request(WITHDRAW, { id }, { token })).code]).toEqual([who, 'FORBIDDEN']);
        expectNoErrors(await f.request(WITHDRAW, { id }, { token: f.admin }));
        expect([who, errorOf(await f.request(PUBLISH, { id }, { token })).code]).toEqual([who, who === 'analyst' ? 'FORBIDDEN' : 'NOT_FOUND']);
      }
    }
  });
});
