import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Volunteer } from '../volunteer/volunteer.entity';

/**
 * One volunteer's part in one ticket, as far as the tickets subgraph's events have told it. The
 * latest time of each kind of event is kept rather than a status, so that the state is the same
 * whatever order the events arrive in: a late acceptance older than the release that followed it
 * does not reopen the assignment, a completion closes it once, and a completion that arrives
 * without its acceptance never takes the open count below zero.
 */
@Entity('volunteer_assignment')
export class VolunteerAssignment {
  @PrimaryColumn({ name: 'volunteer_id', type: 'varchar', length: 36 })
  volunteerId!: string;

  /** The ticket's code in the tickets subgraph, as its events name it. */
  @PrimaryColumn({ name: 'ticket_id', type: 'varchar', length: 64 })
  ticketId!: string;

  @ManyToOne(() => Volunteer, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'volunteer_id', foreignKeyConstraintName: 'fk_assignment_volunteer' })
  volunteer?: Volunteer;

  @Column({ name: 'accepted_at', type: 'datetime', precision: 6, nullable: true })
  acceptedAt!: Date | null;

  @Column({ name: 'released_at', type: 'datetime', precision: 6, nullable: true })
  releasedAt!: Date | null;

  @Column({ name: 'declined_at', type: 'datetime', precision: 6, nullable: true })
  declinedAt!: Date | null;

  @Column({ name: 'completed_at', type: 'datetime', precision: 6, nullable: true })
  completedAt!: Date | null;

  /** The requester's latest rating of the ticket, 1 to 5. */
  @Column({ type: 'smallint', nullable: true })
  rating!: number | null;

  @Column({ name: 'rated_at', type: 'datetime', precision: 6, nullable: true })
  ratedAt!: Date | null;
}

/** Accepted after any release, and not completed: it weighs on the volunteer's workload. */
export function isOpen(assignment: Pick<VolunteerAssignment, 'acceptedAt' | 'releasedAt' | 'completedAt'>): boolean {
  const { acceptedAt, releasedAt, completedAt } = assignment;
  return acceptedAt !== null && completedAt === null && (releasedAt === null || releasedAt.getTime() < acceptedAt.getTime());
}
