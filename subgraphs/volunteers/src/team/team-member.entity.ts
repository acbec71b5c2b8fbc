import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Volunteer } from '../volunteer/volunteer.entity';
import { Team } from './team.entity';
import { TeamRole } from './team.enums';

@Entity('team_member')
@Index('ix_team_member_volunteer', ['volunteerId'])
@ObjectType({ description: 'A volunteer in a team, with a role and a join date' })
export class TeamMember {
  @PrimaryColumn({ name: 'team_id', type: 'varchar', length: 36 })
  teamId!: string;

  @PrimaryColumn({ name: 'volunteer_id', type: 'varchar', length: 36 })
  volunteerId!: string;

  @ManyToOne(() => Team, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'fk_team_member_team' })
  team?: Team;

  @ManyToOne(() => Volunteer, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'volunteer_id', foreignKeyConstraintName: 'fk_team_member_volunteer' })
  volunteer?: Volunteer;

  @Column({ type: 'varchar', length: 16 })
  @Field(() => TeamRole)
  role!: TeamRole;

  @Column({ name: 'joined_on', type: 'date' })
  @Field({ description: 'YYYY-MM-DD' })
  joinedOn!: string;

  @Column({ name: 'added_by', type: 'varchar', length: 64 })
  addedBy!: string;
}
