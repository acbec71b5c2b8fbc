import { pathOf } from '../auth/site-scope';
import type { Principal } from '../auth/principal';
import { AppError, ErrorCode, badInput, notFound, serviceUnavailable, unauthenticated } from '../errors/errors';

/** What another subgraph copies of a site when it refers to one. */
export interface SiteFacts {
  id: string;
  name: string;
  kind: string;
  status: string;
  regionCode: string;
  /** `/rootId/…/parentId/id/`, as the sites subgraph keeps it. */
  path: string;
}

const QUERY = `query SiteFacts($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Site { id name kind status regionCode ancestorIds } }
}`;

interface EntitiesResponse {
  data?: { _entities: ({ id: string; name: string; kind: string; status: string; regionCode: string; ancestorIds: string[] } | null)[] } | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * Asks the sites subgraph about sites another subgraph is about to refer to, with the caller's own
 * token, so the answer holds only sites the caller may see. Called before a transaction opens,
 * never inside one.
 */
export class SiteDirectory {
  constructor(
    private readonly url: string,
    private readonly timeoutMs = 5000,
  ) {}

  /** The facts of each visible site among `ids`; ids of unknown or invisible sites are left out. */
  async lookup(ids: readonly string[], authorization?: string): Promise<Map<string, SiteFacts>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    let body: EntitiesResponse;
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ query: QUERY, variables: { representations: unique.map((id) => ({ __typename: 'Site', id })) } }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      body = (await response.json()) as EntitiesResponse;
    } catch {
      throw serviceUnavailable('The sites subgraph cannot be reached; try again shortly');
    }
    const error = body.errors?.[0];
    if (error?.extensions?.code === ErrorCode.UNAUTHENTICATED) throw unauthenticated(error.message);
    if (error?.extensions?.code === ErrorCode.BAD_USER_INPUT) throw new AppError(ErrorCode.BAD_USER_INPUT, error.message);
    if (error || !body.data) throw serviceUnavailable('The sites subgraph could not answer; try again shortly');
    const facts = new Map<string, SiteFacts>();
    for (const site of body.data._entities) {
      if (!site) continue;
      const { ancestorIds, ...rest } = site;
      facts.set(site.id, { ...rest, path: pathOf(ancestorIds, site.id) });
    }
    return facts;
  }
}

/** Who calls a service that refers to sites: the sites subgraph is asked with the same token. */
export interface Caller {
  principal: Principal;
  authorization?: string;
}

export interface SiteToFind {
  id: string;
  /** The input field that named it, for errors. */
  field: string;
  /** The site must be ACTIVE (new references); else any site the caller may see. */
  active?: boolean;
}

/**
 * Looks up in one request to the sites subgraph every site an input names, before any transaction:
 * a site that does not exist or that the caller may not see is NOT_FOUND on its field.
 */
export async function findSites(directory: SiteDirectory, caller: Caller, sites: SiteToFind[]): Promise<Map<string, SiteFacts>> {
  if (!sites.length) return new Map();
  const found = await directory.lookup(
    sites.map((site) => site.id),
    caller.authorization,
  );
  for (const site of sites) {
    const facts = found.get(site.id);
    if (!facts) throw notFound('Site', site.id, site.field);
    if (site.active && facts.status !== 'ACTIVE') throw badInput(site.field, `Site ${facts.name} is ${facts.status.toLowerCase()}`, 'SITE_NOT_ACTIVE');
  }
  return found;
}
