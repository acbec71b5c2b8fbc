import { Principal, Role, isAdmin, isSiteScoped } from '@practice/common';

/** A site as far as authority is concerned: its id and its materialized path of ancestor ids. */
export interface ScopedSite {
  id: string;
  /** `/rootId/…/parentId/id/` */
  path: string;
}

const pathIds = (path: string): string[] => path.split('/').filter(Boolean);

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

/** Roles that read every site and aggregate whatever its status (never personal data). */
export const readsAllSites = (principal: Principal): boolean => isAdmin(principal) || principal.role === Role.ANALYST;

/** Anyone reads ACTIVE sites; suspended and archived ones only those who manage them, analysts and admins. */
export function canReadSite(principal: Principal, site: ScopedSite & { status: string }): boolean {
  return site.status === 'ACTIVE' || readsAllSites(principal) || managesSite(principal, site);
}
