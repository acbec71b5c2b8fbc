import { Principal, Role, forbidden, isAdmin, unauthenticated } from '@practice/common';

/** The tickets a caller's figures may count. */
export type StatsScope =
  | { everything: true }
  | {
      everything: false;
      /** Served by one of these sites or below (through ticket_scope). */
      siteIds: readonly string[];
      /** Or orders of a resource these sub-centers publish. */
      publisherIds: readonly string[];
    };

/**
 * Analysts and admins count every ticket. Site managers count their subtree; an agency admin the
 * subtree of their sub-center and the orders of its resources wherever they are served — the
 * tickets each of them may read one by one, so that figures tell them nothing they could not count
 * themselves. Citizens and volunteers have no figures to read.
 */
export function statsScope(principal: Principal): StatsScope {
  if (principal.subject === null) throw unauthenticated('Sign in to read ticket statistics');
  if (isAdmin(principal) || principal.role === Role.ANALYST) return { everything: true };
  if (principal.role !== Role.SITE_MANAGER && principal.role !== Role.AGENCY_ADMIN) {
    throw forbidden('Only analysts, admins, site managers and agency admins read ticket statistics', 'ROLE_NOT_ALLOWED');
  }
  if (!principal.siteIds.length) throw forbidden('Your token names no site you manage or administer', 'NO_MANAGED_SITES');
  return { everything: false, siteIds: principal.siteIds, publisherIds: principal.role === Role.AGENCY_ADMIN ? principal.siteIds : [] };
}
