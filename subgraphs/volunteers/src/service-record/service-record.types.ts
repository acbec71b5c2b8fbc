import { ConnectionType, EdgeType } from '@practice/common';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ServiceRecord } from './service-record.entity';

@ObjectType()
export class ServiceRecordEdge extends EdgeType(ServiceRecord) {}

@ObjectType()
export class ServiceRecordConnection extends ConnectionType(ServiceRecordEdge) {}

@ObjectType({ description: 'A place on a leaderboard of verified hours' })
export class LeaderboardEntry {
  @Field(() => Int, { description: 'Competition ranking: equal hours share a rank (1, 2, 2, 4)' })
  rank!: number;

  volunteerId!: string;

  @Field(() => Float, { description: 'Verified hours in the period' })
  hours!: number;
}
