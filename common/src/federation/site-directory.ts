import { pathOf } from '../auth/site-scope';
import type { Principal } from '../auth/principal';
import { badInput, notFound } from '../errors/errors';
import { lookupEntities } from './entity-lookup';

/** What another subgraph copies of a site when it refers to one. */
export interface SiteFacts {
  id: string;
  name: string;
  kind: string;
  status: string;
  regionCode: string;
  /** `/rootId/…/parentId/id/`, as the sites subgraph keeps it. */
  path: string;
  /** Where the site is, when the sites subgraph knows. */
  location: { latitude: number; longitude: number } | null;
}

type SiteEntity = Omit<SiteFacts, 'path' | 'location'> & { ancestorIds: string[]; location: SiteFacts['location'] | null };

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
    const sites = await lookupEntities<SiteEntity>({
      url: this.url,
      subgraph: 'sites',
      typeName: 'Site',
      selection: 'id name kind status regionCode ancestorIds location { latitude longitude }',
      ids,
      authorization,
      timeoutMs: this.timeoutMs,
    });
    const facts = new Map<string, SiteFacts>();
    for (const { ancestorIds, location, ...rest } of sites.values()) {
      facts.set(rest.id, { ...rest, location: location ?? null, path: pathOf(ancestorIds, rest.id) });
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
