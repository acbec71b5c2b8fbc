import { Principal, isAdmin, isSiteScoped } from './principal';

/**
 * A site as far as authority is concerned: its id and its materialized path of ancestor ids. Other
 * subgraphs copy the path of the sites they refer to, so they decide authority the same way.
 */
export interface ScopedSite {
  id: string;
  /** `/rootId/…/parentId/id/` */
  path: string;
}

/** The ids of a path, root first, ending with the site itself. */
export const pathIds = (path: string): string[] => path.split('/').filter(Boolean);

/** The path of a site from its ancestors (root first) and its own id. */
export const pathOf = (ancestorIds: readonly string[], id: string): string => `/${[...ancestorIds, id].join('/')}/`;

/**
 * Whether the caller may change this site: admins anything; site managers and agency admins the
 * sites in their token and their descendants.
 */
export function managesSite(principal: Principal, site: ScopedSite): boolean {
  if (isAdmin(principal)) return true;
  if (!isSiteScoped(principal)) return false;
  const ids = pathIds(site.path);
  return principal.siteIds.some((id) => ids.includes(id));
}

/** Whether the caller's authority over this site comes from above it, not from the site itself. */
export function managesFromAbove(principal: Principal, site: ScopedSite): boolean {
  if (isAdmin(principal)) return true;
  if (!isSiteScoped(principal)) return false;
  const ancestors = pathIds(site.path).filter((id) => id !== site.id);
  return principal.siteIds.some((id) => ancestors.includes(id));
}
