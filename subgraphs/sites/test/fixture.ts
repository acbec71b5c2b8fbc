import { Role } from '@practice/common';
import { GraphQLRequest, TestSubgraph, graphqlClient, startTestSubgraph, tokenFor } from '@practice/common/testing';
import { seedDemoSites } from '../src/demo/seed';
import { Site } from '../src/site/site.entity';
import { SiteKind } from '../src/site/site.enums';
import { sitesSubgraph } from '../src/subgraph';

export interface SitesFixture {
  server: TestSubgraph;
  request: GraphQLRequest;
  /** A site of the demo network by kind (the first by code), or by code. */
  site(kind: SiteKind, index?: number): Promise<Site>;
  byCode(code: string): Promise<Site>;
  token(role: Role, siteIds?: string[], subject?: string): Promise<string>;
  close(): Promise<void>;
}

/** The sites subgraph on its own test database, filled with the demo county. */
export async function startSites(options: { demo?: boolean } = {}): Promise<SitesFixture> {
  const server = await startTestSubgraph(sitesSubgraph, { seed: options.demo === false ? undefined : (db) => seedDemoSites(db) });
  const repository = server.db.getRepository(Site);
  return {
    server,
    request: graphqlClient(server.url),
    site: async (kind, index = 0) => (await repository.find({ where: { kind }, order: { code: 'ASC' }, skip: index, take: 1 }))[0],
    byCode: (code) => repository.findOneByOrFail({ code }),
    token: (role, siteIds = [], subject) => tokenFor({ role, siteIds, subject }),
    close: () => server.close(),
  };
}

export const SITE_FIELDS = 'id code name kind status regionCode parent { id code } ';
