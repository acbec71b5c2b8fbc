import { Role } from '@practice/common';
import type { DataSource } from 'typeorm';
import { GraphQLRequest, GraphQLResult, TestSubgraph, firstError, graphqlClient, startTestSubgraph, tokenFor } from '@practice/common/testing';
import { seedDemoSites } from '@practice/sites/demo/seed';
import { Site } from '@practice/sites/site/site.entity';
import { SiteKind, SiteStatus } from '@practice/sites/site/site.enums';
import { sitesSubgraph } from '@practice/sites/subgraph';
import { resourcesSubgraph } from '../src/subgraph';

export interface ResourcesFixture {
  sites: TestSubgraph;
  server: TestSubgraph;
  request: GraphQLRequest;
  /** An ACTIVE site of the demo county by kind (the nth by code). */
  site(kind: SiteKind, index?: number): Promise<Site>;
  /** An ACTIVE child of a site, optionally of a kind (the nth by code). */
  childOf(parent: Site, kind?: SiteKind, index?: number): Promise<Site>;
  token(role: Role, options?: { siteIds?: string[]; subject?: string }): Promise<string>;
  /** An admin's token. */
  admin: string;
  close(): Promise<void>;
}

/**
 * The sites subgraph with the demo county and the resources subgraph asking it, each on its own
 * test database. `env` sets the resources subgraph's own variables; `seed` fills its database.
 */
export async function startResources(options: { env?: NodeJS.ProcessEnv; seed?: (db: DataSource) => Promise<unknown> } = {}): Promise<ResourcesFixture> {
  const sites = await startTestSubgraph(sitesSubgraph, { seed: (db) => seedDemoSites(db) });
  const server = await startTestSubgraph(resourcesSubgraph, { env: { SITES_URL: sites.url, ...options.env }, seed: options.seed });
  const repository = sites.db.getRepository(Site);
  return {
    sites,
    server,
    request: graphqlClient(server.url),
    site: async (kind, index = 0) => (await repository.find({ where: { kind, status: SiteStatus.ACTIVE }, order: { code: 'ASC' }, skip: index, take: 1 }))[0],
    childOf: async (parent, kind, index = 0) =>
      (
        await repository.find({
          where: { parentId: parent.id, status: SiteStatus.ACTIVE, ...(kind ? { kind } : {}) },
          order: { code: 'ASC' },
          skip: index,
          take: 1,
        })
      )[0],
    token: (role, { siteIds = [], subject } = {}) => tokenFor({ role, siteIds, subject }),
    admin: await tokenFor({ role: Role.ADMIN, subject: 'fixture-admin' }),
    close: async () => {
      await server.close();
      await sites.close();
    },
  };
}

export function expectNoErrors(result: GraphQLResult<unknown>): void {
  if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
}

/** The first error's code, field and reason, for `toMatchObject`. */
export const errorOf = firstError;
