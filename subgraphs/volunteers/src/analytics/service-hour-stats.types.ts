import { Field, Float, Int, ObjectType } from 'type-graphql';
import { GroupedAnswer } from './grouped-answer.types';
import { ServiceRecordStatus, ServiceSourceType } from '../service-record/service-record.enums';
import { SiteReference } from '../site/site.reference';

@ObjectType({ description: 'What the service records of a group share: only the dimensions grouped by are set' })
export class ServiceHourGroupKey {
  @Field(() => String, { nullable: true, description: 'MONTH: YYYY-MM of the day of service' })
  month?: string | null;

  @Field(() => String, { nullable: true, description: 'WEEK: the Monday (YYYY-MM-DD) of the ISO week of service' })
  week?: string | null;

  @Field(() => String, { nullable: true, description: 'DAY: YYYY-MM-DD of service' })
  day?: string | null;

  @Field(() => String, { nullable: true, description: 'REGION: the first 2, 4, 6, 9 or 12 digits (by regionLevel) of the region code of the place of service' })
  region?: string | null;

  @Field(() => SiteReference, { nullable: true, description: 'SITE: where the service took place' })
  site?: SiteReference | null;

  @Field(() => ServiceSourceType, { nullable: true })
  sourceType?: ServiceSourceType | null;

  @Field(() => ServiceRecordStatus, { nullable: true })
  status?: ServiceRecordStatus | null;

  @Field(() => Int, { nullable: true, description: "STAR_LEVEL: the volunteers' star level now" })
  starLevel?: number | null;

  /** TEAM: the team's id, null for volunteers in no team; `team` is resolved from it. */
  teamId?: string | null;
}

@ObjectType({ description: 'Figures of the service records of one group; no personal data' })
export class ServiceHourGroup {
  @Field(() => ServiceHourGroupKey)
  key!: ServiceHourGroupKey;

  @Field(() => Float, { description: 'Hours served, summed exactly' })
  hours!: number;

  @Field(() => Int, { description: 'Service records' })
  recordCount!: number;

  @Field(() => Int, { description: 'Distinct volunteers who served' })
  volunteerCount!: number;

  @Field(() => Float, { description: 'hours ÷ recordCount, two decimals' })
  averageHoursPerRecord!: number;

  @Field(() => Float, { description: 'hours ÷ volunteerCount, two decimals' })
  averageHoursPerVolunteer!: number;
}

@ObjectType({ description: 'Service hours measured per group' })
export class ServiceHourStats extends GroupedAnswer {
  @Field(() => [ServiceHourGroup], {
    description:
      'One per combination of keys that has records (of at least minimumGroupSize volunteers): ordered by the keys in the order of groupBy, or with `first` the largest groups (most hours) first',
  })
  groups!: ServiceHourGroup[];
}
