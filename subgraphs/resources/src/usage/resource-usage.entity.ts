import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Resource } from '../resource/resource.entity';

/**
 * Orders of a resource in a month (YYYY-MM, China time), counted from the tickets subgraph's
 * events. Moved only by conditional statements in the transaction of the event, and a CHECK keeps
 * it at 0 or more against any writer.
 */
@Entity('resource_usage')
export class ResourceMonthUsage {
  @PrimaryColumn({ name: 'resource_id', type: 'varchar', length: 36 })
  resourceId!: string;

  @ManyToOne(() => Resource, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'resource_id', foreignKeyConstraintName: 'fk_resource_usage_resource' })
  resource?: Resource;

  @PrimaryColumn({ type: 'varchar', length: 7 })
  period!: string;

  @Column({ type: 'int', default: 0 })
  orders!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 6 })
  updatedAt!: Date;
}
