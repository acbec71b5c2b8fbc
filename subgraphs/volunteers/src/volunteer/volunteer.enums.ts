import { registerEnumType } from 'type-graphql';

export enum Gender {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}

export enum VolunteerStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  LEFT = 'LEFT',
}

export enum ServiceAreaKind {
  /** A site and everything below it. */
  SITE = 'SITE',
  /** An administrative area by region-code prefix. */
  REGION = 'REGION',
}

registerEnumType(Gender, { name: 'Gender' });
registerEnumType(VolunteerStatus, {
  name: 'VolunteerStatus',
  description: 'ACTIVE volunteers take work; SUSPENDED ones are paused by a manager; LEFT ones have quit',
});

/** Which status changes are allowed. */
export const STATUS_TRANSITIONS: Record<VolunteerStatus, readonly VolunteerStatus[]> = {
  [VolunteerStatus.ACTIVE]: [VolunteerStatus.SUSPENDED, VolunteerStatus.LEFT],
  [VolunteerStatus.SUSPENDED]: [VolunteerStatus.ACTIVE, VolunteerStatus.LEFT],
  [VolunteerStatus.LEFT]: [VolunteerStatus.ACTIVE],
};
