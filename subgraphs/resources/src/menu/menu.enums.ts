import { registerEnumType } from 'type-graphql';

/** The level of a menu: its publisher's place in the network (the "three-level menu" plus sectors). */
export enum MenuLevel {
  CENTER = 'CENTER',
  INSTITUTE = 'INSTITUTE',
  STATION = 'STATION',
  SECTOR_SUBCENTER = 'SECTOR_SUBCENTER',
}

/**
 * DRAFT → PUBLISHED → ARCHIVED. A published edition never changes: a correction is a new DRAFT
 * edition that, once published, turns the one it corrects SUPERSEDED.
 */
export enum MenuStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  SUPERSEDED = 'SUPERSEDED',
  ARCHIVED = 'ARCHIVED',
}

registerEnumType(MenuLevel, { name: 'MenuLevel' });
registerEnumType(MenuStatus, {
  name: 'MenuStatus',
  description: 'DRAFT → PUBLISHED → ARCHIVED; a published edition corrected by a newer one becomes SUPERSEDED and stays readable',
});
