import { Principal, Role, forbidden, isAdmin, unauthenticated } from '@practice/common';
import { ownsAnyCatalogue } from '../shared/visibility';

/**
 * Whose catalogues a caller's statistics count: analysts' and admins' every catalogue (null);
 * site managers' and agency admins' only their own, as `ownsCatalogue` decides (the principal).
 * Citizens and volunteers may not ask; anonymous callers must sign in.
 */
export function statsScope(principal: Principal): Principal | null {
  if (principal.subject === null) throw unauthenticated('Sign in to read statistics');
  if (isAdmin(principal) || principal.role === Role.ANALYST) return null;
  if (principal.role !== Role.SITE_MANAGER && principal.role !== Role.AGENCY_ADMIN) {
    throw forbidden('Only analysts, admins, and site managers and agency admins for their own catalogues read statistics', 'ROLE_NOT_ALLOWED');
  }
  if (!ownsAnyCatalogue(principal)) throw forbidden('Your token names no site whose catalogue you own', 'NOT_CATALOGUE_OWNER');
  return principal;
}
