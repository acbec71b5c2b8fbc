import { ConnectionType, EdgeType } from '@practice/common';
import { Field, Int, ObjectType } from 'type-graphql';
import { SiteReference } from '../site/site.reference';
import { Volunteer } from './volunteer.entity';

@ObjectType({ description: 'A weekly window in which the volunteer is available (local time)' })
export class AvailabilityWindow {
  @Field(() => Int, { description: 'ISO weekday: 1 = Monday … 7 = Sunday' })
  day!: number;

  @Field({ description: 'HH:MM' })
  from!: string;

  @Field({ description: 'HH:MM' })
  to!: string;
}

@ObjectType({ description: 'Where the volunteer serves; both lists empty means the home site and below' })
export class ServiceArea {
  @Field(() => [SiteReference], { description: 'Sites, each with everything below it' })
  sites!: SiteReference[];

  @Field(() => [String], { description: 'Areas by region-code prefix' })
  regionCodePrefixes!: string[];
}

@ObjectType()
export class VolunteerEdge extends EdgeType(Volunteer) {}

@ObjectType()
export class VolunteerConnection extends ConnectionType(VolunteerEdge) {}
