import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Skill } from '../skill/skill.entity';
import { Volunteer } from './volunteer.entity';
import { ServiceAreaKind, VolunteerStatus } from './volunteer.enums';

/** The rows that make up a volunteer's profile besides the volunteer row itself. */

@Entity('volunteer_skill')
@Index('ix_volunteer_skill_skill', ['skillId', 'volunteerId'])
export class VolunteerSkill {
  @PrimaryColumn({ name: 'volunteer_id', type: 'varchar', length: 36 })
  volunteerId!: string;

  @PrimaryColumn({ name: 'skill_id', type: 'varchar', length: 36 })
  skillId!: string;

  @ManyToOne(() => Volunteer, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'volunteer_id', foreignKeyConstraintName: 'fk_volunteer_skill_volunteer' })
  volunteer?: Volunteer;

  @ManyToOne(() => Skill, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'skill_id', foreignKeyConstraintName: 'fk_volunteer_skill_skill' })
  skill?: Skill;
}

/** A preferred service category, by its code in the resources subgraph's taxonomy. */
@Entity('volunteer_category')
@Index('ix_volunteer_category_code', ['categoryCode', 'volunteerId'])
export class VolunteerCategory {
  @PrimaryColumn({ name: 'volunteer_id', type: 'varchar', length: 36 })
  volunteerId!: string;

  @PrimaryColumn({ name: 'category_code', type: 'varchar', length: 40 })
  categoryCode!: string;

  @ManyToOne(() => Volunteer, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'volunteer_id', foreignKeyConstraintName: 'fk_volunteer_category_volunteer' })
  volunteer?: Volunteer;
}

/** Where a volunteer serves: a site's subtree or a region-code prefix. */
@Entity('volunteer_service_area')
@Index('ix_service_area_value', ['kind', 'value'])
export class VolunteerServiceArea {
  @PrimaryColumn({ name: 'volunteer_id', type: 'varchar', length: 36 })
  volunteerId!: string;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  kind!: ServiceAreaKind;

  /** A site id or a region-code prefix. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  value!: string;

  @ManyToOne(() => Volunteer, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'volunteer_id', foreignKeyConstraintName: 'fk_service_area_volunteer' })
  volunteer?: Volunteer;
}

/** A weekly window in which a volunteer is available, in minutes after local midnight. */
@Entity('volunteer_availability')
export class VolunteerAvailability {
  @PrimaryColumn({ name: 'volunteer_id', type: 'varchar', length: 36 })
  volunteerId!: string;

  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  @PrimaryColumn({ name: 'day_of_week', type: 'smallint' })
  dayOfWeek!: number;

  @PrimaryColumn({ name: 'starts_minute', type: 'smallint' })
  startsMinute!: number;

  @Column({ name: 'ends_minute', type: 'smallint' })
  endsMinute!: number;

  @ManyToOne(() => Volunteer, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'volunteer_id', foreignKeyConstraintName: 'fk_availability_volunteer' })
  volunteer?: Volunteer;
}

/**
 * One row for the home site and for each of its ancestors: `site_id = X` finds every volunteer at
 * or below site X through an index, in id order, without knowing X's own place in the tree.
 */
@Entity('volunteer_scope')
@Index('ix_volunteer_scope_volunteer', ['volunteerId'])
export class VolunteerScope {
  @PrimaryColumn({ name: 'site_id', type: 'varchar', length: 36 })
  siteId!: string;

  @PrimaryColumn({ name: 'volunteer_id', type: 'varchar', length: 36 })
  volunteerId!: string;

  @ManyToOne(() => Volunteer, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'volunteer_id', foreignKeyConstraintName: 'fk_volunteer_scope_volunteer' })
  volunteer?: Volunteer;
}

/** The history of a volunteer's status. */
@Entity('volunteer_status_change')
@ObjectType({ description: "A change of a volunteer's status: who, when, from what to what and why" })
@Index('ix_status_change_volunteer', ['volunteerId', 'changedAt'])
export class VolunteerStatusChange {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'volunteer_id', type: 'varchar', length: 36 })
  volunteerId!: string;

  @ManyToOne(() => Volunteer, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'volunteer_id', foreignKeyConstraintName: 'fk_status_change_volunteer' })
  volunteer?: Volunteer;

  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true })
  @Field(() => VolunteerStatus, { nullable: true, description: 'null for the registration' })
  fromStatus!: VolunteerStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  @Field(() => VolunteerStatus)
  toStatus!: VolunteerStatus;

  @Column({ type: 'varchar', length: 200, nullable: true })
  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Column({ name: 'changed_by', type: 'varchar', length: 64 })
  @Field({ description: 'Account of who changed it' })
  changedBy!: string;

  @Column({ name: 'changed_at', type: 'datetime', precision: 6 })
  @Field()
  changedAt!: Date;
}
