import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Orders of a resource in a month, counted from the tickets subgraph’s events; counts only, nobody’s personal data' })
export class ResourceUsage {
  @Field({ description: 'The month, YYYY-MM (China time)' })
  period!: string;

  @Field(() => Int, { description: 'Orders submitted in the month and not cancelled' })
  orders!: number;

  @Field(() => Int, { nullable: true, description: 'The resource’s capacity per month; null when unlimited' })
  capacity!: number | null;

  @Field(() => Int, { nullable: true, description: 'capacity − orders, never below 0; null when unlimited' })
  capacityLeft!: number | null;
}
