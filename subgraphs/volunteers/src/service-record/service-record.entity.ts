import { Directive, Field, Float, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Volunteer } from '../volunteer/volunteer.entity';
import { ServiceRecordStatus, ServiceSourceType } from './service-record.enums';

@Entity('service_record')
@Index('uq_service_record_source', ['volunteerId', 'sourceType', 'sourceReference'], { unique: true })
/** A volunteer's hours of a period from the index alone (leaderboards, the daily limit). */
@Index('ix_service_record_volunteer_hours', ['volunteerId', 'servedOn', 'status', 'hoursHundredths'])
/** A status and period with what serviceHourStats groups and filters by, but the site path. */
@Index('ix_service_record_stats', ['status', 'servedOn', 'regionCode', 'siteId', 'sourceType', 'volunteerId', 'hoursHundredths'])
/** Newest first. */
@Index('ix_service_record_day', ['servedOn', 'id'])
@ObjectType({ description: 'Service a volunteer gave: hours on a day at a site, verified by a manager of that site' })
@Directive('@key(fields: "id")')
export class ServiceRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ name: 'volunteer_id', type: 'varchar', length: 36 })
  volunteerId!: string;

  @ManyToOne(() => Volunteer, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'volunteer_id', foreignKeyConstraintName: 'fk_service_record_volunteer' })
  volunteer?: Volunteer;

  @Column({ name: 'site_id', type: 'varchar', length: 36 })
  siteId!: string;

  /** Copy of the site's path: whose managers verify the record. */
  @Column({ name: 'site_path', type: 'varchar', length: 400 })
  sitePath!: string;

  @Column({ name: 'region_code', type: 'varchar', length: 12 })
  @Field({ description: 'Region code of the site, copied when the record was made' })
  regionCode!: string;

  @Column({ name: 'served_on', type: 'date' })
  @Field({ description: 'Day of service, YYYY-MM-DD' })
  servedOn!: string;

  /** Hours in hundredths, so that sums are exact. */
  @Column({ name: 'hours_hundredths', type: 'int' })
  hoursHundredths!: number;

  @Column({ type: 'varchar', length: 200 })
  @Field({ description: 'What was done' })
  content!: string;

  @Column({ name: 'source_type', type: 'varchar', length: 16 })
  @Field(() => ServiceSourceType)
  sourceType!: ServiceSourceType;

  @Column({ name: 'source_reference', type: 'varchar', length: 64 })
  @Field({ description: 'The id of the source, e.g. the ticket id; with the type, unique per volunteer' })
  sourceReference!: string;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => ServiceRecordStatus)
  status!: ServiceRecordStatus;

  @Column({ name: 'recorded_by', type: 'varchar', length: 64 })
  @Field({ description: 'Account or service that recorded it' })
  recordedBy!: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'datetime', precision: 6 })
  @Field()
  recordedAt!: Date;

  @Column({ name: 'reviewed_by', type: 'varchar', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: 'Account of the manager who verified or rejected it' })
  reviewedBy!: string | null;

  @Column({ name: 'reviewed_at', type: 'datetime', precision: 6, nullable: true })
  @Field(() => Date, { nullable: true })
  reviewedAt!: Date | null;

  @Column({ name: 'rejection_reason', type: 'varchar', length: 200, nullable: true })
  @Field(() => String, { nullable: true })
  rejectionReason!: string | null;

  @Field(() => Float)
  get hours(): number {
    return this.hoursHundredths / 100;
  }
}
