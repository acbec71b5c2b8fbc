import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * A term of the service taxonomy (a tree with codes): the nine service domains, the province's five
 * tasks and the five colour lines are seeded; a county adds its own terms below them.
 */
@Entity('category')
@Index('uq_category_code', ['code'], { unique: true })
@ObjectType({ description: 'A term of the service taxonomy; filtering by a term includes the terms below it' })
@Directive('@key(fields: "id")')
// Other subgraphs store categories by code (tickets' and volunteers' group keys, preferred categories).
@Directive('@key(fields: "code")')
export class Category {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  /** e.g. SERVICE.HEALTH or SERVICE.HEALTH.CHECKUP: the parent's code and one more part. */
  @Column({ type: 'varchar', length: 40 })
  @Field({ description: 'Stable code, e.g. SERVICE.HEALTH; a child extends its parent’s code' })
  code!: string;

  @Column({ type: 'varchar', length: 50 })
  @Field()
  name!: string;

  @Index('ix_category_parent')
  @Column({ name: 'parent_id', type: 'varchar', length: 36, nullable: true })
  parentId!: string | null;

  @ManyToOne(() => Category, { nullable: true, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_category_parent' })
  parent?: Category;

  /** `/rootId/…/id/`: the descendants of a term are the rows whose path starts with its path. */
  @Index('ix_category_path')
  @Column({ type: 'varchar', length: 400 })
  path!: string;

  /** The county (6-digit region code) that added the term; null for the province-wide taxonomy. */
  @Column({ name: 'region_code', type: 'varchar', length: 12, nullable: true })
  @Field(() => String, { nullable: true, description: 'The county that added this term; null for the province-wide taxonomy' })
  regionCode!: string | null;

  @Column({ name: 'sort_order', type: 'int', default: 0 })
  @Field(() => Int)
  sortOrder!: number;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt!: Date;
}
