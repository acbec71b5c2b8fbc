import { REGION_PREFIX, UUID_PATTERN } from '@practice/common';
import { ArrayMaxSize, IsIn, IsOptional, Matches } from 'class-validator';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { CATEGORY_CODE, SKILL_CODE } from '../shared/patterns';
import { VolunteerStatus } from '../volunteer/volunteer.enums';

export enum VolunteerDimension {
  REGION = 'REGION',
  SITE = 'SITE',
  STATUS = 'STATUS',
  STAR_LEVEL = 'STAR_LEVEL',
  TEAM = 'TEAM',
  GENDER = 'GENDER',
  AGE_BAND = 'AGE_BAND',
  MONTH = 'MONTH',
}

registerEnumType(VolunteerDimension, {
  name: 'VolunteerDimension',
  description: 'A key of volunteerStats groups',
  valuesConfig: {
    REGION: { description: "The home site's region code (copied at registration) cut to regionLevel" },
    SITE: { description: 'The home site' },
    STATUS: { description: 'The status now' },
    STAR_LEVEL: { description: 'The star level now, from the verified hours and STAR_THRESHOLDS' },
    TEAM: {
      description:
        'Each team the volunteer is a member of (dissolved ones too): a volunteer in two teams counts in both; those in none form a group without a team',
    },
    GENDER: { description: 'From the ID number' },
    AGE_BAND: { description: 'Age this year (the current year in China less the birth year from the ID number)' },
    MONTH: { description: 'Month of registration (YYYY-MM)' },
  },
});

/** Bands of age: the working young, the middle years, those near retirement and the retired. */
export enum AgeBand {
  UNDER_30 = 'UNDER_30',
  FROM_30_TO_44 = 'FROM_30_TO_44',
  FROM_45_TO_59 = 'FROM_45_TO_59',
  FROM_60 = 'FROM_60',
}

registerEnumType(AgeBand, { name: 'AgeBand', description: 'Age this year: under 30, 30–44, 45–59, 60 and over' });

@InputType({ description: 'Which volunteers volunteerStats counts: all of the conditions given together' })
export class VolunteerStatsFilter {
  @Field(() => String, { nullable: true, description: 'Registered on or after this day, YYYY-MM-DD' })
  @IsOptional()
  registeredFrom?: string | null;

  @Field(() => String, { nullable: true, description: 'Registered on or before this day, YYYY-MM-DD' })
  @IsOptional()
  registeredTo?: string | null;

  @Field(() => String, { nullable: true, description: "The home site's area: a region-code prefix of 2, 4, 6, 9 or 12 digits" })
  @IsOptional()
  @Matches(REGION_PREFIX, { message: 'must be a region-code prefix of 2, 4, 6, 9 or 12 digits' })
  regionCodePrefix?: string | null;

  @Field(() => ID, { nullable: true, description: 'Whose home site is this site or lies below it' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'must be a site id' })
  siteId?: string | null;

  @Field(() => [VolunteerStatus], { nullable: true, description: 'In one of these statuses now; default every status' })
  @IsOptional()
  @IsIn(Object.values(VolunteerStatus), { each: true })
  statuses?: VolunteerStatus[] | null;

  @Field(() => [String], { nullable: true, description: 'Having any of these skills or a skill below one of them' })
  @IsOptional()
  @ArrayMaxSize(20)
  @Matches(SKILL_CODE, { each: true, message: 'must be skill codes such as MEDICAL.FIRST_AID' })
  skillCodes?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Preferring any of these service categories or a category below one (SERVICE.HEALTH takes SERVICE.HEALTH.CHECKUP)',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @Matches(CATEGORY_CODE, { each: true, message: 'must be category codes such as SERVICE.HEALTH' })
  categoryCodes?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'Members of this team' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'must be a team id' })
  teamId?: string | null;
}
