import { IsPlainText, REGION_PREFIX, UUID_PATTERN } from '@practice/common';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { SKILL_CODE } from '../shared/patterns';
import { TeamLevel, TeamRole, TeamStatus } from './team.enums';

@InputType()
export class CreateTeamInput {
  @Field()
  @IsPlainText(2, 100)
  name!: string;

  @Field(() => TeamLevel)
  @IsIn(Object.values(TeamLevel))
  level!: TeamLevel;

  @Field(() => ID, { description: 'The site that owns the team; you must manage it' })
  @Matches(UUID_PATTERN, { message: 'must be a site id' })
  siteId!: string;

  @Field(() => ID, { nullable: true, description: 'The corps or detachment above, owned by this site or one above it' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'must be a team id' })
  parentId?: string | null;

  @Field(() => String, { nullable: true, description: 'Professional specialty: a skill code' })
  @IsOptional()
  @Matches(SKILL_CODE, { message: 'must be a skill code such as MEDICAL' })
  specialtySkillCode?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsPlainText(2, 500)
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'An active volunteer, who becomes a member with the role LEADER' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'must be a volunteer id' })
  leaderId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The registered organization the team belongs to' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'must be an organization id' })
  organizationId?: string | null;
}

@InputType()
export class UpdateTeamInput {
  @Field(() => ID)
  @Matches(UUID_PATTERN, { message: 'must be a team id' })
  id!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsPlainText(2, 100)
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(SKILL_CODE, { message: 'must be a skill code such as MEDICAL' })
  specialtySkillCode?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsPlainText(2, 500)
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'A new leader; the previous one stays a member' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'must be a volunteer id' })
  leaderId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'must be an organization id' })
  organizationId?: string | null;

  @Field(() => TeamStatus, { nullable: true, description: 'DISSOLVED once no active team hangs under it' })
  @IsOptional()
  @IsIn(Object.values(TeamStatus))
  status?: TeamStatus;
}

@InputType()
export class TeamMemberInput {
  @Field(() => ID)
  @Matches(UUID_PATTERN, { message: 'must be a team id' })
  teamId!: string;

  @Field(() => ID)
  @Matches(UUID_PATTERN, { message: 'must be a volunteer id' })
  volunteerId!: string;

  @Field(() => TeamRole, { nullable: true, description: 'Default MEMBER; LEADER is set with updateTeam' })
  @IsOptional()
  @IsIn([TeamRole.MEMBER, TeamRole.DEPUTY], { message: 'must be MEMBER or DEPUTY; the leader is set with updateTeam' })
  role?: TeamRole;
}

@InputType()
export class RemoveTeamMemberInput {
  @Field(() => ID)
  @Matches(UUID_PATTERN, { message: 'must be a team id' })
  teamId!: string;

  @Field(() => ID)
  @Matches(UUID_PATTERN, { message: 'must be a volunteer id' })
  volunteerId!: string;
}

@InputType()
export class TeamFilter {
  @Field(() => ID, { nullable: true, description: 'Teams owned by this site or a site below it' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'must be a site id' })
  siteId?: string;

  @Field(() => String, { nullable: true, description: "Region-code prefix of the owning site's area" })
  @IsOptional()
  @Matches(REGION_PREFIX, { message: 'must be 2, 4, 6, 9 or 12 digits' })
  regionCodePrefix?: string;

  @Field(() => [TeamLevel], { nullable: true })
  @IsOptional()
  @IsIn(Object.values(TeamLevel), { each: true })
  levels?: TeamLevel[];

  @Field(() => ID, { nullable: true, description: 'Teams directly under this one' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'must be a team id' })
  parentId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'must be an organization id' })
  organizationId?: string;

  @Field(() => String, { nullable: true, description: 'Teams of this specialty or a skill below it' })
  @IsOptional()
  @Matches(SKILL_CODE, { message: 'must be a skill code' })
  specialtySkillCode?: string;

  @Field(() => [TeamStatus], { nullable: true, description: 'Default ACTIVE' })
  @IsOptional()
  @IsIn(Object.values(TeamStatus), { each: true })
  statuses?: TeamStatus[];

  @Field(() => String, { nullable: true, description: 'Text contained in the name' })
  @IsOptional()
  @IsPlainText(1, 50)
  text?: string;
}
