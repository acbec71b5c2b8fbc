import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

@Entity('skill')
@ObjectType({ description: 'A skill in the skills tree; asking for a skill also matches its descendants' })
@Directive('@key(fields: "id")')
export class Skill {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Index('uq_skill_code', { unique: true })
  @Column({ type: 'varchar', length: 40 })
  @Field({ description: 'Stable code, e.g. MEDICAL.FIRST_AID' })
  code!: string;

  @Column({ type: 'varchar', length: 50 })
  @Field()
  name!: string;

  @Index('ix_skill_parent')
  @Column({ name: 'parent_id', type: 'varchar', length: 36, nullable: true })
  parentId!: string | null;

  @ManyToOne(() => Skill, { nullable: true, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_skill_parent' })
  parentSkill?: Skill;

  /** Materialized path of ids from the root, `/root/…/self/`: a subtree is a prefix. */
  @Index('ix_skill_path')
  @Column({ type: 'varchar', length: 400 })
  path!: string;
}
