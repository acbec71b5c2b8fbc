import { Principal, Role, managesSite } from '@practice/common';
import type { Volunteer } from './volunteer.entity';

type Person = Pick<Volunteer, 'id' | 'accountSubject' | 'homeSiteId' | 'homeSitePath'>;

/** The caller is this volunteer: by the volunteer id in their token or by their account. */
export function isSelf(principal: Principal, volunteer: Person): boolean {
  if (principal.subject === null) return false;
  return principal.volunteerId === volunteer.id || (volunteer.accountSubject !== null && principal.subject === volunteer.accountSubject);
}

/** Managers of the home site or one of its ancestors, and admins. */
export function managesVolunteer(principal: Principal, volunteer: Person): boolean {
  return managesSite(principal, { id: volunteer.homeSiteId, path: volunteer.homeSitePath });
}

/**
 * Who sees a volunteer's phone, ID number, points and records in full: the volunteer, managers of
 * the home site or an ancestor, and admins. Analysts never do.
 */
export function seesPersonalData(principal: Principal, volunteer: Person): boolean {
  if (principal.role === Role.ANALYST) return false;
  return isSelf(principal, volunteer) || managesVolunteer(principal, volunteer);
}

/** Everyone else signed in sees a masked value; anonymous callers see nothing. */
export type Disclosure = 'FULL' | 'MASKED' | 'NONE';

export function disclosureOf(principal: Principal, volunteer: Person): Disclosure {
  if (seesPersonalData(principal, volunteer)) return 'FULL';
  return principal.subject === null ? 'NONE' : 'MASKED';
}
