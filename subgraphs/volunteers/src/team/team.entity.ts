import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Organization } from '../organization/organization.entity';
import { Skill } from '../skill/skill.entity';
import { Volunteer } from '../volunteer/volunteer.entity';
import { TeamLevel, TeamStatus } from './team.enums';

@Entity('team')
@Index('uq_team_site_name', ['siteId', 'name'], { unique: true })
@Index('ix_team_region', ['regionCode'])
@ObjectType({ description: 'A volunteer team (志愿服务队), corps or detachment, owned by a site' })
@Directive('@key(fields: "id")')
export class Team {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  @Field(() => ID)
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  @Field()
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => TeamLevel)
  level!: TeamLevel;

  @Index('ix_team_parent')
  @Column({ name: 'parent_id', type: 'varchar', length: 36, nullable: true })
  parentId!: string | null;

  @ManyToOne(() => Team, { nullable: true, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_team_parent' })
  parentTeam?: Team;

  @Column({ name: 'site_id', type: 'varchar', length: 36 })
  siteId!: string;

  /** Copy of the owning site's path when it was set: who manages the team. */
  @Index('ix_team_site_path')
  @Column({ name: 'site_path', type: 'varchar', length: 400 })
  sitePath!: string;

  /** Copy of the owning site's region code. */
  @Column({ name: 'region_code', type: 'varchar', length: 12 })
  @Field({ description: 'Region code of the owning site, copied when the team was created' })
  regionCode!: string;

  @Column({ name: 'specialty_skill_id', type: 'varchar', length: 36, nullable: true })
  specialtySkillId!: string | null;

  @ManyToOne(() => Skill, { nullable: true, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'specialty_skill_id', foreignKeyConstraintName: 'fk_team_specialty' })
  specialtySkill?: Skill;

  @Column({ type: 'varchar', length: 500, nullable: true })
  @Field(() => String, { nullable: true })
  description!: string | null;

  @Column({ name: 'leader_id', type: 'varchar', length: 36, nullable: true })
  leaderId!: string | null;

  @ManyToOne(() => Volunteer, { nullable: true, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'leader_id', foreignKeyConstraintName: 'fk_team_leader' })
  leader?: Volunteer;

  @Index('ix_team_organization')
  @Column({ name: 'organization_id', type: 'varchar', length: 36, nullable: true })
  organizationId!: string | null;

  @ManyToOne(() => Organization, { nullable: true, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_team_organization' })
  organization?: Organization;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => TeamStatus)
  status!: TeamStatus;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 6 })
  @Field()
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 6 })
  @Field()
  updatedAt!: Date;
}
