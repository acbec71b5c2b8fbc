import { ConnectionType, EdgeType } from '@practice/common';
import { ObjectType } from 'type-graphql';
import { Organization } from './organization.entity';

@ObjectType()
export class OrganizationEdge extends EdgeType(Organization) {}

@ObjectType()
export class OrganizationConnection extends ConnectionType(OrganizationEdge) {}
