import { Role } from '@practice/common';
import { SiteKind } from '@practice/sites/site/site.enums';
import { Site } from '@practice/sites/site/site.entity';
import { ResourcesFixture, errorOf, expectNoErrors, startResources } from './fixture';

let f: ResourcesFixture;
let center: Site;
beforeAll(async () => {
  f = await startResources();
  center = await f.site(SiteKind.CENTER);
});
afterAll(() => f.close());

const CREATE = `mutation($input: CreateCategoryInput!) { createCategory(input: $input) { id code name regionCode parent { code } } }`;

describe('the taxonomy', () => {
  it('is seeded with the nine service domains, the five tasks and the five colour lines', async () => {
    const result = await f.request<{ categories: { code: string; children: { code: string }[] }[] }>(`{ categories { code children { code } } }`);
    expectNoErrors(result);
    const roots = new Map(result.data!.categories.map((root) => [root.code, root.children.map((child) => child.code)]));
    expect([...roots.keys()]).toEqual(['SERVICE', 'TASK', 'LINE']);
    expect(roots.get('SERVICE')).toHaveLength(9);
    expect(roots.get('SERVICE')).toContain('SERVICE.LEGAL');
    expect(roots.get('TASK')).toHaveLength(5);
    expect(roots.get('LINE')).toEqual(['LINE.RED', 'LINE.ORANGE', 'LINE.GOLD', 'LINE.GREEN', 'LINE.BLUE']);
  });

  it('answers a term by code with its parent', async () => {
    const result = await f.request<{ category: { name: string; parent: { code: string } } }>(
      `{ category(code: "SERVICE.HEALTH.CHECKUP") { name parent { code } } }`,
    );
    expect(result.data!.category).toEqual({ name: '健康体检', parent: { code: 'SERVICE.HEALTH' } });
  });
});

describe('createCategory', () => {
  it('lets the managers of a county’s center add a county term, and answers the same term on a retry', async () => {
    const manager = await f.token(Role.SITE_MANAGER, { siteIds: [center.id] });
    const input = { parentCode: 'SERVICE.CULTURE', codePart: 'TEAHOUSE', name: '茶馆书场', centerSiteId: center.id };
    const first = await f.request<{ createCategory: { id: string; code: string; regionCode: string } }>(CREATE, { input }, { token: manager });
    expectNoErrors(first);
    expect(first.data!.createCategory).toMatchObject({ code: 'SERVICE.CULTURE.TEAHOUSE', regionCode: center.regionCode.slice(0, 6) });
    const again = await f.request<{ createCategory: { id: string } }>(CREATE, { input }, { token: manager });
    expect(again.data!.createCategory.id).toBe(first.data!.createCategory.id);
    const listed = await f.request<{ categories: { code: string }[] }>(
      `query($r: String) { categories(parentCode: "SERVICE.CULTURE", regionCode: $r) { code } }`,
      {
        r: '110101',
      },
    );
    expect(listed.data!.categories.map((c) => c.code)).not.toContain('SERVICE.CULTURE.TEAHOUSE');
  });

  it('refuses other roles, other sites’ managers, and anonymous callers', async () => {
    const input = { parentCode: 'SERVICE.CULTURE', codePart: 'OPERA', name: '戏曲', centerSiteId: center.id };
    const institute = await f.site(SiteKind.INSTITUTE);
    for (const token of [
      await f.token(Role.SITE_MANAGER, { siteIds: [institute.id] }),
      await f.token(Role.AGENCY_ADMIN, { siteIds: [center.id] }),
      await f.token(Role.VOLUNTEER),
    ]) {
      expect(errorOf(await f.request(CREATE, { input }, { token }))).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(errorOf(await f.request(CREATE, { input }))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('rejects bad input with the field', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ parentCode: 'NOPE', codePart: 'X', name: '某', centerSiteId: center.id }, 'input.parentCode', 'UNKNOWN_CATEGORY'],
      [{ parentCode: 'SERVICE', codePart: 'lower', name: '某', centerSiteId: center.id }, 'input.codePart', ''],
      [{ parentCode: 'SERVICE', codePart: 'X', name: ' ', centerSiteId: center.id }, 'input.name', ''],
      [{ parentCode: 'SERVICE', codePart: 'X', name: '某' }, 'input.centerSiteId', 'CENTER_REQUIRED'],
      [{ parentCode: 'SERVICE', codePart: 'X', name: '某', centerSiteId: (await f.site(SiteKind.INSTITUTE)).id }, 'input.centerSiteId', 'NOT_A_CENTER'],
    ];
    const manager = await f.token(Role.SITE_MANAGER, { siteIds: [center.id] });
    for (const [input, field, reason] of cases) {
      const error = errorOf(await f.request(CREATE, { input }, { token: manager }));
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field });
      if (reason) expect(error.reason).toBe(reason);
    }
  });

  it('lets admins add a province-wide term', async () => {
    const result = await f.request<{ createCategory: { regionCode: string | null } }>(
      CREATE,
      { input: { parentCode: 'LINE.GREEN', codePart: 'RIVER', name: '河湖护水' } },
      { token: f.admin },
    );
    expectNoErrors(result);
    expect(result.data!.createCategory.regionCode).toBeNull();
  });
});
