import { Field, Float, Int, ObjectType } from 'type-graphql';
import { GroupedAnswer } from './grouped-answer.types';
import { SiteReference } from '../site/site.reference';
import { Gender, VolunteerStatus } from '../volunteer/volunteer.enums';
import { AgeBand } from './volunteer-stats.inputs';

@ObjectType({ description: 'What the volunteers of a group share: only the dimensions grouped by are set' })
export class VolunteerGroupKey {
  @Field(() => String, { nullable: true, description: "REGION: the first 2, 4, 6, 9 or 12 digits (by regionLevel) of the home site's region code" })
  region?: string | null;

  @Field(() => SiteReference, { nullable: true, description: 'SITE: the home site' })
  site?: SiteReference | null;

  @Field(() => VolunteerStatus, { nullable: true })
  status?: VolunteerStatus | null;

  @Field(() => Int, { nullable: true, description: 'STAR_LEVEL: 0 to the number of configured levels' })
  starLevel?: number | null;

  /** TEAM: the team's id, null for those in no team; `team` is resolved from it. */
  teamId?: string | null;

  @Field(() => Gender, { nullable: true })
  gender?: Gender | null;

  @Field(() => AgeBand, { nullable: true })
  ageBand?: AgeBand | null;

  @Field(() => String, { nullable: true, description: 'MONTH: YYYY-MM of registration' })
  month?: string | null;
}

@ObjectType({ description: 'Figures of the volunteers of one group; no personal data' })
export class VolunteerGroup {
  @Field(() => VolunteerGroupKey)
  key!: VolunteerGroupKey;

  @Field(() => Int, { description: 'Volunteers registered (in the statuses of the filter; every status by default)' })
  registeredCount!: number;

  @Field(() => Int, { description: 'Of them, ACTIVE now' })
  activeCount!: number;

  @Field(() => Float, { description: 'Their verified hours in all, as kept on each volunteer' })
  verifiedHours!: number;

  @Field(() => Float, { description: 'verifiedHours ÷ registeredCount, two decimals' })
  averageVerifiedHours!: number;

  @Field(() => Int, { description: 'Of them, at star level 1 or above' })
  starredCount!: number;
}

@ObjectType({ description: 'Volunteers counted and measured per group' })
export class VolunteerStats extends GroupedAnswer {
  @Field(() => [VolunteerGroup], {
    description:
      'One per combination of keys that has volunteers (at least minimumGroupSize): ordered by the keys in the order of groupBy, or with `first` the largest groups (most registered) first',
  })
  groups!: VolunteerGroup[];
}
