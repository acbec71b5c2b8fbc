import { REGION_PREFIX, UUID_PATTERN } from '@practice/common';
import { ArrayMaxSize, IsIn, IsOptional, Matches } from 'class-validator';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { ServiceRecordStatus, ServiceSourceType } from '../service-record/service-record.enums';
import { SKILL_CODE } from '../shared/patterns';

export enum ServiceHourDimension {
  MONTH = 'MONTH',
  WEEK = 'WEEK',
  DAY = 'DAY',
  REGION = 'REGION',
  SITE = 'SITE',
  SOURCE_TYPE = 'SOURCE_TYPE',
  STATUS = 'STATUS',
  STAR_LEVEL = 'STAR_LEVEL',
  TEAM = 'TEAM',
}

registerEnumType(ServiceHourDimension, {
  name: 'ServiceHourDimension',
  description: 'A key of serviceHourStats groups',
  valuesConfig: {
    MONTH: { description: 'Month of the day of service (YYYY-MM)' },
    WEEK: { description: 'ISO week of the day of service, named by its Monday (YYYY-MM-DD)' },
    DAY: { description: 'Day of service (YYYY-MM-DD)' },
    REGION: { description: 'Region code of the site where the service took place (copied on the record) cut to regionLevel' },
    SITE: { description: 'The site where the service took place' },
    SOURCE_TYPE: { description: 'Where the record comes from: TICKET, ACTIVITY, IMPORT or MANUAL' },
    STATUS: { description: 'The status of the record' },
    STAR_LEVEL: { description: "The volunteer's star level now (not when they served)" },
    TEAM: {
      description:
        'Each team the volunteer is a member of now (dissolved ones too): the hours of a volunteer in two teams count in both; those of volunteers in none form a group without a team',
    },
  },
});

@InputType({ description: 'Which service records serviceHourStats measures: those served in the period, narrowed by the other fields (all of them together)' })
export class ServiceHourStatsFilter {
  @Field({ description: 'First day of service, YYYY-MM-DD' })
  from!: string;

  @Field({ description: 'Last day of service, YYYY-MM-DD, included; at most VOLUNTEER_STATS_MAX_DAYS after from' })
  to!: string;

  @Field(() => [ServiceRecordStatus], { nullable: true, description: 'Default VERIFIED: the hours that count' })
  @IsOptional()
  @IsIn(Object.values(ServiceRecordStatus), { each: true })
  statuses?: ServiceRecordStatus[] | null;

  @Field(() => [ServiceSourceType], { nullable: true })
  @IsOptional()
  @IsIn(Object.values(ServiceSourceType), { each: true })
  sourceTypes?: ServiceSourceType[] | null;

  @Field(() => String, { nullable: true, description: 'Served in this area: a region-code prefix of 2, 4, 6, 9 or 12 digits of the site where it took place' })
  @IsOptional()
  @Matches(REGION_PREFIX, { message: 'must be a region-code prefix of 2, 4, 6, 9 or 12 digits' })
  regionCodePrefix?: string | null;

  @Field(() => ID, { nullable: true, description: 'Served at this site or a site below it' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'must be a site id' })
  siteId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Served by members of this team (members now)' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'must be a team id' })
  teamId?: string | null;

  @Field(() => [String], { nullable: true, description: 'Served by volunteers having any of these skills or a skill below one of them' })
  @IsOptional()
  @ArrayMaxSize(20)
  @Matches(SKILL_CODE, { each: true, message: 'must be skill codes such as MEDICAL.FIRST_AID' })
  skillCodes?: string[] | null;
}
