import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TicketAction, TicketStatus } from './ticket.enums';

/** One change of a ticket: written in the transaction of the change, never changed afterwards. */
@Entity('ticket_event')
@Index('uq_ticket_event_sequence', ['ticketId', 'sequence'], { unique: true })
@ObjectType({ description: 'A change of a ticket: who did what, when, from which status to which' })
export class TicketEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'ticket_id', type: 'varchar', length: 36 })
  ticketId!: string;

  /** The ticket's version after the change: the order of the history, whatever the clocks. */
  @Column({ type: 'int' })
  @Field(() => Int, { description: '1 for the submission, then one more for each change' })
  sequence!: number;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => TicketAction)
  action!: TicketAction;

  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true })
  @Field(() => TicketStatus, { nullable: true, description: 'Null for the submission' })
  fromStatus!: TicketStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  @Field(() => TicketStatus)
  toStatus!: TicketStatus;

  /** The caller's subject. */
  @Column({ type: 'varchar', length: 64 })
  @Field(() => String, { nullable: true, description: 'The account (token subject) that made the change; null when not yours to know' })
  actor!: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 20 })
  @Field()
  actorRole!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: 'A reason, a note, the assignee' })
  note!: string | null;

  @Column({ type: 'datetime', precision: 6 })
  @Field()
  at!: Date;
}

/** A follow-up contact after completion (回访). */
@Entity('ticket_follow_up')
@Index('ix_ticket_follow_up_ticket', ['ticketId', 'id'])
@ObjectType({ description: 'A follow-up contact with the requester after completion (回访)' })
export class FollowUp {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'ticket_id', type: 'varchar', length: 36 })
  ticketId!: string;

  @Column({ type: 'varchar', length: 1000 })
  @Field()
  note!: string;

  @Column({ type: 'boolean', nullable: true })
  @Field(() => Boolean, { nullable: true, description: 'Whether the requester was satisfied, when asked' })
  satisfied!: boolean | null;

  @Column({ name: 'followed_up_by', type: 'varchar', length: 64 })
  @Field()
  followedUpBy!: string;

  @Column({ name: 'followed_up_at', type: 'datetime', precision: 6 })
  @Field()
  followedUpAt!: Date;
}

/**
 * One row per site on the serving site's path (itself and every site above it), with the ticket's
 * status: `Site.tickets`, open counts and managers' visibility are index ranges on (site, status).
 */
@Entity('ticket_scope')
@Index('ix_ticket_scope_status', ['siteId', 'status', 'ticketId'])
export class TicketScope {
  @PrimaryColumn({ name: 'site_id', type: 'varchar', length: 36 })
  siteId!: string;

  @PrimaryColumn({ name: 'ticket_id', type: 'varchar', length: 36 })
  ticketId!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: TicketStatus;
}

/** The numbers of a county's tickets of a day, for their codes. */
@Entity('ticket_counter')
export class TicketCounter {
  /** `<county>-<yyyymmdd>` */
  @PrimaryColumn({ type: 'varchar', length: 16 })
  scope!: string;

  @Column({ name: 'last_number', type: 'int' })
  lastNumber!: number;
}
