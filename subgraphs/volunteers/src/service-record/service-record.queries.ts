import {
  LoaderRegistry,
  Principal,
  Role,
  badInput,
  checkPageSize,
  decodeCursor,
  encodeCursor,
  firstRowsPerGroup,
  groupLoader,
  isAdmin,
  isSiteScoped,
  likeContains,
  toConnection,
  unauthenticated,
  checkPeriod,
  isValidDate,
} from '@practice/common';
import DataLoader from 'dataloader';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { ServiceRecord } from './service-record.entity';
import type { ServiceRecordFilter } from './service-record.inputs';
import { ServiceRecordConnection, ServiceRecordEdge } from './service-record.types';

type RecordCursor = { d: string; i: string };
const isRecordCursor = (value: Record<string, unknown>): value is RecordCursor => typeof value.d === 'string' && typeof value.i === 'string';

/** Lists of service records, newest day first, in keyset pages. */
export class ServiceRecordQueries {
  constructor(private readonly db: DataSource) {}

  /**
   * Admins and analysts read every record; managers those at or below their sites and those of
   * the volunteers they manage; volunteers their own.
   */
  async list(principal: Principal, filter: ServiceRecordFilter = {}, first?: number | null, after?: string | null): Promise<ServiceRecordConnection> {
    if (principal.subject === null) throw unauthenticated('Sign in to read service records');
    const size = checkPageSize(first);
    const query = this.filtered(filter);
    restrictToReadable(query, principal);
    const countQuery = query.clone();
    if (after) applyCursor(query, after);
    const rows = await query
      .orderBy('r.served_on', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(size + 1)
      .getMany();
    return toConnection(ServiceRecordConnection, rows, size, Boolean(after), recordEdge, () => countQuery.getCount());
  }

  /** A page of records for each volunteer of a list: one statement per batch, one more for counts. */
  perVolunteer(loaders: LoaderRegistry, filter: ServiceRecordFilter = {}, first?: number | null, after?: string | null) {
    const size = checkPageSize(first, 100);
    const key = `recordsOf:${JSON.stringify(filter)}:${size}:${after ?? ''}`;
    return loaders.get<string, ServiceRecordConnection>(key, () => {
      const counts = groupLoader<string, { volunteerId: string; total: number }>(
        async (ids) =>
          (
            await this.filtered(filter)
              .select('r.volunteer_id', 'volunteerId')
              .addSelect('COUNT(*)', 'total')
              .andWhere('r.volunteer_id IN (:...ids)', { ids })
              .groupBy('r.volunteer_id')
              .getRawMany<{ volunteerId: string; total: string | number }>()
          ).map((row) => ({ volunteerId: row.volunteerId, total: Number(row.total) })),
        (row) => row.volunteerId,
      );
      return new DataLoader<string, ServiceRecordConnection>(
        async (ids) => {
          const query = this.filtered(filter).andWhere('r.volunteer_id IN (:...ids)', { ids });
          if (after) applyCursor(query, after);
          const rows = await firstRowsPerGroup(this.db, query, {
            alias: 'r',
            partitionBy: 'r.volunteer_id',
            orderBy: 'r.served_on DESC, r.id DESC',
            limit: size + 1,
          });
          return ids.map((id) =>
            toConnection(ServiceRecordConnection, rows.get(id) ?? [], size, Boolean(after), recordEdge, async () => (await counts.load(id))[0]?.total ?? 0),
          );
        },
        { maxBatchSize: 500 },
      );
    });
  }

  private filtered(filter: ServiceRecordFilter): SelectQueryBuilder<ServiceRecord> {
    const query = this.db.getRepository(ServiceRecord).createQueryBuilder('r').where('1 = 1');
    if (filter.volunteerId) query.andWhere('r.volunteer_id = :volunteerId', { volunteerId: filter.volunteerId });
    if (filter.siteId) query.andWhere("r.site_path LIKE :sitePath ESCAPE '!'", { sitePath: likeContains(`/${filter.siteId}/`) });
    if (filter.statuses?.length) query.andWhere('r.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.sourceType) query.andWhere('r.source_type = :sourceType', { sourceType: filter.sourceType });
    // A start or an end alone is checked too: a day such as 2026-02-30 would otherwise reach the database.
    if (filter.from && !isValidDate(filter.from)) throw badInput('filter.from', 'must be a date YYYY-MM-DD', 'INVALID_DATE');
    if (filter.to && !isValidDate(filter.to)) throw badInput('filter.to', 'must be a date YYYY-MM-DD', 'INVALID_DATE');
    if (filter.from && filter.to) checkPeriod(filter.from, filter.to, 'filter');
    if (filter.from) query.andWhere('r.served_on >= :from', { from: filter.from });
    if (filter.to) query.andWhere('r.served_on <= :to', { to: filter.to });
    return query;
  }
}

function applyCursor(query: SelectQueryBuilder<ServiceRecord>, after: string): void {
  const cursor = decodeCursor(after, isRecordCursor);
  query.andWhere('(r.served_on < :afterDay OR (r.served_on = :afterDay AND r.id < :afterId))', { afterDay: cursor.d, afterId: cursor.i });
}

function restrictToReadable(query: SelectQueryBuilder<ServiceRecord>, principal: Principal): void {
  if (isAdmin(principal) || principal.role === Role.ANALYST) return;
  const own = '(r.volunteer_id = :ownVolunteer OR r.volunteer_id IN (SELECT o.id FROM volunteer o WHERE o.account_subject = :ownAccount))';
  const params: Record<string, unknown> = { ownVolunteer: principal.volunteerId ?? '', ownAccount: principal.subject };
  if (!isSiteScoped(principal) || !principal.siteIds.length) {
    query.andWhere(own, params);
    return;
  }
  const atSites = principal.siteIds.map((_id, index) => `r.site_path LIKE :readSite${index} ESCAPE '!'`);
  principal.siteIds.forEach((id, index) => (params[`readSite${index}`] = likeContains(`/${id}/`)));
  const homes = 'r.volunteer_id IN (SELECT sc.volunteer_id FROM volunteer_scope sc WHERE sc.site_id IN (:...readScopes))';
  params.readScopes = principal.siteIds;
  query.andWhere(`(${[own, ...atSites, homes].join(' OR ')})`, params);
}

export function recordEdge(record: ServiceRecord): ServiceRecordEdge {
  const result = new ServiceRecordEdge();
  result.node = record;
  result.cursor = encodeCursor({ d: record.servedOn, i: record.id });
  return result;
}
