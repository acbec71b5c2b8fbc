import {
  badInput,
  Caller,
  conflict,
  findSites,
  forbidden,
  forUpdate,
  isUniqueViolation,
  managesSite,
  notFound,
  pathIds,
  Principal,
  requireSignedIn,
  runTransaction,
  SiteDirectory,
  uuidv7,
  todayInChina,
} from '@practice/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Organization, OrganizationStatus } from '../organization/organization.entity';
import type { SkillService } from '../skill/skill.service';
import { isSelf } from '../volunteer/volunteer.access';
import { Volunteer } from '../volunteer/volunteer.entity';
import { VolunteerStatus } from '../volunteer/volunteer.enums';
import { TeamMember } from './team-member.entity';
import { Team } from './team.entity';
import { ALLOWED_PARENT_LEVELS, TeamRole, TeamStatus } from './team.enums';
import type { CreateTeamInput, RemoveTeamMemberInput, TeamMemberInput, UpdateTeamInput } from './team.inputs';

/** Managers of the owning site (or above) and admins manage a team. */
export const managesTeam = (principal: Principal, team: Pick<Team, 'siteId' | 'sitePath'>): boolean =>
  managesSite(principal, { id: team.siteId, path: team.sitePath });

/** Teams, their nesting (corps > detachment > team) and their members. */
export class TeamService {
  constructor(
    private readonly db: DataSource,
    private readonly sites: SiteDirectory,
    private readonly skills: SkillService,
  ) {}

  /** A manager of the owning site creates a team; a retry with the same name, level and parent returns it. */
  async create(caller: Caller, input: CreateTeamInput): Promise<Team> {
    const { principal } = caller;
    requireSignedIn(principal);
    const site = (await findSites(this.sites, caller, [{ id: input.siteId, field: 'input.siteId', active: true }])).get(input.siteId)!;
    if (!managesSite(principal, site)) throw forbidden(`You do not manage ${site.name}`, 'NOT_SITE_MANAGER');
    try {
      return await runTransaction(
        this.db,
        async (manager) => {
          const existing = await manager.getRepository(Team).findOneBy({ siteId: site.id, name: input.name });
          if (existing) return sameTeamOrConflict(existing, input);
          // Locked, so that the parent cannot be dissolved while a team is added under it.
          const parent = input.parentId ? await this.loadTeam(manager, input.parentId, 'input.parentId', true) : null;
          if (parent) checkParent(parent, input.level, site.path);
          const organizationId = input.organizationId ? (await this.loadOrganization(manager, input.organizationId, 'input.organizationId')).id : null;
          const specialty = input.specialtySkillCode ? await this.skills.byCode(manager, input.specialtySkillCode, 'input.specialtySkillCode') : null;
          const team = manager.getRepository(Team).create({
            id: uuidv7(),
            name: input.name,
            level: input.level,
            parentId: parent?.id ?? null,
            siteId: site.id,
            sitePath: site.path,
            regionCode: site.regionCode,
            specialtySkillId: specialty?.id ?? null,
            description: input.description ?? null,
            leaderId: null,
            organizationId,
            status: TeamStatus.ACTIVE,
            createdBy: principal.subject!,
          });
          await manager.insert(Team, team);
          if (input.leaderId) await this.makeLeader(manager, team, input.leaderId, 'input.leaderId', principal.subject!);
          return manager.getRepository(Team).findOneByOrFail({ id: team.id });
        },
        'The team',
      );
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return sameTeamOrConflict(await this.db.getRepository(Team).findOneByOrFail({ siteId: site.id, name: input.name }), input);
    }
  }

  async update(principal: Principal, input: UpdateTeamInput): Promise<Team> {
    requireSignedIn(principal);
    try {
      return await runTransaction(
        this.db,
        async (manager) => {
          const team = await this.loadTeam(manager, input.id, 'input.id', true);
          if (!managesTeam(principal, team)) throw forbidden('Only managers of the owning site change a team', 'NOT_SITE_MANAGER');
          if (team.status === TeamStatus.DISSOLVED && input.status !== TeamStatus.ACTIVE) {
            // Dissolving again is a retry: nothing to change.
            if (input.status === TeamStatus.DISSOLVED && !changesDetails(input)) return team;
            throw conflict('A dissolved team cannot be changed; reactivate it first', { field: 'input.id', reason: 'TEAM_DISSOLVED' });
          }
          if (input.name !== undefined) team.name = input.name;
          if (input.description !== undefined) team.description = input.description;
          if (input.specialtySkillCode !== undefined) {
            team.specialtySkillId = input.specialtySkillCode
              ? (await this.skills.byCode(manager, input.specialtySkillCode, 'input.specialtySkillCode')).id
              : null;
          }
          if (input.organizationId !== undefined) {
            team.organizationId = input.organizationId ? (await this.loadOrganization(manager, input.organizationId, 'input.organizationId')).id : null;
          }
          if (input.status === TeamStatus.DISSOLVED && team.status === TeamStatus.ACTIVE) {
            const activeChildren = await manager.getRepository(Team).countBy({ parentId: team.id, status: TeamStatus.ACTIVE });
            if (activeChildren) {
              throw conflict(`${activeChildren} active teams hang under this one; dissolve or move them first`, {
                field: 'input.status',
                reason: 'HAS_ACTIVE_SUBTEAMS',
              });
            }
          }
          if (input.status === TeamStatus.ACTIVE && team.status === TeamStatus.DISSOLVED) {
            // Locked, so that the team above cannot be dissolved while this one comes back.
            const parent = team.parentId ? await this.loadTeam(manager, team.parentId, 'input.status', true) : null;
            if (parent && parent.status !== TeamStatus.ACTIVE)
              throw conflict('The team above is dissolved', { field: 'input.status', reason: 'PARENT_DISSOLVED' });
            // Its organization may have been deregistered meanwhile: link another one or none to bring the team back.
            if (team.organizationId && input.organizationId === undefined) await this.loadOrganization(manager, team.organizationId, 'input.status');
          }
          if (input.status) team.status = input.status;
          await manager.getRepository(Team).save(team);
          if (input.leaderId && input.leaderId !== team.leaderId) await this.makeLeader(manager, team, input.leaderId, 'input.leaderId', principal.subject!);
          return manager.getRepository(Team).findOneByOrFail({ id: team.id });
        },
        'The team',
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('The site has another team of this name', { field: 'input.name', reason: 'NAME_TAKEN' });
      throw error;
    }
  }

  /**
   * Managers add anyone as MEMBER or DEPUTY; the team's leader adds members and deputies; a
   * volunteer joins as a MEMBER. Adding again with the same role changes nothing.
   */
  async addMember(principal: Principal, input: TeamMemberInput): Promise<Team> {
    requireSignedIn(principal);
    const role = input.role ?? TeamRole.MEMBER;
    return runTransaction(
      this.db,
      async (manager) => {
        const team = await this.loadTeam(manager, input.teamId, 'input.teamId', true);
        const volunteer = await this.loadVolunteer(manager, input.volunteerId, 'input.volunteerId');
        const joiningSelf = isSelf(principal, volunteer) && role === TeamRole.MEMBER;
        if (!managesTeam(principal, team) && !(await this.leads(manager, principal, team)) && !joiningSelf) {
          throw forbidden('Only managers of the owning site and the team leader add members; volunteers may join as members', 'NOT_TEAM_MANAGER');
        }
        if (team.status !== TeamStatus.ACTIVE) throw conflict('The team is dissolved', { field: 'input.teamId', reason: 'TEAM_DISSOLVED' });
        if (volunteer.status !== VolunteerStatus.ACTIVE) {
          throw conflict(`The volunteer is ${volunteer.status.toLowerCase()}`, { field: 'input.volunteerId', reason: 'VOLUNTEER_NOT_ACTIVE' });
        }
        const repository = manager.getRepository(TeamMember);
        const existing = await repository.findOneBy({ teamId: team.id, volunteerId: volunteer.id });
        if (existing?.role === TeamRole.LEADER) {
          throw conflict('The leader keeps the role LEADER until another leader is set', { field: 'input.role', reason: 'IS_LEADER' });
        }
        if (existing) {
          if (existing.role !== role) await repository.update({ teamId: team.id, volunteerId: volunteer.id }, { role });
        } else {
          await repository.insert({ teamId: team.id, volunteerId: volunteer.id, role, joinedOn: todayInChina(), addedBy: principal.subject! });
        }
        return team;
      },
      'The team',
    );
  }

  /** Managers and the leader remove members; a volunteer leaves by themselves. The leader cannot be removed. */
  async removeMember(principal: Principal, input: RemoveTeamMemberInput): Promise<Team> {
    requireSignedIn(principal);
    return runTransaction(
      this.db,
      async (manager) => {
        const team = await this.loadTeam(manager, input.teamId, 'input.teamId', true);
        const volunteer = await this.loadVolunteer(manager, input.volunteerId, 'input.volunteerId');
        if (!managesTeam(principal, team) && !isSelf(principal, volunteer) && !(await this.leads(manager, principal, team))) {
          throw forbidden('Only managers of the owning site, the team leader and the member themselves remove a member', 'NOT_TEAM_MANAGER');
        }
        if (team.leaderId === volunteer.id) throw conflict('Set another leader before the leader leaves', { field: 'input.volunteerId', reason: 'IS_LEADER' });
        const result = await manager.getRepository(TeamMember).delete({ teamId: team.id, volunteerId: volunteer.id });
        if (!result.affected) throw notFound('Team member', volunteer.id, 'input.volunteerId');
        return team;
      },
      'The team',
    );
  }

  loadByIds(ids: readonly string[]): Promise<Team[]> {
    return this.db.getRepository(Team).findBy({ id: In([...ids]) });
  }

  private async makeLeader(manager: EntityManager, team: Team, volunteerId: string, field: string, by: string): Promise<void> {
    const volunteer = await this.loadVolunteer(manager, volunteerId, field);
    if (volunteer.status !== VolunteerStatus.ACTIVE)
      throw conflict(`The volunteer is ${volunteer.status.toLowerCase()}`, { field, reason: 'VOLUNTEER_NOT_ACTIVE' });
    const members = manager.getRepository(TeamMember);
    if (team.leaderId) await members.update({ teamId: team.id, volunteerId: team.leaderId }, { role: TeamRole.MEMBER });
    if (await members.existsBy({ teamId: team.id, volunteerId })) await members.update({ teamId: team.id, volunteerId }, { role: TeamRole.LEADER });
    else await members.insert({ teamId: team.id, volunteerId, role: TeamRole.LEADER, joinedOn: todayInChina(), addedBy: by });
    await manager.getRepository(Team).update(team.id, { leaderId: volunteerId });
    team.leaderId = volunteerId;
  }

  private async leads(manager: EntityManager, principal: Principal, team: Team): Promise<boolean> {
    if (!team.leaderId) return false;
    const leader = await manager.getRepository(Volunteer).findOneBy({ id: team.leaderId });
    return leader !== null && isSelf(principal, leader);
  }

  private async loadTeam(manager: EntityManager, id: string, field: string, lock = false): Promise<Team> {
    const query = manager.getRepository(Team).createQueryBuilder('t').where('t.id = :id', { id });
    const team = await (lock ? forUpdate(manager, query) : query).getOne();
    if (!team) throw notFound('Team', id, field);
    return team;
  }

  private async loadVolunteer(manager: EntityManager, id: string, field: string): Promise<Volunteer> {
    const volunteer = await manager.getRepository(Volunteer).findOneBy({ id });
    if (!volunteer) throw notFound('Volunteer', id, field);
    return volunteer;
  }

  /** Locked, so that the organization cannot be deregistered while a team joins it. */
  private async loadOrganization(manager: EntityManager, id: string, field: string): Promise<Organization> {
    const query = manager.getRepository(Organization).createQueryBuilder('o').where('o.id = :id', { id });
    const organization = await forUpdate(manager, query).getOne();
    if (!organization) throw notFound('Organization', id, field);
    if (organization.status !== OrganizationStatus.ACTIVE) throw conflict('The organization is deregistered', { field, reason: 'ORGANIZATION_DEREGISTERED' });
    return organization;
  }
}

/** A sub-team has a level below its parent's and a site at or below the parent's site. */
function checkParent(parent: Team, level: Team['level'], sitePath: string): void {
  if (!ALLOWED_PARENT_LEVELS[level].includes(parent.level)) {
    throw badInput('input.parentId', `A ${level} cannot hang under a ${parent.level}`, 'INVALID_PARENT_LEVEL');
  }
  if (parent.status !== TeamStatus.ACTIVE) throw badInput('input.parentId', 'The team above is dissolved', 'PARENT_DISSOLVED');
  if (!pathIds(sitePath).includes(parent.siteId)) {
    throw badInput('input.parentId', "The team above belongs to a site that is not this team's site or above it", 'PARENT_OUTSIDE_SITE');
  }
}

/** Whether an update asks for more than a status. */
function changesDetails(input: UpdateTeamInput): boolean {
  return [input.name, input.description, input.specialtySkillCode, input.organizationId].some((value) => value !== undefined) || Boolean(input.leaderId);
}

function sameTeamOrConflict(existing: Team, input: CreateTeamInput): Team {
  if (existing.level !== input.level || existing.parentId !== (input.parentId ?? null)) {
    throw conflict('The site has another team of this name', { field: 'input.name', reason: 'NAME_TAKEN' });
  }
  return existing;
}
