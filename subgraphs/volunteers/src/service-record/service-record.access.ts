import { Principal, Role, managesSite } from '@practice/common';
import type { Volunteer } from '../volunteer/volunteer.entity';
import { seesPersonalData } from '../volunteer/volunteer.access';
import type { ServiceRecord } from './service-record.entity';

/** Managers of the site where the service took place (or above it) verify and reject; admins too. */
export const reviewsRecord = (principal: Principal, record: Pick<ServiceRecord, 'siteId' | 'sitePath'>): boolean =>
  managesSite(principal, { id: record.siteId, path: record.sitePath });

/** Who reads a volunteer's records: who sees their personal data, and analysts. */
export const readsRecordsOf = (principal: Principal, volunteer: Volunteer): boolean =>
  principal.role === Role.ANALYST || seesPersonalData(principal, volunteer);

/** Who reads one record: who reads the volunteer's records, and the managers of its site. */
export const readsRecord = (principal: Principal, record: ServiceRecord, volunteer: Volunteer): boolean =>
  readsRecordsOf(principal, volunteer) || reviewsRecord(principal, record);
