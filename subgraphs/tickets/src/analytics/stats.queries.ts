import {
  CHINA_OFFSET_MS,
  Principal,
  RegionLevel,
  TimeBucket,
  addDays,
  badInput,
  checkDimensions,
  checkGroupCount,
  checkPeriod,
  hoursBetween,
  likePrefix,
  percentileOf,
  percentileWindow,
  regionAt,
  timeBucket,
} from '@practice/common';
import { Brackets, DataSource, SelectQueryBuilder } from 'typeorm';
import { categoryReference } from '../category/category.reference';
import type { StatsLimits } from '../settings';
import { siteReference } from '../site/site.reference';
import { Ticket } from '../ticket/ticket.entity';
import { OPEN_STATUSES, TicketStatus } from '../ticket/ticket.enums';
import { TicketScope } from '../ticket/ticket-event.entity';
import { overdueCondition } from '../ticket/ticket.queries';
import { StatsScope, statsScope } from './stats.access';
import { TicketDimension, TicketStatsFilter } from './stats.inputs';
import { TicketDurationStats, TicketGroup, TicketGroupKey, TicketStats } from './stats.types';

export interface StatsRequest {
  filter: TicketStatsFilter;
  groupBy: TicketDimension[];
  regionLevel: RegionLevel;
  first?: number | null;
  /** Which durations need their median and 90th percentile (a sort each); both when not said. */
  percentiles?: { dispatch: boolean; completion: boolean };
}

type Row = Record<string, string | number | null>;

const SERVED = [TicketStatus.COMPLETED, TicketStatus.RATED, TicketStatus.CLOSED];
const BUCKETS: Partial<Record<TicketDimension, TimeBucket>> = {
  [TicketDimension.MONTH]: TimeBucket.MONTH,
  [TicketDimension.WEEK]: TimeBucket.WEEK,
  [TicketDimension.DAY]: TimeBucket.DAY,
};
const KEY_FIELD: Record<TicketDimension, keyof TicketGroupKey> = {
  MONTH: 'month',
  WEEK: 'week',
  DAY: 'day',
  REGION: 'region',
  SITE: 'site',
  CATEGORY: 'category',
  STATUS: 'status',
  CHANNEL: 'channel',
  KIND: 'kind',
};
const keyColumn = (dimension: TicketDimension): string => `key_${KEY_FIELD[dimension]}`;
/** Status lists of the code itself, written into the SQL as literals. */
const inList = (statuses: readonly TicketStatus[]): string => statuses.map((status) => `'${status}'`).join(', ');
const flag = (condition: string): string => `CASE WHEN ${condition} THEN 1 ELSE 0 END`;
const round = (value: string | number | null, decimals: number): number | null =>
  value === null ? null : Math.round(Number(value) * 10 ** decimals) / 10 ** decimals;

/** Midnight in China of a day, as the UTC instant the columns hold. */
const chinaMidnight = (day: string): Date => new Date(Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS);

/**
 * `ticketStats`: tickets counted and measured per group in one SQL statement, whatever the number
 * of groups. The innermost query picks the caller's tickets of the period (through the indexes on
 * region and submission time, or the scope rows of a site) and turns each into its keys and
 * measures; the middle one ranks the durations within each group (window functions) for the
 * percentiles; the outer one groups. Rows never leave the database, only groups, at most the
 * configured number of them.
 */
export class TicketStatsQueries {
  constructor(
    private readonly db: DataSource,
    private readonly limits: StatsLimits,
  ) {}

  async stats(principal: Principal, request: StatsRequest, now = new Date()): Promise<TicketStats> {
    const scope = statsScope(principal);
    const { filter, regionLevel } = request;
    checkPeriod(filter.from, filter.to, 'filter', this.limits.maxPeriodDays);
    const dimensions = checkDimensions(request.groupBy, this.limits);
    const first = this.checkFirst(request.first);

    const base = this.tickets(scope, filter, now);
    const keys = dimensions.map((dimension) => ({ dimension, column: keyColumn(dimension), sql: this.keyOf(dimension, regionLevel) }));
    keys.forEach(({ column, sql }) => base.addSelect(sql, column));
    const keyColumns = keys.map(({ column }) => `b.${column}`);
    const ranked = { dh: request.percentiles?.dispatch ?? true, ch: request.percentiles?.completion ?? true };
    const windows = [
      ...(ranked.dh ? percentileWindow('b.dh', keyColumns, 'dh_rank', 'dh_n') : []),
      ...(ranked.ch ? percentileWindow('b.ch', keyColumns, 'ch_rank', 'ch_n') : []),
    ];
    const grouped = keys.map(({ column }) => `w.${column}`);
    const order = [...(first ? ['n DESC'] : []), ...grouped];
    const limit = (first ?? this.limits.maxGroups) + 1;
    const rows = windows.length ? `SELECT b.*, ${windows.join(', ')} FROM (${base.getQuery()}) b` : base.getQuery();
    const sql = `SELECT ${[...grouped, ...measures(ranked)].join(', ')}
      FROM (${rows}) w
      ${grouped.length ? `GROUP BY ${grouped.join(', ')} ORDER BY ${order.join(', ')}` : ''}
      LIMIT ${limit}`;
    const [query, parameters] = this.db.driver.escapeQueryWithParameters(sql, base.getParameters(), {});
    // Without dimensions the one group of totals comes back even when nothing matched.
    const found = ((await this.db.query(query, parameters)) as Row[]).filter((row) => Number(row.n) > 0);
    if (!first) checkGroupCount(found, this.limits);
    const groups = found.slice(0, first ?? found.length).map((row) => groupOf(row, dimensions));
    return Object.assign(new TicketStats(), { groups, truncated: first !== undefined && found.length > first, asOf: now });
  }

  private checkFirst(first: number | null | undefined): number | undefined {
    if (first === null || first === undefined) return undefined;
    if (!Number.isInteger(first) || first < 1 || first > this.limits.maxGroups) {
      throw badInput('first', `first must be between 1 and ${this.limits.maxGroups}`, 'FIRST_OUT_OF_RANGE');
    }
    return first;
  }

  private keyOf(dimension: TicketDimension, level: RegionLevel): string {
    const bucket = BUCKETS[dimension];
    if (bucket) return timeBucket(this.db, 't.submitted_at', bucket);
    switch (dimension) {
      case TicketDimension.REGION:
        return regionAt('t.serving_region_code', level);
      case TicketDimension.SITE:
        return 't.serving_site_id';
      case TicketDimension.CATEGORY:
        return 't.category_code';
      case TicketDimension.STATUS:
        return 't.status';
      case TicketDimension.CHANNEL:
        return 't.channel';
      default:
        return 't.kind';
    }
  }

  /** The caller's tickets of the period and filter, each as the measures the groups add up. */
  private tickets(scope: StatsScope, filter: TicketStatsFilter, now: Date): SelectQueryBuilder<Ticket> {
    const overdue = overdueCondition('t');
    const query = this.db
      .createQueryBuilder()
      .from(Ticket, 't')
      .select(flag(`t.status IN (${inList(OPEN_STATUSES)})`), 'is_open')
      .addSelect(flag(`t.status IN (${inList(SERVED)})`), 'is_served')
      .addSelect(flag(`t.status = '${TicketStatus.REJECTED}'`), 'is_rejected')
      .addSelect(flag(`t.status = '${TicketStatus.CANCELLED}'`), 'is_cancelled')
      .addSelect(flag(`t.status = '${TicketStatus.DUPLICATE}'`), 'is_duplicate')
      .addSelect(flag(overdue.sql), 'is_overdue')
      .addSelect(hoursBetween(this.db, 't.submitted_at', 't.first_dispatched_at'), 'dh')
      .addSelect(hoursBetween(this.db, 't.submitted_at', 't.completed_at'), 'ch')
      .addSelect('t.rating', 'rating')
      .setParameters({ ...overdue.parameters, now })
      .where('t.submitted_at >= :from AND t.submitted_at < :until', { from: chinaMidnight(filter.from), until: chinaMidnight(addDays(filter.to, 1)) });
    if (!scope.everything) restrictToScope(query, scope);
    if (filter.regionCodePrefix) query.andWhere("t.serving_region_code LIKE :region ESCAPE '!'", { region: likePrefix(filter.regionCodePrefix) });
    if (filter.siteId) query.innerJoin(TicketScope, 'fs', 'fs.ticket_id = t.id AND fs.site_id = :filterSite', { filterSite: filter.siteId });
    if (filter.statuses?.length) query.andWhere('t.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.channels?.length) query.andWhere('t.channel IN (:...channels)', { channels: filter.channels });
    if (filter.kinds?.length) query.andWhere('t.kind IN (:...kinds)', { kinds: filter.kinds });
    const categories = filter.categoryCodes ?? [];
    if (categories.length) {
      query.andWhere(
        new Brackets((where) =>
          categories.forEach((code, index) =>
            where.orWhere(`(t.category_code = :cat${index} OR t.category_code LIKE :below${index} ESCAPE '!')`, {
              [`cat${index}`]: code,
              [`below${index}`]: likePrefix(`${code}.`),
            }),
          ),
        ),
      );
    }
    return query;
  }
}

/** EXISTS rather than a join: a manager of a site and of one below it would count its tickets twice. */
function restrictToScope(query: SelectQueryBuilder<Ticket>, scope: Extract<StatsScope, { everything: false }>): void {
  query.andWhere(
    new Brackets((where) => {
      where.where('t.id IN (SELECT vs.ticket_id FROM ticket_scope vs WHERE vs.site_id IN (:...scopeSites))', { scopeSites: scope.siteIds });
      if (scope.publisherIds.length) where.orWhere('t.resource_publisher_id IN (:...scopePublishers)', { scopePublishers: scope.publisherIds });
    }),
  );
}

/** The aggregates of the outer query, over the columns of `tickets` and the windows. */
const measures = (ranked: Record<'dh' | 'ch', boolean>): string[] => [
  'COUNT(*) AS n',
  'SUM(w.is_open) AS open_n',
  'SUM(w.is_served) AS served_n',
  'SUM(w.is_rejected) AS rejected_n',
  'SUM(w.is_cancelled) AS cancelled_n',
  'SUM(w.is_duplicate) AS duplicate_n',
  'SUM(w.is_overdue) AS overdue_n',
  ...(['dh', 'ch'] as const).flatMap((d) => [
    `COUNT(w.${d}) AS ${d}_count`,
    `AVG(w.${d}) AS ${d}_avg`,
    `${ranked[d] ? percentileOf(`w.${d}`, `w.${d}_rank`, `w.${d}_n`, 0.5) : 'NULL'} AS ${d}_p50`,
    `${ranked[d] ? percentileOf(`w.${d}`, `w.${d}_rank`, `w.${d}_n`, 0.9) : 'NULL'} AS ${d}_p90`,
  ]),
  'COUNT(w.rating) AS rated_n',
  'AVG(w.rating) AS rating_avg',
];

function durations(row: Row, prefix: 'dh' | 'ch'): TicketDurationStats {
  return {
    measured: Number(row[`${prefix}_count`]),
    average: round(row[`${prefix}_avg`], 2),
    median: round(row[`${prefix}_p50`], 2),
    p90: round(row[`${prefix}_p90`], 2),
  };
}

function groupOf(row: Row, dimensions: readonly TicketDimension[]): TicketGroup {
  const key = new TicketGroupKey();
  for (const dimension of dimensions) {
    const value = row[keyColumn(dimension)];
    const text = value === null ? null : String(value);
    if (dimension === TicketDimension.SITE) key.site = text === null ? null : siteReference(text);
    else if (dimension === TicketDimension.CATEGORY) key.category = text === null ? null : categoryReference(text);
    else Object.assign(key, { [KEY_FIELD[dimension]]: text });
  }
  const count = Number(row.n);
  const served = Number(row.served_n);
  const rejected = Number(row.rejected_n);
  const cancelled = Number(row.cancelled_n);
  const duplicate = Number(row.duplicate_n);
  const toServe = count - rejected - cancelled - duplicate;
  return Object.assign(new TicketGroup(), {
    key,
    count,
    openCount: Number(row.open_n),
    completedCount: served,
    rejectedCount: rejected,
    cancelledCount: cancelled,
    duplicateCount: duplicate,
    overdueCount: Number(row.overdue_n),
    completionRate: toServe > 0 ? round(served / toServe, 4) : null,
    dispatchHours: durations(row, 'dh'),
    completionHours: durations(row, 'ch'),
    ratedCount: Number(row.rated_n),
    averageRating: round(row.rating_avg, 2),
  });
}
