import { Principal, Role, ScopedSite, isAdmin, managesSite } from '@practice/common';

export { managesFromAbove, managesSite } from '@practice/common';

/** Roles that read every site and aggregate whatever its status (never personal data). */
export const readsAllSites = (principal: Principal): boolean => isAdmin(principal) || principal.role === Role.ANALYST;

/** Anyone reads ACTIVE sites; suspended and archived ones only those who manage them, analysts and admins. */
export function canReadSite(principal: Principal, site: ScopedSite & { status: string }): boolean {
  return site.status === 'ACTIVE' || readsAllSites(principal) || managesSite(principal, site);
}
