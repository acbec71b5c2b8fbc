import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { TicketChannel, TicketKind, TicketStatus } from './ticket.enums';

/** An answer to a field of the ordered resource's order form, as stored. */
export interface FormAnswer {
  key: string;
  /** TEXT, NUMBER, DATE and SINGLE_CHOICE answers. */
  value?: string;
  /** MULTIPLE_CHOICE answers. */
  values?: string[];
}

/** A volunteer who served a completed ticket, with the hours served (in hundredths). */
export interface Participant {
  volunteerId: string;
  hoursHundredths: number;
}

/**
 * A demand ticket: an order of a menu resource, a wish or another request, from submission to
 * closing. The serving site's path and region code are copies taken at submission: they decide who
 * manages the ticket and serve the region filters without asking the sites subgraph.
 */
@Entity('ticket')
@Index('uq_ticket_code', ['code'], { unique: true })
@Index('uq_ticket_idempotency', ['submittedBy', 'idempotencyKey'], { unique: true })
@Index('ix_ticket_status_dispatch_due', ['status', 'dispatchDueAt'])
@Index('ix_ticket_status_completion_due', ['status', 'completionDueAt'])
// ticketStats reads a region's period from this index alone (migration 1735000000001).
@Index('ix_ticket_stats', [
  'servingSiteRegionCode',
  'submittedAt',
  'status',
  'channel',
  'kind',
  'categoryCode',
  'servingSiteId',
  'firstDispatchedAt',
  'completedAt',
  'rating',
  'dispatchDueAt',
  'completionDueAt',
  'resourcePublisherId',
])
@Index('ix_ticket_submitted', ['submittedAt'])
@Index('ix_ticket_volunteer', ['assignedVolunteerId', 'status'])
@Index('ix_ticket_team', ['assignedTeamId', 'status'])
@Index('ix_ticket_requester', ['requesterSubject'])
@Index('ix_ticket_resource', ['resourceId', 'submittedAt'])
@Index('ix_ticket_category', ['categoryCode'])
@ObjectType({ description: 'A demand ticket: an order (点单), a wish (微心愿) or a request, with its whole history' })
@Directive('@key(fields: "id")')
export class Ticket {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  /** `<county>-<yyyymmdd>-<n>`: what a hotline operator reads out. */
  @Column({ type: 'varchar', length: 24 })
  @Field({ description: 'Human-readable code, e.g. 320581-20261201-0042: county, day of submission, number of the day' })
  code!: string;

  @Column({ type: 'varchar', length: 12 })
  @Field(() => TicketKind)
  kind!: TicketKind;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => TicketChannel)
  channel!: TicketChannel;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => TicketStatus)
  status!: TicketStatus;

  @Column({ type: 'varchar', length: 100 })
  @Field()
  title!: string;

  @Column({ type: 'varchar', length: 2000 })
  @Field()
  description!: string;

  /** A code of the resources taxonomy; for orders, the resource's first category unless given. */
  @Column({ name: 'category_code', type: 'varchar', length: 40, nullable: true })
  @Field(() => String, { nullable: true, description: 'Code of the service taxonomy (resources subgraph), e.g. SERVICE.HEALTH.CHECKUP' })
  categoryCode!: string | null;

  @Column({ name: 'needed_skill_codes', type: 'simple-json' })
  @Field(() => [String], { description: 'Skills of the volunteers taxonomy the service needs, e.g. ELECTRICAL' })
  neededSkillCodes!: string[];

  @Column({ name: 'serving_site_id', type: 'varchar', length: 36 })
  @Field(() => ID, { description: 'The site that serves the ticket (also as servingSite)' })
  servingSiteId!: string;

  /** Copy of the serving site's path at submission. */
  @Column({ name: 'serving_site_path', type: 'varchar', length: 400 })
  servingSitePath!: string;

  @Column({ name: 'serving_region_code', type: 'varchar', length: 12 })
  @Field({ description: 'Region code of the serving site, copied at submission' })
  servingSiteRegionCode!: string;

  @Column({ name: 'resource_id', type: 'varchar', length: 36, nullable: true })
  @Field(() => ID, { nullable: true, description: 'The resource ordered (ORDER tickets; also as resource)' })
  resourceId!: string | null;

  /** Copy of the ordered resource's publisher: its agency reads the orders. */
  @Column({ name: 'resource_publisher_id', type: 'varchar', length: 36, nullable: true })
  resourcePublisherId!: string | null;

  @Column({ name: 'form_answers', type: 'simple-json' })
  formAnswers!: FormAnswer[];

  /** The citizen's account when they submitted themselves; null for hotline and grid intake. */
  @Column({ name: 'requester_subject', type: 'varchar', length: 64, nullable: true })
  requesterSubject!: string | null;

  @Column({ name: 'requester_name', type: 'varchar', length: 50, nullable: true })
  requesterName!: string | null;

  @Column({ name: 'requester_phone', type: 'varchar', length: 20, nullable: true })
  requesterPhone!: string | null;

  /** Who entered the ticket: the citizen, or the hotline operator or grid worker. */
  @Column({ name: 'submitted_by', type: 'varchar', length: 64 })
  submittedBy!: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 64 })
  idempotencyKey!: string;

  /** A hash of the submission: a retry with the same key and another content is refused. */
  @Column({ name: 'submission_hash', type: 'varchar', length: 64 })
  submissionHash!: string;

  @Column({ type: 'double', nullable: true })
  latitude!: number | null;

  @Column({ type: 'double', nullable: true })
  longitude!: number | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  address!: string | null;

  @Column({ name: 'desired_from', type: 'datetime', precision: 6, nullable: true })
  @Field(() => Date, { nullable: true, description: 'Start of the time window the requester wants' })
  desiredFrom!: Date | null;

  @Column({ name: 'desired_to', type: 'datetime', precision: 6, nullable: true })
  @Field(() => Date, { nullable: true })
  desiredTo!: Date | null;

  @Column({ name: 'assigned_volunteer_id', type: 'varchar', length: 36, nullable: true })
  assignedVolunteerId!: string | null;

  @Column({ name: 'assigned_team_id', type: 'varchar', length: 36, nullable: true })
  assignedTeamId!: string | null;

  @Column({ name: 'dispatch_due_at', type: 'datetime', precision: 6 })
  @Field({ description: 'When it must be dispatched (or claimed) by, per the SLA of its channel and kind' })
  dispatchDueAt!: Date;

  @Column({ name: 'completion_due_at', type: 'datetime', precision: 6 })
  @Field({ description: 'When it must be completed by' })
  completionDueAt!: Date;

  @Column({ type: 'int', nullable: true })
  @Field(() => Int, { nullable: true, description: 'The requester’s rating, 1 to 5' })
  rating!: number | null;

  @Column({ name: 'rating_comment', type: 'varchar', length: 500, nullable: true })
  @Field(() => String, { nullable: true })
  ratingComment!: string | null;

  @Column({ name: 'participants', type: 'simple-json' })
  participants!: Participant[];

  @Column({ name: 'duplicate_of_id', type: 'varchar', length: 36, nullable: true })
  duplicateOfId!: string | null;

  @Column({ name: 'submitted_at', type: 'datetime', precision: 6 })
  @Field()
  submittedAt!: Date;

  @Column({ name: 'published_at', type: 'datetime', precision: 6, nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the wish went on the wish wall' })
  publishedAt!: Date | null;

  @Column({ name: 'dispatched_at', type: 'datetime', precision: 6, nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was last dispatched' })
  dispatchedAt!: Date | null;

  /**
   * The first dispatch or claim, kept through declines and redispatches (which move `dispatchedAt`):
   * how long the citizen waited for a first answer, the dispatch time of ticketStats.
   */
  @Column({ name: 'first_dispatched_at', type: 'datetime', precision: 6, nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was first dispatched, or claimed from the wish wall; kept when declined or redispatched' })
  firstDispatchedAt!: Date | null;

  @Column({ name: 'accepted_at', type: 'datetime', precision: 6, nullable: true })
  @Field(() => Date, { nullable: true })
  acceptedAt!: Date | null;

  @Column({ name: 'started_at', type: 'datetime', precision: 6, nullable: true })
  @Field(() => Date, { nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'completed_at', type: 'datetime', precision: 6, nullable: true })
  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'rated_at', type: 'datetime', precision: 6, nullable: true })
  @Field(() => Date, { nullable: true })
  ratedAt!: Date | null;

  @Column({ name: 'closed_at', type: 'datetime', precision: 6, nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was closed, rejected, cancelled or marked a duplicate' })
  closedAt!: Date | null;

  /** Incremented by every transition. */
  @Column({ type: 'int', default: 1 })
  @Field(() => Int, { description: 'Incremented by every change' })
  version!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 6 })
  @Field()
  updatedAt!: Date;
}
