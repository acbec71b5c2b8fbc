import { registerEnumType } from 'type-graphql';

export enum ServiceRecordStatus {
  PENDING = 'PENDING',
  VERIFIED = 'VERIFIED',
  REJECTED = 'REJECTED',
}

/** Where a record comes from; with the source reference it makes a record unique per volunteer. */
export enum ServiceSourceType {
  TICKET = 'TICKET',
  ACTIVITY = 'ACTIVITY',
  IMPORT = 'IMPORT',
  MANUAL = 'MANUAL',
}

registerEnumType(ServiceRecordStatus, { name: 'ServiceRecordStatus', description: 'PENDING until a manager of the site verifies or rejects it' });
registerEnumType(ServiceSourceType, { name: 'ServiceSourceType' });
