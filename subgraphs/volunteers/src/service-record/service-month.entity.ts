import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Volunteer } from '../volunteer/volunteer.entity';
import { ServiceRecordStatus } from './service-record.enums';

/**
 * The service records of a volunteer summed per month of service, county of the place of service
 * and status, kept in the transaction of every change to the records (service-month.ts). It lets
 * `serviceHourStats` answer a county's year by month and star level from about one row per
 * volunteer and month instead of every record joined to its volunteer. A row exists only while it
 * counts at least one record; a CHECK keeps the sums at 0 or more.
 */
@Entity('service_month')
/** A status and span of months, with what the figures group by and sum: the read needs no other page. */
@Index('ix_service_month_stats', ['status', 'month', 'countyCode', 'volunteerHundredths', 'hoursHundredths', 'recordCount'])
export class ServiceMonth {
  @PrimaryColumn({ name: 'volunteer_id', type: 'varchar', length: 36 })
  volunteerId!: string;

  @ManyToOne(() => Volunteer, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'volunteer_id', foreignKeyConstraintName: 'fk_service_month_volunteer' })
  volunteer?: Volunteer;

  /** YYYY-MM of the day of service. */
  @PrimaryColumn({ type: 'varchar', length: 7 })
  month!: string;

  /** The first 6 digits of the record's region code (the county of the place of service). */
  @PrimaryColumn({ name: 'county_code', type: 'varchar', length: 6 })
  countyCode!: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  status!: ServiceRecordStatus;

  @Column({ name: 'hours_hundredths', type: 'int', default: 0 })
  hoursHundredths!: number;

  @Column({ name: 'record_count', type: 'int', default: 0 })
  recordCount!: number;

  /**
   * Copy of the volunteer's verified hours now (`volunteer.verified_hundredths`), updated on every
   * row of the volunteer when those change: the star level of the row without a join, by whatever
   * thresholds are configured.
   */
  @Column({ name: 'volunteer_hundredths', type: 'int', default: 0 })
  volunteerHundredths!: number;
}

/**
 * `service_month` summed over the volunteers of equal verified hours: one row per status, month,
 * county and `volunteer_hundredths`, counting the volunteers (their rows) and summing their hours
 * and records. Each volunteer has one `service_month` row per status, month and county, so a group
 * of one status, month and county counts its volunteers by adding `volunteer_count`: a county's
 * year is a few tens of thousands of these rows instead of half a million. Kept with
 * `service_month`, in the same statements' transactions.
 */
@Entity('service_month_group')
export class ServiceMonthGroup {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  status!: ServiceRecordStatus;

  @PrimaryColumn({ type: 'varchar', length: 7 })
  month!: string;

  @PrimaryColumn({ name: 'county_code', type: 'varchar', length: 6 })
  countyCode!: string;

  @PrimaryColumn({ name: 'volunteer_hundredths', type: 'int' })
  volunteerHundredths!: number;

  @Column({ name: 'volunteer_count', type: 'int', default: 0 })
  volunteerCount!: number;

  @Column({ name: 'hours_hundredths', type: 'int', default: 0 })
  hoursHundredths!: number;

  @Column({ name: 'record_count', type: 'int', default: 0 })
  recordCount!: number;
}
