import { unauthenticated } from '../errors/errors';

/** The roles of DOMAIN.md, as carried in the `role` claim of a bearer token. */
export enum Role {
  CITIZEN = 'citizen',
  VOLUNTEER = 'volunteer',
  SITE_MANAGER = 'site_manager',
  AGENCY_ADMIN = 'agency_admin',
  ANALYST = 'analyst',
  ADMIN = 'admin',
}

export const ROLES: readonly Role[] = Object.values(Role);

/** Who is calling. Anonymous callers have no subject and the role `anonymous`. */
export interface Principal {
  subject: string | null;
  role: Role | 'anonymous';
  /**
   * Sites the caller manages (site managers) or administers (agency admins: their sector
   * sub-centers). Authority over a site extends to its descendants.
   */
  siteIds: readonly string[];
  /** The caller's volunteer record, for volunteers. */
  volunteerId: string | null;
}

export const ANONYMOUS: Principal = Object.freeze({ subject: null, role: 'anonymous', siteIds: [], volunteerId: null });

export const isAdmin = (principal: Principal): boolean => principal.role === Role.ADMIN;

/** Roles whose authority is tied to the sites in their token. */
export const isSiteScoped = (principal: Principal): boolean => principal.role === Role.SITE_MANAGER || principal.role === Role.AGENCY_ADMIN;

/** Mutations need a signed-in caller: anonymous ones get UNAUTHENTICATED, not FORBIDDEN. */
export function requireSignedIn(principal: Principal): void {
  if (principal.subject === null) throw unauthenticated('Sign in to change anything');
}
