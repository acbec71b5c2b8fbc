import { Field, Float, Int, ObjectType } from 'type-graphql';
import { FacilityType } from './site.enums';

@ObjectType({ description: 'A point on the WGS-84 globe' })
export class GeoPoint {
  @Field(() => Float)
  latitude!: number;

  @Field(() => Float)
  longitude!: number;
}

@ObjectType({ description: 'A weekly opening rule: open on these days between these times (local time)' })
export class OpeningHours {
  @Field(() => [Int], { description: 'ISO weekdays: 1 = Monday … 7 = Sunday' })
  days!: number[];

  @Field({ description: 'HH:MM' })
  opens!: string;

  @Field({ description: 'HH:MM, after `opens`' })
  closes!: string;
}

@ObjectType({ description: 'A facility of a site, such as a library or a moral lecture hall' })
export class Facility {
  @Field(() => FacilityType)
  type!: FacilityType;

  @Field(() => String, { nullable: true, description: 'Its own name, e.g. 农家书屋' })
  name?: string | null;

  @Field(() => Float, { nullable: true, description: 'Floor area in square metres' })
  areaSqm?: number | null;

  @Field(() => Int, { nullable: true, description: 'Seats or capacity in people' })
  seats?: number | null;
}
