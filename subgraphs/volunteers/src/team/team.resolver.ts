import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { VolunteersContext } from '../context';
import { Organization } from '../organization/organization.entity';
import { organizationById } from '../organization/organization.loaders';
import { SiteReference, siteReference } from '../site/site.reference';
import { Skill } from '../skill/skill.entity';
import { Volunteer } from '../volunteer/volunteer.entity';
import { skillById, volunteerById } from '../volunteer/volunteer.loaders';
import { TeamMember } from './team-member.entity';
import { Team } from './team.entity';
import { CreateTeamInput, RemoveTeamMemberInput, TeamFilter, TeamMemberInput, UpdateTeamInput } from './team.inputs';
import { teamById } from './team.loaders';
import { TeamConnection, TeamMemberConnection } from './team.types';

@Resolver(() => Team)
export class TeamResolver {
  @Query(() => Team, { nullable: true })
  team(@Arg('id', () => ID) id: string, @Ctx() ctx: VolunteersContext): Promise<Team | null> {
    return teamById(ctx).load(id);
  }

  @Query(() => TeamConnection, { description: 'Teams matching a filter, in creation order' })
  teams(
    @Ctx() ctx: VolunteersContext,
    @Arg('filter', () => TeamFilter, { nullable: true }) filter?: TeamFilter,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 500 (default 20)' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<TeamConnection> {
    return ctx.teamQueries.list(filter, first, after);
  }

  @FieldResolver(() => Team, { nullable: true, description: 'The corps or detachment above' })
  parent(@Root() team: Team, @Ctx() ctx: VolunteersContext): Promise<Team | null> | null {
    return team.parentId ? teamById(ctx).load(team.parentId) : null;
  }

  @FieldResolver(() => [Team], { description: 'The teams directly under this one' })
  subTeams(@Root() team: Team, @Ctx() ctx: VolunteersContext): Promise<Team[]> {
    return ctx.teamQueries.subTeams(ctx.loaders).load(team.id);
  }

  @FieldResolver(() => SiteReference, { nullable: true, description: 'The site that owns the team' })
  site(@Root() team: Team): SiteReference {
    return siteReference(team.siteId);
  }

  @FieldResolver(() => Skill, { nullable: true, description: 'Professional specialty' })
  specialty(@Root() team: Team, @Ctx() ctx: VolunteersContext): Promise<Skill | null> | null {
    return team.specialtySkillId ? skillById(ctx).load(team.specialtySkillId) : null;
  }

  @FieldResolver(() => Volunteer, { nullable: true })
  leader(@Root() team: Team, @Ctx() ctx: VolunteersContext): Promise<Volunteer | null> | null {
    return team.leaderId ? volunteerById(ctx).load(team.leaderId) : null;
  }

  @FieldResolver(() => Organization, { nullable: true })
  organization(@Root() team: Team, @Ctx() ctx: VolunteersContext): Promise<Organization | null> | null {
    return team.organizationId ? organizationById(ctx).load(team.organizationId) : null;
  }

  @FieldResolver(() => Int)
  memberCount(@Root() team: Team, @Ctx() ctx: VolunteersContext): Promise<number> {
    return ctx.teamQueries.memberCounts(ctx.loaders).load(team.id);
  }

  @FieldResolver(() => TeamMemberConnection, { description: 'Members by join date' })
  members(
    @Root() team: Team,
    @Ctx() ctx: VolunteersContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 500 (default 20)' }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<TeamMemberConnection> {
    return ctx.teamQueries.members(ctx.loaders, first, after).load(team.id);
  }

  @Mutation(() => Team, { description: 'Creates a team owned by a site you manage; a retry with the same name, level and parent returns it' })
  createTeam(@Arg('input') input: CreateTeamInput, @Ctx() ctx: VolunteersContext): Promise<Team> {
    return ctx.teams.create(ctx, input);
  }

  @Mutation(() => Team, { description: 'Changes a team (managers of its site): name, specialty, leader, organization, dissolution' })
  updateTeam(@Arg('input') input: UpdateTeamInput, @Ctx() ctx: VolunteersContext): Promise<Team> {
    return ctx.teams.update(ctx.principal, input);
  }

  @Mutation(() => Team, { description: 'Adds a member (managers, the team leader) or joins (a volunteer, as MEMBER)' })
  addTeamMember(@Arg('input') input: TeamMemberInput, @Ctx() ctx: VolunteersContext): Promise<Team> {
    return ctx.teams.addMember(ctx.principal, input);
  }

  @Mutation(() => Team, { description: 'Removes a member (managers, the team leader) or leaves (the member)' })
  removeTeamMember(@Arg('input') input: RemoveTeamMemberInput, @Ctx() ctx: VolunteersContext): Promise<Team> {
    return ctx.teams.removeMember(ctx.principal, input);
  }
}

@Resolver(() => TeamMember)
export class TeamMemberResolver {
  @FieldResolver(() => Team)
  async team(@Root() member: TeamMember, @Ctx() ctx: VolunteersContext): Promise<Team> {
    return (await teamById(ctx).load(member.teamId))!;
  }

  @FieldResolver(() => Volunteer)
  async volunteer(@Root() member: TeamMember, @Ctx() ctx: VolunteersContext): Promise<Volunteer> {
    return (await volunteerById(ctx).load(member.volunteerId))!;
  }
}
