import { IsPlainText, UUID_PATTERN } from '@practice/common';
import { IsInt, Matches, Max, Min, NotEquals } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

const REQUEST_KEY = /^[A-Za-z0-9._:-]{8,64}$/;

@InputType({ description: 'Points spent, e.g. at a points supermarket (爱心超市)' })
export class RedeemPointsInput {
  @Field(() => ID)
  @Matches(UUID_PATTERN, { message: 'must be a volunteer id' })
  volunteerId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  points!: number;

  @Field({ description: 'What the points were spent on' })
  @IsPlainText(2, 200)
  reason!: string;

  @Field({ description: 'Your unique key of this redemption (8 to 64 characters): a retry with the same key changes nothing' })
  @Matches(REQUEST_KEY, { message: 'must be 8 to 64 letters, digits or . _ : -' })
  requestKey!: string;
}

@InputType({ description: 'A correction of a balance by an admin, up or down, with a reason' })
export class AdjustPointsInput {
  @Field(() => ID)
  @Matches(UUID_PATTERN, { message: 'must be a volunteer id' })
  volunteerId!: string;

  @Field(() => Int, { description: 'Positive to add, negative to take away' })
  @IsInt()
  @NotEquals(0)
  @Min(-1_000_000)
  @Max(1_000_000)
  points!: number;

  @Field()
  @IsPlainText(2, 200)
  reason!: string;

  @Field({ description: 'Your unique key of this adjustment: a retry with the same key changes nothing' })
  @Matches(REQUEST_KEY, { message: 'must be 8 to 64 letters, digits or . _ : -' })
  requestKey!: string;
}
