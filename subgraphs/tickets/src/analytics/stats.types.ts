import { Field, Float, Int, ObjectType } from 'type-graphql';
import { CategoryReference } from '../category/category.reference';
import { SiteReference } from '../site/site.reference';
import { TicketChannel, TicketKind, TicketStatus } from '../ticket/ticket.enums';

@ObjectType({ description: 'What a group shares: only the dimensions grouped by are set' })
export class TicketGroupKey {
  @Field(() => String, { nullable: true, description: 'MONTH: YYYY-MM of submission, China time' })
  month?: string | null;

  @Field(() => String, { nullable: true, description: 'WEEK: the Monday (YYYY-MM-DD) of the ISO week of submission, China time' })
  week?: string | null;

  @Field(() => String, { nullable: true, description: 'DAY: YYYY-MM-DD of submission, China time' })
  day?: string | null;

  @Field(() => String, { nullable: true, description: 'REGION: the first 2, 4, 6, 9 or 12 digits (by regionLevel) of the serving site’s region code' })
  region?: string | null;

  @Field(() => SiteReference, { nullable: true, description: 'SITE: the serving site' })
  site?: SiteReference | null;

  @Field(() => CategoryReference, { nullable: true, description: 'CATEGORY: the ticket’s category; null also for the group of tickets without one' })
  category?: CategoryReference | null;

  @Field(() => TicketStatus, { nullable: true })
  status?: TicketStatus | null;

  @Field(() => TicketChannel, { nullable: true })
  channel?: TicketChannel | null;

  @Field(() => TicketKind, { nullable: true })
  kind?: TicketKind | null;
}

@ObjectType({ description: 'Durations in hours of the tickets of a group that have one' })
export class TicketDurationStats {
  @Field(() => Int, { description: 'Tickets measured: those that reached the end of the duration' })
  measured!: number;

  @Field(() => Float, { nullable: true, description: 'Mean hours of whole seconds, two decimals; null when none was measured' })
  average!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Median hours, estimated from the histogram of the durations (buckets at 0.1, 0.125, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8 h and the same ×10, ×100, ×1000): the ⌈n/2⌉-th shortest placed within its bucket; never further from it than the bucket is wide',
  })
  median!: number | null;

  @Field(() => Float, { nullable: true, description: '90th percentile hours: the ⌈0.9·n⌉-th shortest, estimated from the histogram as the median is' })
  p90!: number | null;
}

@ObjectType({ description: 'Figures of the tickets of one group; no personal data' })
export class TicketGroup {
  @Field(() => TicketGroupKey)
  key!: TicketGroupKey;

  @Field(() => Int, { description: 'Tickets submitted in the period' })
  count!: number;

  @Field(() => Int, { description: 'Still open now: SUBMITTED, PUBLISHED, DISPATCHED, ACCEPTED or IN_PROGRESS' })
  openCount!: number;

  @Field(() => Int, { description: 'Served: COMPLETED, RATED or CLOSED now' })
  completedCount!: number;

  @Field(() => Int)
  rejectedCount!: number;

  @Field(() => Int)
  cancelledCount!: number;

  @Field(() => Int)
  duplicateCount!: number;

  @Field(() => Int, { description: 'Open and past the deadline that runs in their status now (as `Ticket.overdue`)' })
  overdueCount!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'completedCount ÷ (count − rejected − cancelled − duplicates): the share served of the tickets that were to be served, open ones included; four decimals, null when there are none',
  })
  completionRate!: number | null;

  @Field(() => TicketDurationStats, { description: 'From submission to the first dispatch, or to the claim of a wish from the wish wall' })
  dispatchHours!: TicketDurationStats;

  @Field(() => TicketDurationStats, { description: 'From submission to completion' })
  completionHours!: TicketDurationStats;

  @Field(() => Int, { description: 'Tickets with a rating' })
  ratedCount!: number;

  @Field(() => Float, { nullable: true, description: 'Mean rating (1 to 5) of the rated ones, two decimals' })
  averageRating!: number | null;
}

@ObjectType({ description: 'Tickets counted and measured per group' })
export class TicketStats {
  @Field(() => [TicketGroup], {
    description: 'One per combination of keys that has tickets: ordered by the keys in the order of groupBy, or with `first` the largest groups first',
  })
  groups!: TicketGroup[];

  @Field({ description: 'With `first`: whether more groups were left out' })
  truncated!: boolean;

  @Field({ description: 'The moment the open and overdue counts hold for' })
  asOf!: Date;
}
