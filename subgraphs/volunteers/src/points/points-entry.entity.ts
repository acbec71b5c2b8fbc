import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ServiceRecord } from '../service-record/service-record.entity';
import { Volunteer } from '../volunteer/volunteer.entity';

export enum PointsEntryKind {
  /** For verified service hours. */
  EARNED = 'EARNED',
  REDEEMED = 'REDEEMED',
  /** By an admin, with a reason. */
  ADJUSTED = 'ADJUSTED',
}
registerEnumType(PointsEntryKind, { name: 'PointsEntryKind' });

@Entity('points_entry')
@Index('ix_points_entry_volunteer', ['volunteerId', 'id'])
@Index('uq_points_entry_request', ['volunteerId', 'requestKey'], { unique: true })
@ObjectType({ description: 'A line of the points ledger (积分): earned, redeemed or adjusted, with the balance after it' })
export class PointsEntry {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ name: 'volunteer_id', type: 'varchar', length: 36 })
  volunteerId!: string;

  @ManyToOne(() => Volunteer, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'volunteer_id', foreignKeyConstraintName: 'fk_points_entry_volunteer' })
  volunteer?: Volunteer;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => PointsEntryKind)
  kind!: PointsEntryKind;

  @Column({ type: 'int' })
  @Field(() => Int, { description: 'Positive when points are added, negative when taken' })
  points!: number;

  @Column({ name: 'balance_after', type: 'int' })
  @Field(() => Int)
  balanceAfter!: number;

  @Column({ type: 'varchar', length: 200, nullable: true })
  @Field(() => String, { nullable: true })
  reason!: string | null;

  /** The verified record the points were earned for: one entry per record. */
  @Index('uq_points_entry_record', { unique: true })
  @Column({ name: 'service_record_id', type: 'varchar', length: 36, nullable: true })
  serviceRecordId!: string | null;

  @ManyToOne(() => ServiceRecord, { nullable: true, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'service_record_id', foreignKeyConstraintName: 'fk_points_entry_record' })
  serviceRecord?: ServiceRecord;

  /** The caller's key of a redemption or adjustment: a retry with the same key changes nothing. */
  @Column({ name: 'request_key', type: 'varchar', length: 64, nullable: true })
  requestKey!: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  @Field({ description: 'Account that caused the entry' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 6 })
  @Field()
  createdAt!: Date;
}
