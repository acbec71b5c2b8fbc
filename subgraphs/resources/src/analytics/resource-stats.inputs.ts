import { REGION_PREFIX, UUID_PATTERN } from '@practice/common';
import { ArrayMaxSize, ArrayUnique, IsOptional, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ResourceKind, ResourceStatus } from '../resource/resource.enums';
import { CATEGORY_CODE } from '../shared/patterns';

@InputType({ description: 'Months from `from` to `to`, both included (YYYY-MM); `to` left out means the one month' })
export class MonthRangeInput {
  @Field()
  from!: string;

  @Field(() => String, { nullable: true })
  to?: string | null;
}

@InputType({ description: 'Which resources and months resourceStats counts' })
export class ResourceStatsFilter {
  @Field(() => MonthRangeInput, { nullable: true, description: 'At most 36 months; default this month (China time)' })
  @IsOptional()
  period?: MonthRangeInput;

  @Field(() => String, { nullable: true, description: 'Publishers whose region code starts with this prefix (2, 4, 6, 9 or 12 digits)' })
  @IsOptional()
  @Matches(REGION_PREFIX, { message: 'must be a region-code prefix of 2, 4, 6, 9 or 12 digits' })
  regionCodePrefix?: string;

  @Field(() => [ID], { nullable: true, description: 'Published by any of these sites' })
  @IsOptional()
  @ArrayMaxSize(100)
  @Matches(UUID_PATTERN, { each: true, message: 'must be site ids' })
  publisherIds?: string[];

  @Field(() => [String], { nullable: true, description: 'Filed under any of these categories or a term below one of them' })
  @IsOptional()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(CATEGORY_CODE, { each: true, message: 'must be category codes' })
  categoryCodes?: string[];

  @Field(() => [ResourceKind], { nullable: true })
  @IsOptional()
  kinds?: ResourceKind[];

  @Field(() => [ResourceStatus], { nullable: true, description: 'Statuses now; default every status' })
  @IsOptional()
  statuses?: ResourceStatus[];
}
