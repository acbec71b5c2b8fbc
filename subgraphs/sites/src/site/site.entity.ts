import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Sector, SiteKind, SiteStatus } from './site.enums';
import { Facility, GeoPoint, OpeningHours } from './site.values';

@Entity('site')
@Index('ix_site_status_kind', ['status', 'kind'])
@ObjectType({ description: 'A civilization-practice site: center, institute, station, point or sector sub-center' })
@Directive('@key(fields: "id")')
export class Site {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Index('uq_site_code', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  @Field({ description: 'Unique, stable code for integrators, e.g. 320581103-I' })
  code!: string;

  @Column({ type: 'varchar', length: 100 })
  @Field()
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  @Field(() => SiteKind)
  kind!: SiteKind;

  @Index('ix_site_parent')
  @Column({ name: 'parent_id', type: 'varchar', length: 36, nullable: true })
  parentId!: string | null;

  /** Only for the foreign key; resolvers load parents through the batched loader. */
  @ManyToOne(() => Site, { nullable: true, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_site_parent' })
  parentSite?: Site;

  /** Materialized path of ids from the root to this site, e.g. `/root/child/self/`. */
  @Index('ix_site_path')
  @Column({ type: 'varchar', length: 400 })
  path!: string;

  @Index('ix_site_region')
  @Column({ name: 'region_code', type: 'varchar', length: 12 })
  @Field({ description: '12-digit administrative division code (province 2, city 2, county 2, township 3, village 3)' })
  regionCode!: string;

  @Column({ type: 'varchar', length: 200 })
  @Field()
  address!: string;

  @Index('ix_site_latitude')
  @Column({ type: 'double', nullable: true })
  latitude!: number | null;

  @Column({ type: 'double', nullable: true })
  longitude!: number | null;

  @Column({ name: 'contact_phone', type: 'varchar', length: 32, nullable: true })
  @Field(() => String, { nullable: true, description: 'Public contact number of the site' })
  contactPhone!: string | null;

  @Column({ name: 'opening_hours', type: 'simple-json' })
  @Field(() => [OpeningHours])
  openingHours!: OpeningHours[];

  @Column({ type: 'simple-json' })
  @Field(() => [Facility])
  facilities!: Facility[];

  @Column({ type: 'varchar', length: 32, nullable: true })
  @Field(() => Sector, { nullable: true, description: 'The department running it (sector sub-centers only)' })
  sector!: Sector | null;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => SiteStatus)
  status!: SiteStatus;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 6 })
  @Field()
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 6 })
  @Field()
  updatedAt!: Date;

  @Field(() => GeoPoint, { nullable: true })
  get location(): GeoPoint | null {
    return this.latitude === null || this.longitude === null ? null : { latitude: this.latitude, longitude: this.longitude };
  }

  /** Ids from the root down to the parent, in order. */
  @Field(() => [ID], {
    description: 'Ids of every ancestor, root first, whatever their status: other subgraphs copy them to decide who manages what they store about this site',
  })
  get ancestorIds(): string[] {
    return this.path.split('/').filter(Boolean).slice(0, -1);
  }
}
