import { IsPlainText, REGION_PREFIX, UUID_PATTERN } from '@practice/common';
import { ArrayMaxSize, ArrayUnique, IsInt, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ResourceKind } from '../resource/resource.enums';
import { CATEGORY_CODE, PERIOD } from '../shared/patterns';
import { MenuLevel, MenuStatus } from './menu.enums';

/** Items a menu lists at most: a month's selection, not a whole catalogue. */
export const MAX_MENU_ITEMS = 200;

@InputType({ description: 'A resource of the publisher’s catalogue on the menu, with its quota for the month' })
export class MenuItemInput {
  @Field(() => ID)
  @Matches(UUID_PATTERN, { message: 'must be a resource id' })
  resourceId!: string;

  @Field(() => Int, { description: 'Orders offered this month: 1 to the resource’s capacity per month (100000 without one)' })
  @IsInt()
  @Min(1)
  @Max(100_000)
  quota!: number;

  @Field(() => String, { nullable: true, description: 'A word for citizens, e.g. 名额有限' })
  @IsOptional()
  @IsPlainText(1, 200)
  note?: string | null;
}

@InputType()
export class CreateMenuInput {
  @Field(() => ID, { description: 'The publishing site: a center, institute, station or sector sub-center' })
  @Matches(UUID_PATTERN, { message: 'must be a site id' })
  publisherId!: string;

  @Field({ description: 'The month, YYYY-MM: this month or one of the next twelve' })
  @Matches(PERIOD, { message: 'must be a month YYYY-MM' })
  period!: string;

  @Field(() => String, { nullable: true, description: 'Default: “<publisher> <year>年<month>月资源菜单”' })
  @IsOptional()
  @IsPlainText(2, 100)
  title?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsPlainText(1, 1000)
  notes?: string | null;

  @Field(() => [MenuItemInput], { description: `0 to ${MAX_MENU_ITEMS} items, each resource once; in the order citizens see them` })
  @ArrayMaxSize(MAX_MENU_ITEMS)
  @ValidateNested()
  items!: MenuItemInput[];
}

@InputType({ description: 'Changes a DRAFT; fields given replace the old values, items replace the old list' })
export class UpdateMenuInput {
  @Field(() => ID)
  @Matches(UUID_PATTERN, { message: 'must be a menu id' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'The version read; the update fails with CONFLICT when the draft has changed since' })
  @IsOptional()
  @IsInt()
  expectedVersion?: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsPlainText(2, 100)
  title?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsPlainText(1, 1000)
  notes?: string | null;

  @Field(() => [MenuItemInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(MAX_MENU_ITEMS)
  @ValidateNested()
  items?: MenuItemInput[];
}

@InputType()
export class SupersedeMenuInput {
  @Field(() => ID, { description: 'The PUBLISHED edition to correct' })
  @Matches(UUID_PATTERN, { message: 'must be a menu id' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'What the correction changes, shown with the new edition' })
  @IsOptional()
  @IsPlainText(1, 1000)
  notes?: string | null;
}

@InputType()
export class MenuFilter {
  @Field(() => [ID], { nullable: true, description: 'Published by any of these sites' })
  @IsOptional()
  @ArrayMaxSize(100)
  @Matches(UUID_PATTERN, { each: true, message: 'must be site ids' })
  publisherIds?: string[];

  @Field(() => [String], { nullable: true, description: 'Months YYYY-MM' })
  @IsOptional()
  @ArrayMaxSize(36)
  @ArrayUnique()
  @Matches(PERIOD, { each: true, message: 'must be months YYYY-MM' })
  periods?: string[];

  @Field(() => [MenuStatus], { nullable: true, description: 'Default PUBLISHED; drafts only of the catalogues you own (all for analysts and admins)' })
  @IsOptional()
  statuses?: MenuStatus[];

  @Field(() => [MenuLevel], { nullable: true })
  @IsOptional()
  levels?: MenuLevel[];

  @Field(() => String, { nullable: true, description: 'Publishers whose region code starts with this prefix (2, 4, 6, 9 or 12 digits)' })
  @IsOptional()
  @Matches(REGION_PREFIX, { message: 'must be a region-code prefix of 2, 4, 6, 9 or 12 digits' })
  regionCodePrefix?: string;
}

@InputType({ description: 'Narrows what a site’s menu lists' })
export class SiteMenuFilter {
  @Field(() => [ResourceKind], { nullable: true })
  @IsOptional()
  kinds?: ResourceKind[];

  @Field(() => [String], { nullable: true, description: 'In any of these categories or a category below one of them' })
  @IsOptional()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(CATEGORY_CODE, { each: true, message: 'must be category codes' })
  categoryCodes?: string[];

  @Field(() => [MenuLevel], { nullable: true, description: 'Only from publishers of these levels' })
  @IsOptional()
  levels?: MenuLevel[];
}
