import { IsPlainText, REGION_PREFIX, UUID_PATTERN } from '@practice/common';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { CREDIT_CODE, PUBLIC_PHONE } from '../shared/patterns';
import { OrganizationStatus } from './organization.entity';

@InputType()
export class CreateOrganizationInput {
  @Field()
  @IsPlainText(2, 100)
  name!: string;

  @Field({ description: 'Unified social credit code (统一社会信用代码)' })
  @Matches(CREDIT_CODE, { message: 'must be an 18-character unified social credit code' })
  creditCode!: string;

  @Field(() => ID, { description: 'The site it is registered with; you must manage it' })
  @Matches(UUID_PATTERN, { message: 'must be a site id' })
  siteId!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsPlainText(1, 50)
  contactName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(PUBLIC_PHONE, { message: 'must be a landline (0512-52771234), a mobile or a 5-digit service number' })
  contactPhone?: string | null;
}

@InputType()
export class UpdateOrganizationInput {
  @Field(() => ID)
  @Matches(UUID_PATTERN, { message: 'must be an organization id' })
  id!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsPlainText(2, 100)
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsPlainText(1, 50)
  contactName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(PUBLIC_PHONE, { message: 'must be a landline (0512-52771234), a mobile or a 5-digit service number' })
  contactPhone?: string | null;

  @Field(() => OrganizationStatus, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(OrganizationStatus))
  status?: OrganizationStatus;
}

@InputType()
export class OrganizationFilter {
  @Field(() => ID, { nullable: true, description: 'Registered with this site or a site below it' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'must be a site id' })
  siteId?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(REGION_PREFIX, { message: 'must be 2, 4, 6, 9 or 12 digits' })
  regionCodePrefix?: string;

  @Field(() => [OrganizationStatus], { nullable: true, description: 'Default ACTIVE' })
  @IsOptional()
  @IsIn(Object.values(OrganizationStatus), { each: true })
  statuses?: OrganizationStatus[];

  @Field(() => String, { nullable: true, description: 'Text contained in the name' })
  @IsOptional()
  @IsPlainText(1, 50)
  text?: string;
}
