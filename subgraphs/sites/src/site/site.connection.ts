import { ConnectionType, EdgeType } from '@practice/common';
import { Field, Float, ObjectType } from 'type-graphql';
import { Site } from './site.entity';

@ObjectType()
export class SiteEdge extends EdgeType(Site) {
  @Field(() => Float, { nullable: true, description: 'Great-circle distance from the `near` point, when the list was filtered by it' })
  distanceKm!: number | null;
}

@ObjectType()
export class SiteConnection extends ConnectionType(SiteEdge) {}
