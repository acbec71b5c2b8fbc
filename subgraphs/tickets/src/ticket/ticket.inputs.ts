import { HasDecimalPlaces, IsParagraphText, IsPlainText, REGION_PREFIX, UUID_PATTERN } from '@practice/common';
import { ArrayMaxSize, ArrayUnique, IsInt, IsNumber, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { TicketChannel, TicketKind, TicketStatus } from './ticket.enums';

export const CATEGORY_CODE = /^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)*$/;
const MOBILE_OR_LANDLINE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,64}$/;

@InputType({ description: 'Where the service is to happen' })
export class TicketLocationInput {
  @Field(() => Float)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  latitude!: number;

  @Field(() => Float)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  longitude!: number;
}

@InputType({ description: 'A person who called the hotline or met a grid worker: taken down by staff' })
export class RequesterInput {
  @Field()
  @IsPlainText(1, 50)
  name!: string;

  @Field({ description: 'A mobile (13812345678) or landline (0512-52731234)' })
  @Matches(MOBILE_OR_LANDLINE, { message: 'must be a mobile or landline number' })
  phone!: string;
}

@InputType({ description: 'An answer to a field of the ordered resource’s order form' })
export class FormAnswerInput {
  @Field()
  @Matches(/^[a-z][a-z0-9_]{0,31}$/, { message: 'must be a form field key' })
  key!: string;

  @Field(() => String, { nullable: true, description: 'TEXT, NUMBER, DATE (YYYY-MM-DD) and SINGLE_CHOICE fields' })
  @IsOptional()
  @IsParagraphText(0, 2000)
  value?: string | null;

  @Field(() => [String], { nullable: true, description: 'MULTIPLE_CHOICE fields' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsPlainText(1, 50, { each: true })
  values?: string[] | null;
}

@InputType()
export class SubmitTicketInput {
  @Field({ description: 'Chosen by the client, 8 to 64 of A-Z a-z 0-9 . _ : -: a retry with the same key returns the first ticket' })
  @Matches(IDEMPOTENCY_KEY, { message: 'must be 8 to 64 of A-Z a-z 0-9 . _ : -' })
  idempotencyKey!: string;

  @Field(() => TicketKind)
  kind!: TicketKind;

  @Field(() => TicketChannel)
  channel!: TicketChannel;

  @Field(() => ID, { description: 'The site that serves it: the citizen’s station or community, usually' })
  @Matches(UUID_PATTERN, { message: 'must be a site id' })
  servingSiteId!: string;

  @Field(() => ID, { nullable: true, description: 'ORDER tickets: the published resource ordered' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'must be a resource id' })
  resourceId?: string | null;

  @Field(() => [FormAnswerInput], { nullable: true, description: 'ORDER tickets: the answers to the resource’s order form' })
  @IsOptional()
  @ArrayMaxSize(30)
  @ValidateNested()
  formAnswers?: FormAnswerInput[] | null;

  @Field(() => String, { nullable: true, description: 'A category code of the service taxonomy; for orders the resource’s first category by default' })
  @IsOptional()
  @Matches(CATEGORY_CODE, { message: 'must be a category code such as SERVICE.HEALTH' })
  categoryCode?: string | null;

  @Field(() => [String], { nullable: true, description: 'Skill codes the service needs, e.g. ELECTRICAL' })
  @IsOptional()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @Matches(CATEGORY_CODE, { each: true, message: 'must be skill codes such as MEDICAL.FIRST_AID' })
  neededSkillCodes?: string[] | null;

  @Field()
  @IsPlainText(2, 100)
  title!: string;

  @Field({ description: 'Up to 2000 characters; line breaks allowed' })
  @IsParagraphText(1, 2000)
  description!: string;

  @Field(() => TicketLocationInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  location?: TicketLocationInput | null;

  @Field(() => String, { nullable: true, description: 'Where exactly (personal data: shown only to those entitled)' })
  @IsOptional()
  @IsPlainText(2, 200)
  address?: string | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  desiredFrom?: Date | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  desiredTo?: Date | null;

  @Field(() => RequesterInput, { nullable: true, description: 'Required for HOTLINE_12345, GRID_WORKER and WALK_IN tickets entered by staff' })
  @IsOptional()
  @ValidateNested()
  requester?: RequesterInput | null;
}

@InputType()
export class DispatchTicketInput {
  @Field(() => ID)
  @Matches(UUID_PATTERN, { message: 'must be a ticket id' })
  id!: string;

  @Field(() => ID, { nullable: true, description: 'A volunteer; or give teamId' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'must be a volunteer id' })
  volunteerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A team, whose members may accept it' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'must be a team id' })
  teamId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsPlainText(1, 500)
  note?: string | null;
}

@InputType({ description: 'A transition that needs a reason or takes a note' })
export class TicketNoteInput {
  @Field(() => ID)
  @Matches(UUID_PATTERN, { message: 'must be a ticket id' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'The reason (required to decline or reject)' })
  @IsOptional()
  @IsPlainText(2, 500)
  note?: string | null;
}

@InputType({ description: 'A volunteer who served, with the hours of actual service (travel excluded)' })
export class ParticipantInput {
  @Field(() => ID)
  @Matches(UUID_PATTERN, { message: 'must be a volunteer id' })
  volunteerId!: string;

  @Field(() => Float, { description: 'Above 0 and at most 24, two decimals at most' })
  @HasDecimalPlaces(2)
  @Min(0.01)
  @Max(24)
  hours!: number;
}

@InputType()
export class CompleteTicketInput {
  @Field(() => ID)
  @Matches(UUID_PATTERN, { message: 'must be a ticket id' })
  id!: string;

  @Field(() => Float, { nullable: true, description: 'Hours the taker served; or name every participant' })
  @IsOptional()
  @HasDecimalPlaces(2)
  @Min(0.01)
  @Max(24)
  hours?: number | null;

  @Field(() => [ParticipantInput], { nullable: true, description: 'For a team: each member who served, with their hours' })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested()
  participants?: ParticipantInput[] | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, the day of service; today (China time) by default' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  servedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'What was done, for the service records' })
  @IsOptional()
  @IsPlainText(2, 500)
  note?: string | null;
}

@InputType()
export class RateTicketInput {
  @Field(() => ID)
  @Matches(UUID_PATTERN, { message: 'must be a ticket id' })
  id!: string;

  @Field(() => Int, { description: '1 to 5' })
  @IsInt()
  @Min(1)
  @Max(5)
  rating!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsParagraphText(1, 500)
  comment?: string | null;
}

@InputType()
export class FollowUpTicketInput {
  @Field(() => ID)
  @Matches(UUID_PATTERN, { message: 'must be a ticket id' })
  id!: string;

  @Field()
  @IsParagraphText(2, 1000)
  note!: string;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  satisfied?: boolean | null;
}

@InputType()
export class MarkDuplicateInput {
  @Field(() => ID)
  @Matches(UUID_PATTERN, { message: 'must be a ticket id' })
  id!: string;

  @Field(() => ID, { description: 'The ticket it repeats' })
  @Matches(UUID_PATTERN, { message: 'must be a ticket id' })
  duplicateOfId!: string;
}

@InputType()
export class TicketFilter {
  @Field(() => [TicketStatus], { nullable: true })
  @IsOptional()
  statuses?: TicketStatus[];

  @Field(() => [TicketKind], { nullable: true })
  @IsOptional()
  kinds?: TicketKind[];

  @Field(() => [TicketChannel], { nullable: true })
  @IsOptional()
  channels?: TicketChannel[];

  @Field(() => [String], { nullable: true, description: 'In any of these categories or a category below one of them' })
  @IsOptional()
  @ArrayMaxSize(20)
  @Matches(CATEGORY_CODE, { each: true, message: 'must be category codes' })
  categoryCodes?: string[];

  @Field(() => ID, { nullable: true, description: 'Served by this site or a site below it' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'must be a site id' })
  siteId?: string;

  @Field(() => String, { nullable: true, description: 'Served in this area: a region-code prefix of 2, 4, 6, 9 or 12 digits' })
  @IsOptional()
  @Matches(REGION_PREFIX, { message: 'must be a region-code prefix of 2, 4, 6, 9 or 12 digits' })
  regionCodePrefix?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'must be a volunteer id' })
  assignedVolunteerId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'must be a team id' })
  assignedTeamId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'must be a resource id' })
  resourceId?: string;

  @Field(() => String, { nullable: true, description: 'The requester’s account (token subject)' })
  @IsOptional()
  @IsPlainText(1, 64)
  requesterSubject?: string;

  @Field(() => Boolean, { nullable: true, description: 'Past a deadline (true) or not (false)' })
  @IsOptional()
  overdue?: boolean;

  @Field(() => Date, { nullable: true, description: 'Submitted at or after' })
  @IsOptional()
  submittedFrom?: Date;

  @Field(() => Date, { nullable: true, description: 'Submitted before' })
  @IsOptional()
  submittedTo?: Date;
}
