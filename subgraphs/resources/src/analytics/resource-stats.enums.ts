import { registerEnumType } from 'type-graphql';

/** What `resourceStats` groups by. */
export enum ResourceDimension {
  /** The publishing site. */
  PUBLISHER = 'PUBLISHER',
  /** Each category a resource is filed under: a resource with several counts in each. */
  CATEGORY = 'CATEGORY',
  KIND = 'KIND',
  /** The publisher's region code at `regionLevel`. */
  REGION = 'REGION',
  /** The month of the menus and orders. */
  MONTH = 'MONTH',
  /** The publisher's level, which is the level of its menus. */
  LEVEL = 'LEVEL',
  /** The resource's status now. */
  STATUS = 'STATUS',
}

/** The measures groups can be ranked by, largest first. */
export enum ResourceMeasure {
  RESOURCES = 'RESOURCES',
  PUBLISHED = 'PUBLISHED',
  MENU_ITEMS = 'MENU_ITEMS',
  QUOTA = 'QUOTA',
  ORDERS = 'ORDERS',
  CAPACITY = 'CAPACITY',
  CAPACITY_USED = 'CAPACITY_USED',
  QUOTA_USED = 'QUOTA_USED',
  FULLY_BOOKED = 'FULLY_BOOKED',
}

registerEnumType(ResourceDimension, {
  name: 'ResourceDimension',
  description: 'A dimension of resourceStats; a resource filed under several categories counts in each of them',
  valuesConfig: {
    PUBLISHER: { description: 'The publishing site' },
    CATEGORY: { description: 'Each category a resource is filed under (its own codes, not the terms above them)' },
    KIND: { description: 'Expert, service, venue or project' },
    REGION: { description: 'The publisher’s region code at regionLevel' },
    MONTH: { description: 'The month of the menus and orders, YYYY-MM' },
    LEVEL: { description: 'The publisher’s level, which is that of its menus' },
    STATUS: { description: 'The resource’s status now' },
  },
});
registerEnumType(ResourceMeasure, { name: 'ResourceMeasure', description: 'A measure of resourceStats that groups can be ranked by, largest first' });
