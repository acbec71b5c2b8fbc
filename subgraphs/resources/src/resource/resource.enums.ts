import { registerEnumType } from 'type-graphql';

export enum ResourceKind {
  EXPERT = 'EXPERT',
  SERVICE = 'SERVICE',
  VENUE = 'VENUE',
  PROJECT = 'PROJECT',
}

export enum ResourceStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  WITHDRAWN = 'WITHDRAWN',
}

/** Who a resource is meant for (服务对象). */
export enum Audience {
  CHILDREN = 'CHILDREN',
  STUDENTS = 'STUDENTS',
  YOUTH = 'YOUTH',
  ELDERLY = 'ELDERLY',
  DISABLED = 'DISABLED',
  WOMEN = 'WOMEN',
  FAMILIES = 'FAMILIES',
  NEW_ECONOMY_WORKERS = 'NEW_ECONOMY_WORKERS',
  MIGRANT_WORKERS = 'MIGRANT_WORKERS',
  FARMERS = 'FARMERS',
  VETERANS = 'VETERANS',
  ENTERPRISES = 'ENTERPRISES',
  RESIDENTS = 'RESIDENTS',
}

export enum DeliveryMode {
  /** At the publisher's venue. */
  ON_SITE = 'ON_SITE',
  /** At the requester's home, village or workplace. */
  AT_REQUESTER = 'AT_REQUESTER',
  ONLINE = 'ONLINE',
}

/** The kinds of rows in `resource_facet`: the multi-valued attributes lists filter on. */
export enum FacetKind {
  CATEGORY = 'CATEGORY',
  AUDIENCE = 'AUDIENCE',
  DELIVERY = 'DELIVERY',
}

/** The kinds of rows in `resource_area`. */
export enum AreaKind {
  /** Every site whose region code starts with the value. */
  REGION = 'REGION',
  /** The site with the value as id and every site below it. */
  SITE = 'SITE',
}

export enum ResourceAction {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  PUBLISHED = 'PUBLISHED',
  WITHDRAWN = 'WITHDRAWN',
  IMPORTED = 'IMPORTED',
}

/** The types of order-form fields, as in Open311 service definitions. */
export enum FormFieldType {
  TEXT = 'TEXT',
  NUMBER = 'NUMBER',
  DATE = 'DATE',
  SINGLE_CHOICE = 'SINGLE_CHOICE',
  MULTIPLE_CHOICE = 'MULTIPLE_CHOICE',
}

registerEnumType(ResourceKind, { name: 'ResourceKind', description: 'Expert (专家), service (服务), venue (场地) or project (项目)' });
registerEnumType(ResourceStatus, {
  name: 'ResourceStatus',
  description: 'DRAFT → PUBLISHED ⇄ WITHDRAWN; only PUBLISHED resources can be ordered or put on a menu',
});
registerEnumType(Audience, { name: 'Audience', description: 'Target audience of a resource' });
registerEnumType(DeliveryMode, { name: 'DeliveryMode' });
registerEnumType(ResourceAction, { name: 'ResourceAction' });
registerEnumType(FormFieldType, { name: 'FormFieldType' });
