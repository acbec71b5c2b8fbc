import { Principal, Role, ScopedSite, forbidden, isAdmin, managesSite, requireSignedIn } from '@practice/common';

/** A publisher as the resources subgraph keeps it: copied from the sites subgraph when first used. */
export interface Publisher extends ScopedSite {
  kind: string;
}

export const SECTOR_SUBCENTER = 'SECTOR_SUBCENTER';
/** Site kinds that publish catalogues and menus: points do not. */
export const PUBLISHER_KINDS = ['CENTER', 'INSTITUTE', 'STATION', SECTOR_SUBCENTER] as const;

/**
 * Whether the caller may change this publisher's catalogue and menus. A sector sub-center's
 * catalogue belongs to its agency: only the agency admins of that sub-center (and admins) change
 * it, not the managers of the center above it. A center's, institute's or station's belongs to the
 * managers of that site or of a site above it.
 */
export function ownsCatalogue(principal: Principal, publisher: Publisher): boolean {
  if (isAdmin(principal)) return true;
  if (publisher.kind === SECTOR_SUBCENTER) return principal.role === Role.AGENCY_ADMIN && principal.siteIds.includes(publisher.id);
  return principal.role === Role.SITE_MANAGER && managesSite(principal, publisher);
}

/** Throws UNAUTHENTICATED for anonymous callers and FORBIDDEN for those who do not own the catalogue. */
export function requireCatalogueOwner(principal: Principal, publisher: Publisher, name = 'this publisher'): void {
  requireSignedIn(principal);
  if (!ownsCatalogue(principal, publisher)) throw forbidden(`Only the owners of ${name}’s catalogue may change it`, 'NOT_CATALOGUE_OWNER');
}

/** Drafts and withdrawn resources are seen by their owners, analysts and admins; published ones by everybody. */
export const seesUnpublished = (principal: Principal, publisher: Publisher): boolean => principal.role === Role.ANALYST || ownsCatalogue(principal, publisher);
