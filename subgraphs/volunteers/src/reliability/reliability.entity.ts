import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Volunteer } from '../volunteer/volunteer.entity';
import { averageRatingOf, completionRateOf, reliabilityScore } from './reliability.rules';

/**
 * What the tickets subgraph's events tell about a volunteer as a taker of tickets, kept as counters
 * so that matching reads them with the volunteer row instead of aggregating ticket history.
 */
@Entity('volunteer_reliability')
@ObjectType('VolunteerReliability', { description: "How a volunteer has handled the tickets they took or were dispatched, from the tickets subgraph's events" })
export class VolunteerReliability {
  @PrimaryColumn({ name: 'volunteer_id', type: 'varchar', length: 36 })
  volunteerId!: string;

  @ManyToOne(() => Volunteer, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'volunteer_id', foreignKeyConstraintName: 'fk_reliability_volunteer' })
  volunteer?: Volunteer;

  @Column({ name: 'open_assignments', type: 'int', default: 0 })
  @Field(() => Int, { description: 'Tickets accepted and neither completed nor released yet' })
  openAssignments!: number;

  @Column({ type: 'int', default: 0 })
  @Field(() => Int, { description: 'Acceptances (of a dispatch or a claimed wish)' })
  accepted!: number;

  @Column({ type: 'int', default: 0 })
  @Field(() => Int, { description: 'Tickets completed with the volunteer as a participant' })
  completed!: number;

  @Column({ type: 'int', default: 0 })
  @Field(() => Int, { description: 'Dispatches declined' })
  declined!: number;

  @Column({ type: 'int', default: 0 })
  @Field(() => Int, { description: 'Accepted tickets taken away again before completion' })
  released!: number;

  @Column({ name: 'rating_sum', type: 'int', default: 0 })
  ratingSum!: number;

  @Column({ name: 'rating_count', type: 'int', default: 0 })
  @Field(() => Int, { description: 'Ratings of completed tickets the volunteer served' })
  ratingCount!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 6 })
  updatedAt!: Date;

  @Field(() => Float, { nullable: true, description: 'Completed / (completed + released + declined); null before any of them' })
  get completionRate(): number | null {
    return completionRateOf(this);
  }

  @Field(() => Float, { nullable: true, description: 'Mean rating, 1 to 5; null before the first rating' })
  get averageRating(): number | null {
    return averageRatingOf(this);
  }

  @Field(() => Float, {
    description: 'The reliability part of matching, 0 to 1: completion rate and rating, each drawn towards a prior so that newcomers start in the middle',
  })
  get score(): number {
    return reliabilityScore(this);
  }
}

/** A volunteer with no events yet: every counter 0. */
export function freshReliability(volunteerId: string): VolunteerReliability {
  return Object.assign(new VolunteerReliability(), {
    volunteerId,
    openAssignments: 0,
    accepted: 0,
    completed: 0,
    declined: 0,
    released: 0,
    ratingSum: 0,
    ratingCount: 0,
  });
}
