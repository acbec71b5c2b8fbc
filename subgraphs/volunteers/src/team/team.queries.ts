import {
  LoaderRegistry,
  checkPageSize,
  decodeCursor,
  encodeCursor,
  firstRowsPerGroup,
  groupLoader,
  likeContains,
  likePrefix,
  toConnection,
} from '@practice/common';
import DataLoader from 'dataloader';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import type { SkillService } from '../skill/skill.service';
import { TeamMember } from './team-member.entity';
import { Team } from './team.entity';
import { TeamLevel, TeamStatus } from './team.enums';
import type { TeamFilter } from './team.inputs';
import { TeamConnection, TeamEdge, TeamMemberConnection, TeamMemberEdge } from './team.types';

type IdCursor = { i: string };
const isIdCursor = (value: Record<string, unknown>): value is IdCursor => typeof value.i === 'string';
type MemberCursor = { d: string; v: string };
const isMemberCursor = (value: Record<string, unknown>): value is MemberCursor => typeof value.d === 'string' && typeof value.v === 'string';

/** Lists of teams and of their members. */
export class TeamQueries {
  constructor(
    private readonly db: DataSource,
    private readonly skills: SkillService,
  ) {}

  async list(filter: TeamFilter = {}, first?: number | null, after?: string | null): Promise<TeamConnection> {
    const size = checkPageSize(first);
    const query = this.db.getRepository(Team).createQueryBuilder('t');
    await this.applyFilter(query, filter);
    const countQuery = query.clone();
    if (after) query.andWhere('t.id > :afterId', { afterId: decodeCursor(after, isIdCursor).i });
    const rows = await query
      .orderBy('t.id', 'ASC')
      .limit(size + 1)
      .getMany();
    return toConnection(TeamConnection, rows, size, Boolean(after), teamEdge, () => countQuery.getCount());
  }

  /** Active teams of each site of a batch (owned by it, or with `below` by it or a site under it), in one statement. */
  ofSites(loaders: LoaderRegistry, levels: TeamLevel[] | undefined, below: boolean): DataLoader<string, Team[]> {
    return loaders.get(`teamsOfSites:${levels?.join(',') ?? ''}:${below}`, () => {
      return new DataLoader<string, Team[]>(async (siteIds) => {
        const query = this.db.getRepository(Team).createQueryBuilder('t').where('t.status = :active', { active: TeamStatus.ACTIVE });
        if (levels?.length) query.andWhere('t.level IN (:...levels)', { levels });
        if (below) {
          query.andWhere(`(${siteIds.map((_id, index) => `t.site_path LIKE :under${index} ESCAPE '!'`).join(' OR ')})`, {
            ...Object.fromEntries(siteIds.map((id, index) => [`under${index}`, likeContains(`/${id}/`)])),
          });
        } else {
          query.andWhere('t.site_id IN (:...siteIds)', { siteIds });
        }
        const teams = await query.orderBy('t.name', 'ASC').getMany();
        return siteIds.map((id) => teams.filter((team) => (below ? team.sitePath.includes(`/${id}/`) : team.siteId === id)));
      });
    });
  }

  /** The teams directly under each team of a batch. */
  subTeams(loaders: LoaderRegistry): DataLoader<string, Team[]> {
    return loaders.get('subTeams', () =>
      groupLoader(
        (ids) => this.db.getRepository(Team).createQueryBuilder('t').where('t.parent_id IN (:...ids)', { ids }).orderBy('t.name', 'ASC').getMany(),
        (team) => team.parentId!,
      ),
    );
  }

  /** Active teams of each organization of a batch. */
  ofOrganizations(loaders: LoaderRegistry): DataLoader<string, Team[]> {
    return loaders.get('teamsOfOrganizations', () =>
      groupLoader(
        (ids) =>
          this.db
            .getRepository(Team)
            .createQueryBuilder('t')
            .where('t.organization_id IN (:...ids) AND t.status = :active', { ids, active: TeamStatus.ACTIVE })
            .orderBy('t.name', 'ASC')
            .getMany(),
        (team) => team.organizationId!,
      ),
    );
  }

  memberCounts(loaders: LoaderRegistry): DataLoader<string, number> {
    return loaders.get(
      'memberCounts',
      () =>
        new DataLoader<string, number>(async (ids) => {
          const rows = await this.db
            .getRepository(TeamMember)
            .createQueryBuilder('m')
            .select('m.team_id', 'teamId')
            .addSelect('COUNT(*)', 'total')
            .where('m.team_id IN (:...ids)', { ids })
            .groupBy('m.team_id')
            .getRawMany<{ teamId: string; total: string | number }>();
          const byTeam = new Map(rows.map((row) => [row.teamId, Number(row.total)]));
          return ids.map((id) => byTeam.get(id) ?? 0);
        }),
    );
  }

  /** A page of members (by join date) for each team of a batch, in one statement. */
  members(loaders: LoaderRegistry, first?: number | null, after?: string | null): DataLoader<string, TeamMemberConnection> {
    const size = checkPageSize(first);
    const cursor = after ? decodeCursor(after, isMemberCursor) : null;
    const counts = this.memberCounts(loaders);
    return loaders.get(
      `teamMembers:${size}:${after ?? ''}`,
      () =>
        new DataLoader<string, TeamMemberConnection>(async (teamIds) => {
          const query = this.db.getRepository(TeamMember).createQueryBuilder('m').where('m.team_id IN (:...teamIds)', { teamIds });
          if (cursor) {
            query.andWhere('(m.joined_on > :afterDay OR (m.joined_on = :afterDay AND m.volunteer_id > :afterVolunteer))', {
              afterDay: cursor.d,
              afterVolunteer: cursor.v,
            });
          }
          const rows = await firstRowsPerGroup(this.db, query, {
            alias: 'm',
            partitionBy: 'm.team_id',
            orderBy: 'm.joined_on ASC, m.volunteer_id ASC',
            limit: size + 1,
          });
          return teamIds.map((id) => toConnection(TeamMemberConnection, rows.get(id) ?? [], size, Boolean(after), memberEdge, () => counts.load(id)));
        }),
    );
  }

  private async applyFilter(query: SelectQueryBuilder<Team>, filter: TeamFilter): Promise<void> {
    query.where('t.status IN (:...statuses)', { statuses: filter.statuses?.length ? filter.statuses : [TeamStatus.ACTIVE] });
    if (filter.siteId) query.andWhere("t.site_path LIKE :underSite ESCAPE '!'", { underSite: likeContains(`/${filter.siteId}/`) });
    if (filter.regionCodePrefix) query.andWhere("t.region_code LIKE :region ESCAPE '!'", { region: likePrefix(filter.regionCodePrefix) });
    if (filter.levels?.length) query.andWhere('t.level IN (:...levels)', { levels: filter.levels });
    if (filter.parentId) query.andWhere('t.parent_id = :parentId', { parentId: filter.parentId });
    if (filter.organizationId) query.andWhere('t.organization_id = :organizationId', { organizationId: filter.organizationId });
    if (filter.specialtySkillCode) {
      const skill = await this.skills.byCode(this.db.manager, filter.specialtySkillCode, 'filter.specialtySkillCode');
      query.andWhere("t.specialty_skill_id IN (SELECT k.id FROM skill k WHERE k.path LIKE :specialty ESCAPE '!')", { specialty: likePrefix(skill.path) });
    }
    if (filter.text) query.andWhere("t.name LIKE :text ESCAPE '!'", { text: likeContains(filter.text) });
  }
}

function teamEdge(team: Team): TeamEdge {
  const result = new TeamEdge();
  result.node = team;
  result.cursor = encodeCursor({ i: team.id });
  return result;
}

function memberEdge(member: TeamMember): TeamMemberEdge {
  const result = new TeamMemberEdge();
  result.node = member;
  result.cursor = encodeCursor({ d: member.joinedOn, v: member.volunteerId });
  return result;
}
