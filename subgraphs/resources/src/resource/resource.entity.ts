import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ResourceKind, ResourceStatus } from './resource.enums';
import type { FormField, ScheduleRule } from './resource.values';

/**
 * An item of a publisher's catalogue: an expert, a service, a venue or a project. The publisher's
 * kind, path and region code are copies taken when the resource was created: they decide who may
 * change it and which sites' menus it can reach without asking the sites subgraph.
 */
@Entity('resource')
@Index('uq_resource_external_key', ['publisherId', 'externalKey'], { unique: true })
@Index('ix_resource_publisher', ['publisherId', 'status'])
@Index('ix_resource_status_kind', ['status', 'kind'])
@Index('ix_resource_region', ['publisherRegionCode'])
@ObjectType({ description: 'A resource of a publisher’s catalogue (资源菜单): an expert, service, venue or project' })
@Directive('@key(fields: "id")')
export class Resource {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ name: 'publisher_id', type: 'varchar', length: 36 })
  publisherId!: string;

  /** Copy of the publisher's kind (CENTER, INSTITUTE, STATION or SECTOR_SUBCENTER). */
  @Column({ name: 'publisher_kind', type: 'varchar', length: 20 })
  publisherKind!: string;

  /** Copy of the publisher's path: managers of an ancestor may change the resource. */
  @Index('ix_resource_publisher_path')
  @Column({ name: 'publisher_path', type: 'varchar', length: 400 })
  publisherPath!: string;

  @Column({ name: 'publisher_region_code', type: 'varchar', length: 12 })
  @Field({ description: 'Region code of the publisher, copied when the resource was created' })
  publisherRegionCode!: string;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => ResourceKind)
  kind!: ResourceKind;

  @Column({ type: 'varchar', length: 100 })
  @Field()
  title!: string;

  @Column({ type: 'varchar', length: 2000 })
  @Field()
  description!: string;

  /** Orders a month at most; null when there is no limit. */
  @Column({ name: 'capacity_per_month', type: 'int', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Orders the publisher can serve a month; null when unlimited' })
  capacityPerMonth!: number | null;

  @Column({ name: 'lead_time_days', type: 'int', default: 0 })
  @Field(() => Int, { description: 'Days between ordering and the earliest service' })
  leadTimeDays!: number;

  @Column({ type: 'simple-json' })
  schedule!: ScheduleRule[];

  @Column({ name: 'order_form', type: 'simple-json' })
  orderForm!: FormField[];

  @Column({ name: 'contact_name', type: 'varchar', length: 50, nullable: true })
  @Field(() => String, { nullable: true })
  contactName!: string | null;

  /** A publisher's public contact line (an office phone or hotline), not personal data. */
  @Column({ name: 'contact_phone', type: 'varchar', length: 20, nullable: true })
  @Field(() => String, { nullable: true, description: 'The publisher’s public contact line for this resource' })
  contactPhone!: string | null;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => ResourceStatus)
  status!: ResourceStatus;

  /** The publisher's own key for the resource (from its own system), unique per publisher: imports upsert by it. */
  @Column({ name: 'external_key', type: 'varchar', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: 'The publisher’s own key for this resource, unique per publisher; imports upsert by it' })
  externalKey!: string | null;

  /** Incremented by every change: clients send it back to update without overwriting someone else's change. */
  @Column({ type: 'int', default: 1 })
  @Field(() => Int, { description: 'Incremented by every change; send it back as expectedVersion to update safely' })
  version!: number;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 6 })
  @Field()
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 6 })
  @Field()
  updatedAt!: Date;

  @Column({ name: 'published_at', type: 'datetime', precision: 6, nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the resource was last published' })
  publishedAt!: Date | null;
}
