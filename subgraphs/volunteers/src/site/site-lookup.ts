import { Principal, SiteDirectory, SiteFacts, badInput, notFound } from '@practice/common';

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
