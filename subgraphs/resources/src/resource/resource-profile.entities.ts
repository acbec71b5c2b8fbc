import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Resource } from './resource.entity';
import { AreaKind, FacetKind, ResourceAction } from './resource.enums';

/**
 * The multi-valued attributes of a resource that lists filter on: its categories (by code), target
 * audiences and delivery modes, one row each. Replaced as a whole when the resource changes.
 */
@Entity('resource_facet')
@Index('ix_resource_facet_value', ['facet', 'value', 'resourceId'])
export class ResourceFacet {
  @PrimaryColumn({ name: 'resource_id', type: 'varchar', length: 36 })
  resourceId!: string;

  @ManyToOne(() => Resource, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'resource_id', foreignKeyConstraintName: 'fk_resource_facet_resource' })
  resource?: Resource;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  facet!: FacetKind;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  value!: string;
}

/**
 * Where a resource is offered: region-code prefixes and sites (with everything below them). A
 * resource created without an area gets its publisher's: the publisher's subtree for a center,
 * institute or station, the publisher's county for a sector sub-center.
 */
@Entity('resource_area')
@Index('ix_resource_area_value', ['kind', 'value', 'resourceId'])
export class ResourceArea {
  @PrimaryColumn({ name: 'resource_id', type: 'varchar', length: 36 })
  resourceId!: string;

  @ManyToOne(() => Resource, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'resource_id', foreignKeyConstraintName: 'fk_resource_area_resource' })
  resource?: Resource;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  kind!: AreaKind;

  /** A region-code prefix (2, 4, 6, 9 or 12 digits) or a site id. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  value!: string;
}

/** The audit of a resource: who changed what and when, in the transaction of the change. */
@Entity('resource_change')
@Index('ix_resource_change_resource', ['resourceId', 'id'])
export class ResourceChange {
  /** UUIDv7: in the order of the changes. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'resource_id', type: 'varchar', length: 36 })
  resourceId!: string;

  @ManyToOne(() => Resource, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'resource_id', foreignKeyConstraintName: 'fk_resource_change_resource' })
  resource?: Resource;

  @Column({ type: 'varchar', length: 16 })
  action!: ResourceAction;

  /** The caller's subject. */
  @Column({ type: 'varchar', length: 64 })
  actor!: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 20 })
  actorRole!: string;

  /** Field name → { from, to } for the fields the change touched. */
  @Column({ type: 'simple-json' })
  changes!: Record<string, { from: unknown; to: unknown }>;

  @CreateDateColumn({ name: 'changed_at', type: 'datetime', precision: 6 })
  changedAt!: Date;
}
