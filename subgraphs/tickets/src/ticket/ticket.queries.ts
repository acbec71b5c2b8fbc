import {
  LoaderRegistry,
  Principal,
  Role,
  checkPageSize,
  decodeCursor,
  encodeCursor,
  firstRowsPerGroup,
  isAdmin,
  likePrefix,
  toConnection,
} from '@practice/common';
import DataLoader from 'dataloader';
import { Brackets, DataSource, In, SelectQueryBuilder } from 'typeorm';
import type { Relation } from './ticket.access';
import { Ticket } from './ticket.entity';
import { IN_SERVICE_STATUSES, OPEN_STATUSES, TicketKind, TicketStatus, UNDISPATCHED_STATUSES } from './ticket.enums';
import { FollowUp, TicketEvent, TicketScope } from './ticket-event.entity';
import type { TicketFilter } from './ticket.inputs';
import { TicketConnection, TicketEdge } from './ticket.types';

type IdCursor = { i: string };
const isIdCursor = (value: Record<string, unknown>): value is IdCursor => typeof value.i === 'string';
const edge = (ticket: Ticket): TicketEdge => Object.assign(new TicketEdge(), { cursor: encodeCursor({ i: ticket.id }), node: ticket });

/** The caller and what they are to tickets: lists show only the tickets they may see. */
export interface Viewer {
  principal: Principal;
  relation: Relation;
}

/** Groups of list pages: by serving site (and above), by assignee, by ordered resource. */
type Grouping = { join?: 'scope'; column: string };
const BY_SITE: Grouping = { join: 'scope', column: 'sc.site_id' };
const BY_VOLUNTEER: Grouping = { column: 't.assigned_volunteer_id' };
const BY_RESOURCE: Grouping = { column: 't.resource_id' };

/**
 * Reading tickets: filters in SQL (a site's subtree through ticket_scope, regions by the copied code
 * prefix, overdue by the deadlines' indexes), newest first with keyset pagination, and only the
 * tickets the caller may see.
 */
export class TicketQueries {
  constructor(private readonly db: DataSource) {}

  list(viewer: Viewer, filter: TicketFilter = {}, first?: number | null, after?: string | null): Promise<TicketConnection> {
    return this.page(this.filtered(viewer, filter), first, after);
  }

  /** The tickets dispatched to the calling volunteer or their teams, or taken by them. */
  assignments(viewer: Viewer, filter: TicketFilter = {}, first?: number | null, after?: string | null): Promise<TicketConnection> {
    const { volunteerId } = viewer.principal;
    const teamIds = viewer.relation.teamIds ?? [];
    const query = this.filtered(viewer, filter).andWhere(
      new Brackets((where) => {
        where.where('t.assigned_volunteer_id = :me', { me: volunteerId ?? '-' });
        if (teamIds.length) where.orWhere('t.assigned_team_id IN (:...myTeams)', { myTeams: teamIds });
      }),
    );
    return this.page(query, first, after);
  }

  /** Newest first, keyset pagination on the time-ordered id, the count only when asked for. */
  private async page(query: SelectQueryBuilder<Ticket>, first?: number | null, after?: string | null): Promise<TicketConnection> {
    const size = checkPageSize(first);
    const countQuery = query.clone();
    if (after) query.andWhere('t.id < :afterId', { afterId: decodeCursor(after, isIdCursor).i });
    const rows = await query
      .orderBy('t.id', 'DESC')
      .limit(size + 1)
      .getMany();
    return toConnection(TicketConnection, rows, size, Boolean(after), edge, () => countQuery.getCount());
  }

  /** `Site.tickets` for every site of a batch: a page per site in one statement, the counts in one more. */
  perSite(loaders: LoaderRegistry, viewer: Viewer, filter: TicketFilter, first?: number | null): DataLoader<string, TicketConnection> {
    return this.pagesBy(loaders, 'site', BY_SITE, viewer, filter, first);
  }

  perVolunteer(loaders: LoaderRegistry, viewer: Viewer, filter: TicketFilter, first?: number | null): DataLoader<string, TicketConnection> {
    return this.pagesBy(loaders, 'volunteer', BY_VOLUNTEER, viewer, filter, first);
  }

  perResource(loaders: LoaderRegistry, viewer: Viewer, filter: TicketFilter, first?: number | null): DataLoader<string, TicketConnection> {
    return this.pagesBy(loaders, 'resource', BY_RESOURCE, viewer, { ...filter, kinds: [TicketKind.ORDER] }, first);
  }

  /** Open tickets served by each site of a batch or below it: counts only, for everybody. */
  openCounts(loaders: LoaderRegistry): DataLoader<string, number> {
    return loaders.get(
      'openTicketCounts',
      () =>
        new DataLoader<string, number>(async (siteIds) => {
          const rows = await this.db
            .getRepository(TicketScope)
            .createQueryBuilder('sc')
            .select('sc.site_id', 'siteId')
            .addSelect('COUNT(*)', 'n')
            .where('sc.site_id IN (:...siteIds)', { siteIds })
            .andWhere('sc.status IN (:...open)', { open: OPEN_STATUSES })
            .groupBy('sc.site_id')
            .getRawMany<{ siteId: string; n: string | number }>();
          const counts = new Map(rows.map((row) => [row.siteId, Number(row.n)]));
          return siteIds.map((id) => counts.get(id) ?? 0);
        }),
    );
  }

  byIds(ids: readonly string[]): Promise<Ticket[]> {
    return this.db.getRepository(Ticket).findBy({ id: In([...ids]) });
  }

  byCode(code: string): Promise<Ticket | null> {
    return this.db.getRepository(Ticket).findOneBy({ code });
  }

  eventsOf(ticketIds: readonly string[]): Promise<TicketEvent[]> {
    return this.db.getRepository(TicketEvent).find({ where: { ticketId: In([...ticketIds]) }, order: { sequence: 'ASC' } });
  }

  followUpsOf(ticketIds: readonly string[]): Promise<FollowUp[]> {
    return this.db.getRepository(FollowUp).find({ where: { ticketId: In([...ticketIds]) }, order: { id: 'ASC' } });
  }

  private pagesBy(
    loaders: LoaderRegistry,
    name: string,
    grouping: Grouping,
    viewer: Viewer,
    filter: TicketFilter,
    first?: number | null,
  ): DataLoader<string, TicketConnection> {
    const size = checkPageSize(first);
    const key = `tickets:${name}:${JSON.stringify(filter)}:${size}`;
    return loaders.get(key, () => {
      const grouped = (ids: readonly string[]) => {
        const query = this.filtered(viewer, filter);
        if (grouping.join) query.innerJoin(TicketScope, 'sc', 'sc.ticket_id = t.id');
        return query.andWhere(`${grouping.column} IN (:...groupIds)`, { groupIds: ids });
      };
      const counts = new DataLoader<string, number>(async (ids) => {
        const rows = await grouped(ids)
          .select(grouping.column, 'groupId')
          .addSelect('COUNT(*)', 'n')
          .groupBy(grouping.column)
          .getRawMany<{ groupId: string; n: string | number }>();
        const byGroup = new Map(rows.map((row) => [row.groupId, Number(row.n)]));
        return ids.map((id) => byGroup.get(id) ?? 0);
      });
      return new DataLoader<string, TicketConnection>(async (ids) => {
        const pages = await firstRowsPerGroup(this.db, grouped(ids), { alias: 't', partitionBy: grouping.column, orderBy: 't.id DESC', limit: size + 1 });
        return ids.map((id) => toConnection(TicketConnection, pages.get(id) ?? [], size, false, edge, () => counts.load(id)));
      });
    });
  }

  private filtered(viewer: Viewer, filter: TicketFilter): SelectQueryBuilder<Ticket> {
    const query = this.db.getRepository(Ticket).createQueryBuilder('t').where('1 = 1');
    restrictToVisible(query, viewer);
    if (filter.statuses?.length) query.andWhere('t.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.kinds?.length) query.andWhere('t.kind IN (:...kinds)', { kinds: filter.kinds });
    if (filter.channels?.length) query.andWhere('t.channel IN (:...channels)', { channels: filter.channels });
    if (filter.categoryCodes?.length) {
      query.andWhere(
        new Brackets((where) =>
          filter.categoryCodes!.forEach((code, index) =>
            where.orWhere(`(t.category_code = :cat${index} OR t.category_code LIKE :below${index} ESCAPE '!')`, {
              [`cat${index}`]: code,
              [`below${index}`]: likePrefix(`${code}.`),
            }),
          ),
        ),
      );
    }
    if (filter.siteId) query.innerJoin(TicketScope, 'fs', 'fs.ticket_id = t.id AND fs.site_id = :filterSite', { filterSite: filter.siteId });
    if (filter.regionCodePrefix) query.andWhere("t.serving_region_code LIKE :region ESCAPE '!'", { region: likePrefix(filter.regionCodePrefix) });
    if (filter.assignedVolunteerId) query.andWhere('t.assigned_volunteer_id = :volunteer', { volunteer: filter.assignedVolunteerId });
    if (filter.assignedTeamId) query.andWhere('t.assigned_team_id = :team', { team: filter.assignedTeamId });
    if (filter.resourceId) query.andWhere('t.resource_id = :resource', { resource: filter.resourceId });
    if (filter.requesterSubject) query.andWhere('t.requester_subject = :requester', { requester: filter.requesterSubject });
    if (filter.submittedFrom) query.andWhere('t.submitted_at >= :from', { from: filter.submittedFrom });
    if (filter.submittedTo) query.andWhere('t.submitted_at < :to', { to: filter.submittedTo });
    if (filter.overdue !== undefined && filter.overdue !== null) {
      const overdue = overdueCondition();
      query.andWhere(filter.overdue ? overdue.sql : `NOT ${overdue.sql}`, { ...overdue.parameters, now: new Date() });
    }
    return query;
  }
}

/** Past the deadline that runs in its status: dispatch while nobody has it, completion while in service. */
export function overdueCondition(alias = 't'): { sql: string; parameters: Record<string, unknown> } {
  return {
    sql: `((${alias}.status IN (:...undispatched) AND ${alias}.dispatch_due_at < :now) OR (${alias}.status IN (:...inService) AND ${alias}.completion_due_at < :now))`,
    parameters: { undispatched: UNDISPATCHED_STATUSES, inService: IN_SERVICE_STATUSES },
  };
}

/** The tickets the caller may see, as `seesTicket` says, in SQL. */
function restrictToVisible(query: SelectQueryBuilder<Ticket>, { principal, relation }: Viewer): void {
  if (isAdmin(principal) || principal.role === Role.ANALYST) return;
  query.andWhere(
    new Brackets((where) => {
      where.where('(t.kind = :wish AND t.status = :wall)', { wish: TicketKind.WISH, wall: TicketStatus.PUBLISHED });
      if (principal.subject) where.orWhere('t.requester_subject = :viewer', { viewer: principal.subject });
      if (principal.volunteerId) where.orWhere('t.assigned_volunteer_id = :viewerVolunteer', { viewerVolunteer: principal.volunteerId });
      if (relation.teamIds?.length) where.orWhere('t.assigned_team_id IN (:...viewerTeams)', { viewerTeams: relation.teamIds });
      if ((principal.role === Role.SITE_MANAGER || principal.role === Role.AGENCY_ADMIN) && principal.siteIds.length) {
        where.orWhere('EXISTS (SELECT 1 FROM ticket_scope vs WHERE vs.ticket_id = t.id AND vs.site_id IN (:...viewerSites))', {
          viewerSites: principal.siteIds,
        });
      }
      if (principal.role === Role.AGENCY_ADMIN && principal.siteIds.length) {
        where.orWhere('t.resource_publisher_id IN (:...viewerAgencies)', { viewerAgencies: principal.siteIds });
      }
    }),
  );
}
