import { IsPlainText, REGION_PREFIX, UUID_PATTERN } from '@practice/common';
import { ArrayMaxSize, ArrayUnique, IsIn, IsInt, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { CATEGORY_CODE, MOBILE_PHONE, SKILL_CODE, SUBJECT, TIME } from '../shared/patterns';
import { ID_NUMBER_PATTERN } from './id-number';
import { VolunteerStatus } from './volunteer.enums';

@InputType({ description: 'A weekly window: on this ISO weekday (1 = Monday … 7 = Sunday) from one time to a later one' })
export class AvailabilityInput {
  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(7)
  day!: number;

  @Field({ description: 'HH:MM' })
  @Matches(TIME, { message: 'must be a time HH:MM' })
  from!: string;

  @Field({ description: 'HH:MM (24:00 for the end of the day), after `from`' })
  @Matches(TIME, { message: 'must be a time HH:MM' })
  to!: string;
}

@InputType({ description: 'Where a volunteer serves: sites (with everything below them) and areas by region-code prefix; empty means the home site' })
export class ServiceAreaInput {
  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(UUID_PATTERN, { each: true, message: 'must be site ids' })
  siteIds?: string[];

  @Field(() => [String], { nullable: true, description: 'Region-code prefixes of 2, 4, 6, 9 or 12 digits' })
  @IsOptional()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(REGION_PREFIX, { each: true, message: 'must be region-code prefixes of 2, 4, 6, 9 or 12 digits' })
  regionCodePrefixes?: string[];
}

/** What registration and profile updates share; every list replaces the previous one. */
@InputType()
abstract class VolunteerProfileInput {
  @Field(() => [String], { nullable: true, description: 'Codes of the skills tree, e.g. MEDICAL.FIRST_AID' })
  @IsOptional()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(SKILL_CODE, { each: true, message: 'must be skill codes such as MEDICAL.FIRST_AID' })
  skillCodes?: string[];

  @Field(() => [String], { nullable: true, description: 'Preferred service categories: codes of the resources taxonomy' })
  @IsOptional()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(CATEGORY_CODE, { each: true, message: 'must be category codes (capital letters, digits, _ . -)' })
  categoryCodes?: string[];

  @Field(() => ServiceAreaInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  serviceArea?: ServiceAreaInput;

  @Field(() => [AvailabilityInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(21)
  @ValidateNested({ each: true })
  availability?: AvailabilityInput[];
}

@InputType()
export class RegisterVolunteerInput extends VolunteerProfileInput {
  @Field()
  @IsPlainText(2, 50)
  name!: string;

  @Field({ description: 'Mainland resident ID number (18 characters); gender and birth year are read from it' })
  @Matches(ID_NUMBER_PATTERN, { message: 'must be 18 characters: 17 digits and a digit or X' })
  idNumber!: string;

  @Field({ description: 'Mainland mobile number' })
  @Matches(MOBILE_PHONE, { message: 'must be a mainland mobile number' })
  phone!: string;

  @Field(() => ID, { description: 'The site the volunteer belongs to; its managers manage the volunteer' })
  @Matches(UUID_PATTERN, { message: 'must be a site id' })
  homeSiteId!: string;

  @Field(() => String, {
    nullable: true,
    description: "The person's account, when a manager registers someone who has one; self-registration uses the caller's own",
  })
  @IsOptional()
  @Matches(SUBJECT, { message: 'must be 1 to 64 letters, digits or . _ @ : | -' })
  accountSubject?: string | null;
}

@InputType()
export class UpdateVolunteerInput extends VolunteerProfileInput {
  @Field(() => ID)
  @Matches(UUID_PATTERN, { message: 'must be a volunteer id' })
  id!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsPlainText(2, 50)
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(MOBILE_PHONE, { message: 'must be a mainland mobile number' })
  phone?: string;

  @Field(() => ID, { nullable: true, description: 'Moves the volunteer to another site; a manager must manage both' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'must be a site id' })
  homeSiteId?: string;
}

@InputType()
export class ChangeVolunteerStatusInput {
  @Field(() => ID)
  @Matches(UUID_PATTERN, { message: 'must be a volunteer id' })
  id!: string;

  @Field(() => VolunteerStatus)
  @IsIn(Object.values(VolunteerStatus))
  status!: VolunteerStatus;

  @Field(() => String, { nullable: true, description: 'Required to suspend' })
  @IsOptional()
  @IsPlainText(2, 200)
  reason?: string | null;
}

@InputType()
export class VolunteerFilter {
  @Field(() => ID, { nullable: true, description: 'Volunteers whose home site is this site or lies below it' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'must be a site id' })
  siteId?: string;

  @Field(() => String, { nullable: true, description: "Region-code prefix of the home site's area: 2, 4, 6, 9 or 12 digits" })
  @IsOptional()
  @Matches(REGION_PREFIX, { message: 'must be 2, 4, 6, 9 or 12 digits' })
  regionCodePrefix?: string;

  @Field(() => [String], { nullable: true, description: 'Having any of these skills or a skill below one of them' })
  @IsOptional()
  @ArrayMaxSize(20)
  @Matches(SKILL_CODE, { each: true, message: 'must be skill codes such as MEDICAL.FIRST_AID' })
  skillCodes?: string[];

  @Field(() => [String], { nullable: true, description: 'Preferring any of these service categories' })
  @IsOptional()
  @ArrayMaxSize(20)
  @Matches(CATEGORY_CODE, { each: true, message: 'must be category codes' })
  categoryCodes?: string[];

  @Field(() => [Int], { nullable: true, description: 'At any of these star levels (0 for none)' })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(10, { each: true })
  starLevels?: number[];

  @Field(() => [VolunteerStatus], { nullable: true, description: 'Default ACTIVE' })
  @IsOptional()
  @IsIn(Object.values(VolunteerStatus), { each: true })
  statuses?: VolunteerStatus[];

  @Field(() => ID, { nullable: true, description: 'Members of this team' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'must be a team id' })
  teamId?: string;

  @Field(() => String, { nullable: true, description: 'Text contained in the name' })
  @IsOptional()
  @IsPlainText(1, 50)
  text?: string;
}
