import { HasDecimalPlaces, IsPlainText, UUID_PATTERN, DATE_PATTERN } from '@practice/common';
import { ArrayMaxSize, IsIn, IsOptional, Matches, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType } from 'type-graphql';
import { ServiceRecordStatus, ServiceSourceType } from './service-record.enums';

const SOURCE_REFERENCE = /^[A-Za-z0-9._:-]{1,64}$/;

@InputType({ description: 'Where a record comes from: recording the same source for the same volunteer again changes nothing' })
export class ServiceSourceInput {
  @Field(() => ServiceSourceType)
  @IsIn(Object.values(ServiceSourceType))
  type!: ServiceSourceType;

  @Field({ description: 'The id of the ticket, activity or import line (1 to 64 letters, digits or . _ : -)' })
  @Matches(SOURCE_REFERENCE, { message: 'must be 1 to 64 letters, digits or . _ : -' })
  reference!: string;
}

@InputType()
export class RecordServiceInput {
  @Field(() => ID)
  @Matches(UUID_PATTERN, { message: 'must be a volunteer id' })
  volunteerId!: string;

  @Field(() => ID, { description: 'Where the service took place; its managers verify the record' })
  @Matches(UUID_PATTERN, { message: 'must be a site id' })
  siteId!: string;

  @Field({ description: 'Day of service, YYYY-MM-DD, not in the future' })
  @Matches(DATE_PATTERN, { message: 'must be a date YYYY-MM-DD' })
  servedOn!: string;

  @Field(() => Float, { description: 'Actual service time without travel: above 0, at most 24 a day, two decimals at most' })
  @HasDecimalPlaces(2, { message: 'must be a number with at most two decimals' })
  hours!: number;

  @Field({ description: 'What was done' })
  @IsPlainText(2, 200)
  content!: string;

  @Field(() => ServiceSourceInput)
  @ValidateNested()
  source!: ServiceSourceInput;
}

@InputType()
export class RejectServiceRecordInput {
  @Field(() => ID)
  @Matches(UUID_PATTERN, { message: 'must be a service record id' })
  id!: string;

  @Field()
  @IsPlainText(2, 200)
  reason!: string;
}

@InputType()
export class ServiceRecordFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'must be a volunteer id' })
  volunteerId?: string;

  @Field(() => ID, { nullable: true, description: 'Service at this site or below it' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'must be a site id' })
  siteId?: string;

  @Field(() => [ServiceRecordStatus], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(3)
  @IsIn(Object.values(ServiceRecordStatus), { each: true })
  statuses?: ServiceRecordStatus[];

  @Field(() => ServiceSourceType, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(ServiceSourceType))
  sourceType?: ServiceSourceType;

  @Field(() => String, { nullable: true, description: 'Served on or after, YYYY-MM-DD' })
  @IsOptional()
  @Matches(DATE_PATTERN, { message: 'must be a date YYYY-MM-DD' })
  from?: string;

  @Field(() => String, { nullable: true, description: 'Served on or before, YYYY-MM-DD' })
  @IsOptional()
  @Matches(DATE_PATTERN, { message: 'must be a date YYYY-MM-DD' })
  to?: string;
}

@InputType({ description: 'A period of days, both ends included' })
export class PeriodInput {
  @Field({ description: 'YYYY-MM-DD' })
  @Matches(DATE_PATTERN, { message: 'must be a date YYYY-MM-DD' })
  from!: string;

  @Field({ description: 'YYYY-MM-DD, not before from' })
  @Matches(DATE_PATTERN, { message: 'must be a date YYYY-MM-DD' })
  to!: string;
}
