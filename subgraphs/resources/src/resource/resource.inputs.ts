import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsIn, IsInt, IsNumber, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { IsParagraphText, IsPlainText, REGION_PREFIX, UUID_PATTERN } from '@practice/common';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { CATEGORY_CODE, CONTACT_PHONE, DATE, EXTERNAL_KEY, FORM_KEY, TIME } from '../shared/patterns';
import { Audience, DeliveryMode, FormFieldType, ResourceKind, ResourceStatus } from './resource.enums';

@InputType({ description: 'A recurring opening rule: on these ISO weekdays (1 = Monday … 7 = Sunday), between two times, optionally within dates' })
export class ScheduleRuleInput {
  @Field(() => [Int])
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  days!: number[];

  @Field({ description: 'HH:MM, China time' })
  @Matches(TIME, { message: 'must be a time HH:MM' })
  opensAt!: string;

  @Field({ description: 'HH:MM, after opensAt' })
  @Matches(TIME, { message: 'must be a time HH:MM' })
  closesAt!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, the first day the rule holds' })
  @IsOptional()
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  validFrom?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, the last day the rule holds' })
  @IsOptional()
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  validTo?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsPlainText(1, 100)
  note?: string | null;
}

@InputType()
export class FormFieldOptionInput {
  @Field()
  @IsPlainText(1, 50)
  value!: string;

  @Field()
  @IsPlainText(1, 50)
  label!: string;
}

@InputType({ description: 'A field a citizen fills in when ordering (an Open311 service-definition attribute)' })
export class FormFieldInput {
  @Field({ description: 'Stable key of the answer: a-z, 0-9 and _, starting with a letter' })
  @Matches(FORM_KEY, { message: 'must be 1 to 32 of a-z, 0-9 and _, starting with a letter' })
  key!: string;

  @Field()
  @IsPlainText(1, 50)
  label!: string;

  @Field(() => FormFieldType)
  type!: FormFieldType;

  @Field({ defaultValue: false })
  required!: boolean;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsPlainText(1, 200)
  hint?: string | null;

  @Field(() => [FormFieldOptionInput], { nullable: true, description: 'SINGLE_CHOICE and MULTIPLE_CHOICE: 2 to 20 options with distinct values' })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested()
  options?: FormFieldOptionInput[] | null;

  @Field(() => Float, { nullable: true, description: 'NUMBER only' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  min?: number | null;

  @Field(() => Float, { nullable: true, description: 'NUMBER only; at least min' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  max?: number | null;

  @Field(() => Int, { nullable: true, description: 'TEXT only: 1 to 2000 characters' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2000)
  maxLength?: number | null;
}

@InputType({ description: 'Where a resource is offered: areas by region-code prefix and sites with everything below them' })
export class ResourceServiceAreaInput {
  @Field(() => [String], { nullable: true, description: '2, 4, 6, 9 or 12 digits' })
  @IsOptional()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(REGION_PREFIX, { each: true, message: 'must be region-code prefixes of 2, 4, 6, 9 or 12 digits' })
  regionCodePrefixes?: string[] | null;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(UUID_PATTERN, { each: true, message: 'must be site ids' })
  siteIds?: string[] | null;
}

/** What describes a resource, shared by creation, update and import rows. */
@InputType()
export abstract class ResourceContentInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsPlainText(2, 100)
  title?: string;

  @Field(() => String, { nullable: true, description: 'Up to 2000 characters; line breaks allowed' })
  @IsOptional()
  @IsParagraphText(1, 2000)
  description?: string;

  @Field(() => [String], { nullable: true, description: '1 to 5 category codes, e.g. SERVICE.HEALTH.CHECKUP' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ArrayUnique()
  @Matches(CATEGORY_CODE, { each: true, message: 'must be category codes such as SERVICE.HEALTH' })
  categoryCodes?: string[];

  @Field(() => [Audience], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(13)
  @ArrayUnique()
  audiences?: Audience[];

  @Field(() => [DeliveryMode], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @ArrayUnique()
  deliveryModes?: DeliveryMode[];

  @Field(() => ResourceServiceAreaInput, {
    nullable: true,
    description: 'Omitted at creation: the publisher’s own (a site’s subtree; a sector sub-center’s county)',
  })
  @IsOptional()
  @ValidateNested()
  serviceArea?: ResourceServiceAreaInput;

  @Field(() => Int, { nullable: true, description: '1 to 100000 orders a month; null for no limit' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  capacityPerMonth?: number | null;

  @Field(() => Int, { nullable: true, description: '0 to 365 days' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  leadTimeDays?: number;

  @Field(() => [ScheduleRuleInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested()
  schedule?: ScheduleRuleInput[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsPlainText(1, 50)
  contactName?: string | null;

  @Field(() => String, { nullable: true, description: 'A public office line, hotline or mobile' })
  @IsOptional()
  @Matches(CONTACT_PHONE, { message: 'must be a phone number such as 0512-52731234 or 13912345678' })
  contactPhone?: string | null;

  @Field(() => [FormFieldInput], { nullable: true, description: 'At most 30 fields with distinct keys' })
  @IsOptional()
  @ArrayMaxSize(30)
  @ValidateNested()
  orderForm?: FormFieldInput[];
}

@InputType()
export class CreateResourceInput extends ResourceContentInput {
  @Field(() => ID, { description: 'The publishing site: a center, institute, station or sector sub-center' })
  @Matches(UUID_PATTERN, { message: 'must be a site id' })
  publisherId!: string;

  @Field(() => ResourceKind)
  kind!: ResourceKind;

  @Field(() => String, {
    nullable: true,
    description: 'The publisher’s own key, unique per publisher; a retry with the same key and content returns the first resource',
  })
  @IsOptional()
  @Matches(EXTERNAL_KEY, { message: 'must be 1 to 64 of A-Z a-z 0-9 . _ : -' })
  externalKey?: string | null;
}

@InputType({ description: 'Fields given replace the old values; lists replace the old lists' })
export class UpdateResourceInput extends ResourceContentInput {
  @Field(() => ID)
  @Matches(UUID_PATTERN, { message: 'must be a resource id' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'The version read; the update fails with CONFLICT when the resource has changed since' })
  @IsOptional()
  @IsInt()
  expectedVersion?: number;

  @Field(() => ResourceKind, { nullable: true })
  @IsOptional()
  kind?: ResourceKind;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(EXTERNAL_KEY, { message: 'must be 1 to 64 of A-Z a-z 0-9 . _ : -' })
  externalKey?: string | null;
}

@InputType({ description: 'One resource of an import, matched to an existing one by its externalKey' })
export class ImportResourceRow extends ResourceContentInput {
  @Field({ description: 'The publisher’s own key: the row updates the resource with this key or creates it' })
  @Matches(EXTERNAL_KEY, { message: 'must be 1 to 64 of A-Z a-z 0-9 . _ : -' })
  externalKey!: string;

  @Field(() => ResourceKind)
  kind!: ResourceKind;

  @Field(() => ResourceStatus, { nullable: true, description: 'DRAFT or PUBLISHED (default PUBLISHED)' })
  @IsOptional()
  @IsIn([ResourceStatus.DRAFT, ResourceStatus.PUBLISHED], { message: 'must be DRAFT or PUBLISHED' })
  status?: ResourceStatus;

  @Field(() => Int, { nullable: true, description: 'Line of the row in the source file, echoed in problems' })
  @IsOptional()
  @IsInt()
  @Min(1)
  line?: number;
}

@InputType()
export class ImportResourcesInput {
  @Field(() => ID)
  @Matches(UUID_PATTERN, { message: 'must be a site id' })
  publisherId!: string;

  @Field(() => [ImportResourceRow])
  @ArrayMinSize(1)
  @ValidateNested()
  rows!: ImportResourceRow[];

  @Field({ defaultValue: false, description: 'Checks every row and counts what would change, writing nothing' })
  dryRun!: boolean;
}
