import { Field, Int, ObjectType } from 'type-graphql';

/** What every volunteers statistic says besides its groups: how many it left out, and why. */
@ObjectType()
export abstract class GroupedAnswer {
  @Field({ description: 'With `first`: whether more groups were left out' })
  truncated!: boolean;

  @Field(() => Int, { description: 'The fewest volunteers a group shown to you has (1 for admins)' })
  minimumGroupSize!: number;

  @Field(() => Int, { description: 'Groups left out for having fewer volunteers than minimumGroupSize' })
  suppressedGroups!: number;
}
