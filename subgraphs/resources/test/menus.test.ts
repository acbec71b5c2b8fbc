import { Role, monthOf, todayInChina } from '@practice/common';
import { Site } from '@practice/sites/site/site.entity';
import { SiteKind } from '@practice/sites/site/site.enums';
import { catalogueCounts, createResource } from './catalogue';
import { ResourcesFixture, errorOf, expectNoErrors, startResources } from './fixture';
import { CREATE_MENU, MenuShape, READ_MENU, menuInput } from './menu-catalogue';

const THIS_MONTH = monthOf(todayInChina());
const NEXT_MONTH = monthOf(todayInChina(), 1);
const UPDATE = `mutation($input: UpdateMenuInput!) { updateMenu(input: $input) { id version title status items { quota resource { id } } } }`;
const PUBLISH = `mutation($id: ID!) { publishMenu(id: $id) { id status version publishedAt } }`;
const SUPERSEDE = `mutation($input: SupersedeMenuInput!) { supersedeMenu(input: $input) { id status edition supersedes { id } items { quota resource { id } } } }`;
const ARCHIVE = `mutation($id: ID!) { archiveMenu(id: $id) { id status closedAt } }`;
const DISCARD = `mutation($id: ID!) { discardMenuDraft(id: $id) }`;

let f: ResourcesFixture;
let subCenter: Site;
let otherSubCenter: Site;
let institute: Site;
let station: Site;
let agency: string;
/** Published resources of the sub-center: [capacity 40, capacity 40, unlimited]. */
let resources: string[];

beforeAll(async () => {
  f = await startResources();
  subCenter = await f.site(SiteKind.SECTOR_SUBCENTER, 0);
  otherSubCenter = await f.site(SiteKind.SECTOR_SUBCENTER, 1);
  institute = await f.site(SiteKind.INSTITUTE, 3);
  station = await f.childOf(institute, SiteKind.STATION);
  agency = await f.token(Role.AGENCY_ADMIN, { siteIds: [subCenter.id], subject: 'agency-menus' });
  resources = [
    await createResource(f.request, agency, subCenter.id, { title: '燃气安全入户检查' }),
    await createResource(f.request, agency, subCenter.id, { title: '老旧小区电路改造咨询' }),
    await createResource(f.request, agency, subCenter.id, { title: '建筑工地开放日', capacityPerMonth: null }),
  ];
});
afterAll(() => f?.close());

const create = (input: Record<string, unknown>, token = agency) => f.request<{ createMenu: MenuShape }>(CREATE_MENU, { input }, { token });

describe('createMenu', () => {
  it('creates a DRAFT first edition at the publisher’s level with a default title, the items in order, and answers a retry with it', async () => {
    const input = menuInput(subCenter.id, NEXT_MONTH, [
      { resourceId: resources[1], quota: 20, note: '名额有限' },
      { resourceId: resources[0], quota: 40 },
    ]);
    const before = await catalogueCounts(f.server.db);
    const [first, retry] = await Promise.all([create(input), create(input)]);
    expectNoErrors(first);
    expectNoErrors(retry);
    const menu = first.data!.createMenu;
    expect(retry.data!.createMenu.id).toBe(menu.id);
    expect(menu).toMatchObject({
      status: 'DRAFT',
      edition: 1,
      level: 'SECTOR_SUBCENTER',
      period: NEXT_MONTH,
      version: 1,
      publisher: { id: subCenter.id },
      items: [
        { position: 1, quota: 20, note: '名额有限', resource: { id: resources[1] } },
        { position: 2, quota: 40, note: null, resource: { id: resources[0] } },
      ],
    });
    expect(menu.title).toContain(subCenter.name);
    const after = await catalogueCounts(f.server.db);
    expect([after.menu - before.menu, after.menu_item - before.menu_item]).toEqual([1, 2]);
    const other = await create(menuInput(subCenter.id, NEXT_MONTH, [{ resourceId: resources[2], quota: 5 }]));
    expect(errorOf(other)).toMatchObject({ code: 'CONFLICT', reason: 'DRAFT_EXISTS' });
  });

  describe('rejects invalid input with the field, writing nothing', () => {
    // Every row names a reason ('' for none): jest hands a shorter row's missing argument a `done` callback.
    const cases: [string, () => Record<string, unknown>, string, string][] = [
      ['a month that has ended', () => menuInput(subCenter.id, monthOf(todayInChina(), -1), []), 'input.period', 'PERIOD_ENDED'],
      ['a month more than a year ahead', () => menuInput(subCenter.id, monthOf(todayInChina(), 13), []), 'input.period', 'PERIOD_TOO_FAR'],
      ['a month 13', () => menuInput(subCenter.id, '2027-13', []), 'input.period', ''],
      ['a quota of 0', () => menuInput(subCenter.id, THIS_MONTH, [{ resourceId: resources[0], quota: 0 }]), 'input.items[0].quota', ''],
      ['a quota above capacity', () => menuInput(subCenter.id, THIS_MONTH, [{ resourceId: resources[0], quota: 41 }]), 'input.items[0].quota', ''],
      [
        'a resource listed twice',
        () =>
          menuInput(subCenter.id, THIS_MONTH, [
            { resourceId: resources[0], quota: 1 },
            { resourceId: resources[0], quota: 2 },
          ]),
        'input.items[1].resourceId',
        '',
      ],
      [
        'an unknown resource',
        () => menuInput(subCenter.id, THIS_MONTH, [{ resourceId: '018f0000-0000-7000-8000-000000000000', quota: 1 }]),
        'input.items[0].resourceId',
        '',
      ],
      ['a bad resource id', () => menuInput(subCenter.id, THIS_MONTH, [{ resourceId: 'x', quota: 1 }]), 'input.items[0].resourceId', ''],
      ['a control character in the title', () => ({ ...menuInput(subCenter.id, THIS_MONTH, []), title: '菜单\u0000' }), 'input.title', ''],
      ['a point as publisher', () => menuInput('POINT', THIS_MONTH, []), 'input.publisherId', 'NOT_A_PUBLISHER'],
    ];
    it.each(cases)('%s', async (_name, input, field, reason) => {
      const before = await catalogueCounts(f.server.db);
      let value = input();
      if (value.publisherId === 'POINT') value = { ...value, publisherId: (await f.site(SiteKind.POINT)).id };
      const error = errorOf(await create(value, f.admin));
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field, ...(reason ? { reason } : {}) });
      expect(await catalogueCounts(f.server.db)).toEqual(before);
    });

    it('another publisher’s resource, without telling whether it exists', async () => {
      const foreign = await createResource(f.request, f.admin, otherSubCenter.id, { title: '别家的资源' });
      const error = errorOf(await create(menuInput(subCenter.id, THIS_MONTH, [{ resourceId: foreign, quota: 1 }])));
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.items[0].resourceId' });
      expect(error.message).toContain('is not a resource of this publisher');
    });
  });
});

describe('the life of a month’s menu', () => {
  let menuId: string;
  let draftResource: string;

  beforeAll(async () => {
    draftResource = await createResource(f.request, agency, subCenter.id, { title: '房屋安全鉴定讲座' }, false);
    const created = await create(
      menuInput(subCenter.id, THIS_MONTH, [
        { resourceId: resources[0], quota: 30 },
        { resourceId: draftResource, quota: 10 },
      ]),
    );
    expectNoErrors(created);
    menuId = created.data!.createMenu.id;
  });

  it('edits the draft, with a stale expectedVersion refused', async () => {
    const edited = await f.request<{ updateMenu: { version: number; title: string; items: { quota: number }[] } }>(
      UPDATE,
      {
        input: {
          id: menuId,
          expectedVersion: 1,
          title: '住建分中心本月服务菜单',
          items: [
            { resourceId: draftResource, quota: 12 },
            { resourceId: resources[0], quota: 30 },
            { resourceId: resources[2], quota: 100 },
          ],
        },
      },
      { token: agency },
    );
    expectNoErrors(edited);
    expect(edited.data!.updateMenu).toMatchObject({ version: 2, title: '住建分中心本月服务菜单', items: [{ quota: 12 }, { quota: 30 }, { quota: 100 }] });
    const stale = await f.request(UPDATE, { input: { id: menuId, expectedVersion: 1, title: '过期的修改' } }, { token: agency });
    expect(errorOf(stale)).toMatchObject({ code: 'CONFLICT', field: 'input.expectedVersion', reason: 'STALE_VERSION' });
  });

  it('does not publish while a listed resource is still a draft, and writes nothing', async () => {
    const before = await catalogueCounts(f.server.db);
    const error = errorOf(await f.request(PUBLISH, { id: menuId }, { token: agency }));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'items[0].resourceId' });
    expect(await catalogueCounts(f.server.db)).toEqual(before);
    expect((await f.request<{ menu: MenuShape }>(READ_MENU, { id: menuId }, { token: agency })).data!.menu.status).toBe('DRAFT');
  });

  it('publishes once every resource is published; publishing again changes nothing; the edition no longer changes', async () => {
    expectNoErrors(await f.request(`mutation($id: ID!) { publishResource(id: $id) { id } }`, { id: draftResource }, { token: agency }));
    const published = await f.request<{ publishMenu: { status: string; version: number; publishedAt: string } }>(PUBLISH, { id: menuId }, { token: agency });
    expectNoErrors(published);
    expect(published.data!.publishMenu).toMatchObject({ status: 'PUBLISHED', version: 3 });
    const again = await f.request<{ publishMenu: { version: number } }>(PUBLISH, { id: menuId }, { token: agency });
    expect(again.data!.publishMenu.version).toBe(3);
    expect(errorOf(await f.request(UPDATE, { input: { id: menuId, title: '改一改' } }, { token: agency }))).toMatchObject({
      code: 'CONFLICT',
      reason: 'NOT_A_DRAFT',
    });
    expect(errorOf(await f.request(DISCARD, { id: menuId }, { token: agency }))).toMatchObject({ code: 'CONFLICT', reason: 'NOT_A_DRAFT' });
    expect(errorOf(await create(menuInput(subCenter.id, THIS_MONTH, [])))).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_PUBLISHED' });
  });

  it('corrects the published edition with a second edition that supersedes it once published; the first stays readable', async () => {
    const input = { id: menuId, notes: '更正：燃气检查名额调整' };
    const [draft, retry] = await Promise.all([
      f.request<{ supersedeMenu: { id: string; edition: number; status: string; supersedes: { id: string }; items: { quota: number }[] } }>(
        SUPERSEDE,
        { input },
        { token: agency },
      ),
      f.request<{ supersedeMenu: { id: string } }>(SUPERSEDE, { input }, { token: agency }),
    ]);
    expectNoErrors(draft);
    expectNoErrors(retry);
    const correction = draft.data!.supersedeMenu;
    expect(retry.data!.supersedeMenu.id).toBe(correction.id);
    expect(correction).toMatchObject({ edition: 2, status: 'DRAFT', supersedes: { id: menuId }, items: [{ quota: 12 }, { quota: 30 }, { quota: 100 }] });
    // Until the correction is published, the first edition is the live one.
    expect((await f.request<{ menu: MenuShape }>(READ_MENU, { id: menuId })).data!.menu.status).toBe('PUBLISHED');
    expectNoErrors(await f.request(UPDATE, { input: { id: correction.id, items: [{ resourceId: resources[0], quota: 25 }] } }, { token: agency }));
    expectNoErrors(await f.request(PUBLISH, { id: correction.id }, { token: agency }));

    const first = (await f.request<{ menu: MenuShape }>(READ_MENU, { id: menuId })).data!.menu;
    expect(first).toMatchObject({ status: 'SUPERSEDED', supersededBy: { id: correction.id }, items: [{ quota: 12 }, { quota: 30 }, { quota: 100 }] });
    expect(first.closedAt).not.toBeNull();
    const second = (await f.request<{ menu: MenuShape }>(READ_MENU, { id: correction.id })).data!.menu;
    expect(second).toMatchObject({ status: 'PUBLISHED', notes: '更正：燃气检查名额调整', items: [{ quota: 25 }] });
    expect(second.editions.map((edition) => [edition.edition, edition.status])).toEqual([
      [1, 'SUPERSEDED'],
      [2, 'PUBLISHED'],
    ]);
    expect(errorOf(await f.request(PUBLISH, { id: menuId }, { token: agency }))).toMatchObject({ code: 'CONFLICT', reason: 'INVALID_TRANSITION' });
    expect(errorOf(await f.request(SUPERSEDE, { input: { id: menuId } }, { token: agency }))).toMatchObject({ code: 'CONFLICT', reason: 'NOT_PUBLISHED' });
  });

  it('archives the published edition once; archiving again changes nothing', async () => {
    const live = (
      await f.request<{ menus: { edges: { node: { id: string } }[] } }>(`query($p: [ID!]) { menus(filter: { publisherIds: $p }) { edges { node { id } } } }`, {
        p: [subCenter.id],
      })
    ).data!.menus.edges.map((edge) => edge.node.id);
    expect(live).toHaveLength(1);
    const archived = await f.request<{ archiveMenu: { status: string; closedAt: string } }>(ARCHIVE, { id: live[0] }, { token: agency });
    expectNoErrors(archived);
    expect(archived.data!.archiveMenu.status).toBe('ARCHIVED');
    expectNoErrors(await f.request(ARCHIVE, { id: live[0] }, { token: agency }));
    const draft = await create(menuInput(subCenter.id, monthOf(todayInChina(), 6), []));
    expect(errorOf(await f.request(ARCHIVE, { id: draft.data!.createMenu.id }, { token: agency }))).toMatchObject({
      code: 'CONFLICT',
      reason: 'INVALID_TRANSITION',
    });
  });

  it('refuses to publish an empty draft', async () => {
    const empty = await create(menuInput(otherSubCenter.id, NEXT_MONTH, []), f.admin);
    expectNoErrors(empty);
    expect(errorOf(await f.request(PUBLISH, { id: empty.data!.createMenu.id }, { token: f.admin }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'EMPTY_MENU',
    });
    expect((await f.request<{ discardMenuDraft: string }>(DISCARD, { id: empty.data!.createMenu.id }, { token: f.admin })).data!.discardMenuDraft).toBe(
      empty.data!.createMenu.id,
    );
    expect((await f.request<{ menu: null }>(READ_MENU, { id: empty.data!.createMenu.id }, { token: f.admin })).data!.menu).toBeNull();
  });
});

describe('who may see and change menus', () => {
  it('shows drafts only to the catalogue’s owners, analysts and admins', async () => {
    const draft = await create(menuInput(otherSubCenter.id, monthOf(todayInChina(), 2), []), f.admin);
    const id = draft.data!.createMenu.id;
    const sees = async (token?: string) => (await f.request<{ menu: { id: string } | null }>(READ_MENU, { id }, token ? { token } : {})).data!.menu !== null;
    expect(await sees()).toBe(false);
    expect(await sees(agency)).toBe(false);
    expect(await sees(await f.token(Role.CITIZEN))).toBe(false);
    expect(await sees(await f.token(Role.AGENCY_ADMIN, { siteIds: [otherSubCenter.id] }))).toBe(true);
    expect(await sees(await f.token(Role.ANALYST))).toBe(true);
    const listed = await f.request<{ menus: { totalCount: number } }>(`{ menus(filter: { statuses: [DRAFT] }) { totalCount } }`);
    expect(listed.data!.menus.totalCount).toBe(0);
  });

  it('lets only a sub-center’s agency admins and admins change its menus', async () => {
    const center = await f.site(SiteKind.CENTER);
    const who: Record<string, string> = {
      otherAgency: await f.token(Role.AGENCY_ADMIN, { siteIds: [otherSubCenter.id] }),
      centerManager: await f.token(Role.SITE_MANAGER, { siteIds: [center.id] }),
      volunteer: await f.token(Role.VOLUNTEER),
      citizen: await f.token(Role.CITIZEN),
      analyst: await f.token(Role.ANALYST),
    };
    const month = monthOf(todayInChina(), 3);
    for (const [name, token] of Object.entries(who)) {
      expect([name, errorOf(await create(menuInput(subCenter.id, month, []), token)).code]).toEqual([name, 'FORBIDDEN']);
    }
    expect(errorOf(await f.request(CREATE_MENU, { input: menuInput(subCenter.id, month, []) })).code).toBe('UNAUTHENTICATED');
    const own = await create(menuInput(subCenter.id, month, [{ resourceId: resources[0], quota: 3 }]));
    expectNoErrors(own);
    const id = own.data!.createMenu.id;
    for (const [name, token] of Object.entries(who)) {
      const code = errorOf(await f.request(PUBLISH, { id }, { token })).code;
      // Those who do not see the draft are told it does not exist.
      expect([name, code]).toEqual([name, name === 'analyst' ? 'FORBIDDEN' : 'NOT_FOUND']);
    }
    expectNoErrors(await f.request(PUBLISH, { id }, { token: f.admin }));
    for (const [name, token] of Object.entries(who)) {
      expect([name, errorOf(await f.request(ARCHIVE, { id }, { token })).code]).toEqual([name, 'FORBIDDEN']);
      expect([name, errorOf(await f.request(SUPERSEDE, { input: { id } }, { token })).code]).toEqual([name, 'FORBIDDEN']);
    }
  });

  it('lets a station’s managers and those above it prepare the station’s menu, not a neighbour’s managers', async () => {
    const neighbour = await f.childOf(institute, SiteKind.STATION, 1);
    const stationManager = await f.token(Role.SITE_MANAGER, { siteIds: [station.id] });
    const own = await createResource(f.request, stationManager, station.id, { title: '农家书屋阅读分享会' });
    const month = monthOf(todayInChina(), 4);
    const tokens = {
      stationManager,
      instituteManager: await f.token(Role.SITE_MANAGER, { siteIds: [institute.id] }),
      neighbourManager: await f.token(Role.SITE_MANAGER, { siteIds: [neighbour.id] }),
      agencyOnStation: await f.token(Role.AGENCY_ADMIN, { siteIds: [station.id] }),
    };
    const made = await create(menuInput(station.id, month, [{ resourceId: own, quota: 5 }]), tokens.instituteManager);
    expectNoErrors(made);
    expect(made.data!.createMenu.level).toBe('STATION');
    expect(errorOf(await create(menuInput(station.id, monthOf(todayInChina(), 5), []), tokens.neighbourManager)).code).toBe('FORBIDDEN');
    expect(errorOf(await create(menuInput(station.id, monthOf(todayInChina(), 5), []), tokens.agencyOnStation)).code).toBe('FORBIDDEN');
    expectNoErrors(await f.request(PUBLISH, { id: made.data!.createMenu.id }, { token: tokens.stationManager }));
  });
});
