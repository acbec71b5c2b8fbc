import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Gender, VolunteerStatus } from './volunteer.enums';

@Entity('volunteer')
@Index('ix_volunteer_region', ['homeRegionCode'])
@Index('ix_volunteer_status_hours', ['status', 'verifiedHundredths'])
@Index('ix_volunteer_name', ['name'])
@Index('ix_volunteer_home_location', ['homeLatitude', 'homeLongitude'])
@ObjectType({ description: 'A registered volunteer (志愿者)' })
@Directive('@key(fields: "id")')
export class Volunteer {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  /** The account (token subject) of the person, when they registered themselves or were linked. */
  @Index('uq_volunteer_account', { unique: true })
  @Column({ name: 'account_subject', type: 'varchar', length: 64, nullable: true })
  accountSubject!: string | null;

  @Column({ type: 'varchar', length: 50 })
  @Field()
  name!: string;

  @Column({ type: 'varchar', length: 8 })
  @Field(() => Gender, { description: 'From the ID number' })
  gender!: Gender;

  @Column({ name: 'birth_year', type: 'smallint' })
  @Field(() => Int, { description: 'From the ID number' })
  birthYear!: number;

  /** Personal data: resolvers mask it for callers not entitled to it. */
  @Index('uq_volunteer_phone', { unique: true })
  @Column({ type: 'varchar', length: 20 })
  phone!: string;

  /** The resident ID number sealed under PERSONAL_DATA_KEY. */
  @Column({ name: 'id_number_sealed', type: 'varchar', length: 120 })
  idNumberSealed!: string;

  /** Keyed hash of the ID number: one registration per person. */
  @Index('uq_volunteer_id_number', { unique: true })
  @Column({ name: 'id_number_index', type: 'varchar', length: 64 })
  idNumberIndex!: string;

  @Column({ name: 'home_site_id', type: 'varchar', length: 36 })
  homeSiteId!: string;

  /** Copy of the home site's path (`/root/…/home/`) when it was set: who manages the volunteer. */
  @Column({ name: 'home_site_path', type: 'varchar', length: 400 })
  homeSitePath!: string;

  /** Copy of the home site's region code when it was set, for filtering by area. */
  @Column({ name: 'home_region_code', type: 'varchar', length: 12 })
  @Field({ description: 'Region code of the home site, copied when the home site was set' })
  homeRegionCode!: string;

  /**
   * Copy of the home site's location when it was set (null when the sites subgraph knew none):
   * matching's radius is a bounding box on these two columns, and its distance starts here.
   */
  @Column({ name: 'home_latitude', type: 'double', nullable: true })
  homeLatitude!: number | null;

  @Column({ name: 'home_longitude', type: 'double', nullable: true })
  homeLongitude!: number | null;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => VolunteerStatus)
  status!: VolunteerStatus;

  @Column({ name: 'registered_on', type: 'date' })
  @Field({ description: 'YYYY-MM-DD' })
  registeredOn!: string;

  /** Sum of verified service hours, in hundredths of an hour, kept with every verification. */
  @Column({ name: 'verified_hundredths', type: 'int', default: 0 })
  verifiedHundredths!: number;

  /** Current points balance, kept with every ledger entry; never negative. */
  @Column({ name: 'points_balance', type: 'int', default: 0 })
  pointsBalance!: number;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 6 })
  @Field({ description: 'When the volunteer was registered' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 6 })
  @Field()
  updatedAt!: Date;
}
