import { Role } from '@practice/common';
import { Site } from '../src/site/site.entity';
import { SiteKind } from '../src/site/site.enums';
import { SitesFixture, startSites } from './fixture';

// 𠀀 (U+20000) and 𪚥 (U+2A6A5) lie outside the Basic Multilingual Plane, as do emoji: 4 bytes in UTF-8.
const NAMES = ['𠀀𪚥村新时代文明实践站', '🌸幸福社区实践站🏮', '𪚥𪚥𪚥龘村实践站'];

let f: SitesFixture;
beforeAll(async () => {
  f = await startSites();
});
afterAll(() => f.close());

describe('Chinese text and 4-byte characters', () => {
  it('round-trip unchanged through the API and the database, and search tells them apart', async () => {
    const token = await f.token(Role.ADMIN);
    const institute = await f.site(SiteKind.INSTITUTE);
    for (const [index, name] of NAMES.entries()) {
      const input = {
        code: `UTF8-${index}`,
        name,
        kind: 'STATION',
        parentId: institute.id,
        regionCode: `${institute.regionCode.slice(0, 9)}9${index}0`,
        address: `江苏省苏州市常熟市${name}路${index}号`,
      };
      const created = await f.request<{ createSite: { id: string; name: string } }>(
        `mutation($input: CreateSiteInput!) { createSite(input: $input) { id name } }`,
        { input },
        { token },
      );
      expect(created.errors).toBeUndefined();
      expect(created.data!.createSite.name).toBe(name);
      const row = await f.server.db.getRepository(Site).findOneByOrFail({ id: created.data!.createSite.id });
      expect(row.name).toBe(name);
      expect(Buffer.from(row.name, 'utf8').equals(Buffer.from(name, 'utf8'))).toBe(true);
    }
    const found = await f.request<{ sites: { edges: { node: { name: string } }[] } }>(`{ sites(filter: { text: "𠀀" }) { edges { node { name } } } }`);
    expect(found.data!.sites.edges.map((e) => e.node.name)).toEqual([NAMES[0]]);
  });
});
