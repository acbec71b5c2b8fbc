import { REGION_PREFIX, UUID_PATTERN } from '@practice/common';
import { ArrayMaxSize, IsOptional, Matches } from 'class-validator';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { TicketChannel, TicketKind, TicketStatus } from '../ticket/ticket.enums';
import { CATEGORY_CODE } from '../ticket/ticket.inputs';

export enum TicketDimension {
  MONTH = 'MONTH',
  WEEK = 'WEEK',
  DAY = 'DAY',
  REGION = 'REGION',
  SITE = 'SITE',
  CATEGORY = 'CATEGORY',
  STATUS = 'STATUS',
  CHANNEL = 'CHANNEL',
  KIND = 'KIND',
}

registerEnumType(TicketDimension, {
  name: 'TicketDimension',
  description: 'A key of ticketStats groups: MONTH, WEEK (its Monday) or DAY of submission in China time, REGION, SITE, CATEGORY, STATUS, CHANNEL, KIND',
  valuesConfig: {
    MONTH: { description: 'Month of submission, China time (YYYY-MM)' },
    WEEK: { description: 'ISO week of submission, China time, named by its Monday (YYYY-MM-DD)' },
    DAY: { description: 'Day of submission, China time (YYYY-MM-DD)' },
    REGION: { description: 'Region code of the serving site (copied at submission) cut to regionLevel' },
    SITE: { description: 'The serving site' },
    CATEGORY: { description: 'The ticket’s category code as given (tickets without one form a group of their own)' },
    STATUS: { description: 'The status now' },
  },
});

@InputType({ description: 'Which tickets ticketStats counts: those submitted in the period, narrowed by the other fields (all of them together)' })
export class TicketStatsFilter {
  @Field({ description: 'First day of submission, YYYY-MM-DD in China time' })
  from!: string;

  @Field({ description: 'Last day of submission, YYYY-MM-DD in China time, included' })
  to!: string;

  @Field(() => String, { nullable: true, description: 'Served in this area: a region-code prefix of 2, 4, 6, 9 or 12 digits' })
  @IsOptional()
  @Matches(REGION_PREFIX, { message: 'must be a region-code prefix of 2, 4, 6, 9 or 12 digits' })
  regionCodePrefix?: string | null;

  @Field(() => ID, { nullable: true, description: 'Served by this site or a site below it' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'must be a site id' })
  siteId?: string | null;

  @Field(() => [String], { nullable: true, description: 'In any of these categories or a category below one of them' })
  @IsOptional()
  @ArrayMaxSize(20)
  @Matches(CATEGORY_CODE, { each: true, message: 'must be category codes such as SERVICE.HEALTH' })
  categoryCodes?: string[] | null;

  @Field(() => [TicketStatus], { nullable: true, description: 'In one of these statuses now' })
  @IsOptional()
  statuses?: TicketStatus[] | null;

  @Field(() => [TicketChannel], { nullable: true })
  @IsOptional()
  channels?: TicketChannel[] | null;

  @Field(() => [TicketKind], { nullable: true })
  @IsOptional()
  kinds?: TicketKind[] | null;
}
