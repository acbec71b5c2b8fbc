import { ConnectionType, EdgeType } from '@practice/common';
import { Field, Int, ObjectType } from 'type-graphql';
import { PointsEntry } from './points-entry.entity';

@ObjectType({ description: "A volunteer's points: the balance and the ledger behind it" })
export class PointsAccount {
  volunteerId!: string;

  @Field(() => Int, { description: 'Never negative' })
  balance!: number;
}

@ObjectType()
export class PointsEntryEdge extends EdgeType(PointsEntry) {}

@ObjectType()
export class PointsEntryConnection extends ConnectionType(PointsEntryEdge) {}
