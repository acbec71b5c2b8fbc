import { Principal, Role, forbidden, isAdmin, isSiteScoped, unauthenticated } from '@practice/common';

/** What the caller's figures may cover. */
export interface StatsViewer {
  /** The sites whose subtrees bound the figures; null: the whole database. */
  siteIds: readonly string[] | null;
  /** The fewest volunteers a group shown to the caller has. */
  minGroupSize: number;
}

/**
 * Analysts and admins read figures of everything; site managers and agency admins those of the
 * sites they manage and below (as they manage the volunteers and verify the hours there). Only
 * admins see groups smaller than the configured minimum: aggregates are for charts, not for
 * reading one person's hours off them.
 */
export function statsViewer(principal: Principal, minGroupSize: number): StatsViewer {
  if (principal.subject === null) throw unauthenticated('Sign in to read figures');
  if (isAdmin(principal)) return { siteIds: null, minGroupSize: 1 };
  if (principal.role === Role.ANALYST) return { siteIds: null, minGroupSize };
  if (isSiteScoped(principal)) {
    if (!principal.siteIds.length) throw forbidden('Your token names no site you manage', 'NO_MANAGED_SITES');
    return { siteIds: principal.siteIds, minGroupSize };
  }
  throw forbidden('Only analysts, admins and the managers of sites read figures', 'ROLE_NOT_ALLOWED');
}
