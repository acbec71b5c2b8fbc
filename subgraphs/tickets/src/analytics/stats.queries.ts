import {
  CHINA_OFFSET_MS,
  Principal,
  isMysql,
  REGION_LEVEL_LENGTH,
  RegionLevel,
  TimeBucket,
  addDays,
  badInput,
  checkDimensions,
  checkGroupCount,
  checkPeriod,
  likePrefix,
  regionAt,
  sumAsDouble,
  timeBucket,
  wholeSecondsBetween,
} from '@practice/common';
import { Brackets, DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { categoryReference } from '../category/category.reference';
import type { StatsLimits } from '../settings';
import { siteReference } from '../site/site.reference';
import { Ticket } from '../ticket/ticket.entity';
import { OPEN_STATUSES, TicketStatus } from '../ticket/ticket.enums';
import { TicketScope } from '../ticket/ticket-event.entity';
import { overdueCondition } from '../ticket/ticket.queries';
import { BUCKET_COUNT, DurationMeasure, MATERIALIZED, bucketColumn, bucketColumns, bucketSql, bucketSumColumn, percentileSql } from './duration-histogram';
import { MONTH_STATS_REGION_DIGITS, MONTH_STATS_TABLE, SERVED_STATUSES, caseFlag, inList } from './month-stats';
import { StatsScope, statsScope } from './stats.access';
import { TicketDimension, TicketStatsFilter } from './stats.inputs';
import { TicketDurationStats, TicketGroup, TicketGroupKey, TicketStats } from './stats.types';

export interface StatsRequest {
  filter: TicketStatsFilter;
  groupBy: TicketDimension[];
  regionLevel: RegionLevel;
  first?: number | null;
  /** Which medians and 90th percentiles are read (each needs its duration's histogram); all when not said. */
  percentiles?: { dispatch: Quantiles; completion: Quantiles };
  /** Whether the overdue count is read (a look at the open tickets now); yes when not said. */
  overdue?: boolean;
}

export interface Quantiles {
  median: boolean;
  p90: boolean;
}

type Row = Record<string, string | number | null>;

const QUANTILES = [
  ['median', 0.5, 'p50'],
  ['p90', 0.9, 'p90'],
] as const;

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
/** What the monthly summary has a column for; the others need the tickets themselves. */
const MONTH_STATS_DIMENSIONS = new Set([
  TicketDimension.MONTH,
  TicketDimension.REGION,
  TicketDimension.CATEGORY,
  TicketDimension.CHANNEL,
  TicketDimension.KIND,
]);
const keyColumn = (dimension: TicketDimension): string => `key_${KEY_FIELD[dimension]}`;
const round = (value: string | number | null, decimals: number): number | null =>
  value === null ? null : Math.round(Number(value) * 10 ** decimals) / 10 ** decimals;

/** Midnight in China of a day, as the UTC instant the columns hold. */
const chinaMidnight = (day: string): Date => new Date(Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS);

interface Plan {
  dimensions: TicketDimension[];
  regionLevel: RegionLevel;
  histograms: DurationMeasure[];
  /** The estimates asked of those histograms, as [measure, p, column suffix]. */
  quantiles: [DurationMeasure, number, string][];
  order: string[];
  limit: number;
}

/**
 * `ticketStats`: tickets counted and measured per group by the database, whatever the number of
 * groups. Whole months at township grain or coarser, for analysts and admins, are read from the
 * monthly summary (`ticket_month_stats`, a few rows per township and month); anything finer — a
 * day range, a site, a status, a manager's subtree — from the tickets of the period, through the
 * indexes on region and submission time or the scope rows of a site. Both give the same figures:
 * durations are whole seconds and their medians and percentiles come from the same histograms.
 * Rows never leave the database, only groups, at most the configured number of them.
 */
export class TicketStatsQueries {
  constructor(
    private readonly db: DataSource,
    private readonly limits: StatsLimits,
    /** Off in tests that compare the two ways of answering. */
    private readonly useMonthStats = true,
  ) {}

  async stats(principal: Principal, request: StatsRequest, now = new Date()): Promise<TicketStats> {
    const scope = statsScope(principal);
    const { filter, regionLevel } = request;
    checkPeriod(filter.from, filter.to, 'filter', this.limits.maxPeriodDays);
    const dimensions = checkDimensions(request.groupBy, this.limits);
    const first = this.checkFirst(request.first);
    const asked = (measure: DurationMeasure): Quantiles | undefined => (measure === 'dh' ? request.percentiles?.dispatch : request.percentiles?.completion);
    const quantiles = (['dh', 'ch'] as const).flatMap((measure) =>
      QUANTILES.filter(([field]) => asked(measure)?.[field] ?? true).map(([, p, suffix]): [DurationMeasure, number, string] => [measure, p, suffix]),
    );
    const histograms = (['dh', 'ch'] as const).filter((measure) => quantiles.some(([of]) => of === measure));
    const keys = dimensions.map(keyColumn);
    const plan: Plan = {
      dimensions,
      regionLevel,
      histograms,
      quantiles,
      order: [...(first ? ['n DESC'] : []), ...keys],
      limit: (first ?? this.limits.maxGroups) + 1,
    };

    const found =
      this.useMonthStats && answersFromMonthStats(scope, request)
        ? await this.fromMonthStats(scope, request, plan, now)
        : await this.fromTickets(scope, filter, plan, now);
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

  /** Groups from the tickets: each ticket turned into its keys and measures, then summed. */
  private async fromTickets(scope: StatsScope, filter: TicketStatsFilter, plan: Plan, now: Date): Promise<Row[]> {
    const overdue = overdueCondition('t');
    const base = this.matching(scope, filter)
      .select(caseFlag(`t.status IN (${inList(OPEN_STATUSES)})`), 'is_open')
      .addSelect(caseFlag(`t.status IN (${inList(SERVED_STATUSES)})`), 'is_served')
      .addSelect(caseFlag(`t.status = '${TicketStatus.REJECTED}'`), 'is_rejected')
      .addSelect(caseFlag(`t.status = '${TicketStatus.CANCELLED}'`), 'is_cancelled')
      .addSelect(caseFlag(`t.status = '${TicketStatus.DUPLICATE}'`), 'is_duplicate')
      .addSelect(caseFlag(overdue.sql), 'is_overdue')
      .addSelect(wholeSecondsBetween(this.db, 't.submitted_at', 't.first_dispatched_at'), 'dh')
      .addSelect(wholeSecondsBetween(this.db, 't.submitted_at', 't.completed_at'), 'ch')
      .addSelect('t.rating', 'rating')
      .setParameters({ ...overdue.parameters, now });
    plan.dimensions.forEach((dimension) => base.addSelect(this.keyOf(dimension, plan.regionLevel), keyColumn(dimension)));
    const tickets = this.withoutIndexForGrouping(base.getQuery());
    const keys = plan.dimensions.map(keyColumn);
    const grouping = (alias: string) => keys.map((key) => `${alias}.${key}`);
    const groupedAndOrdered = (alias: string) => (keys.length ? `GROUP BY ${grouping(alias).join(', ')} ORDER BY ${plan.order.join(', ')}` : '');
    let sql: string;
    if (!plan.histograms.length) {
      sql = `SELECT ${[...grouping('w'), ...TICKET_MEASURES].join(', ')} FROM (${tickets}) w ${groupedAndOrdered('w')} LIMIT ${plan.limit}`;
    } else {
      // The tickets are first summed per group and bucket, with the plain measures: the 84 sums per
      // histogram then run over those cells, not over each ticket (a county's year by site: 680,000
      // tickets, 74,000 cells).
      const bucketed = plan.histograms.map((measure) => `${bucketSql(`b.${measure}`)} AS ${measure}_bucket`);
      // Both levels materialized: merged, each arm of a bucket's CASE would compute the seconds again.
      const rows = `SELECT b.*, ${bucketed.join(', ')} FROM (${tickets} ${MATERIALIZED}) b ${MATERIALIZED}`;
      const cellKeys = [...grouping('w'), ...plan.histograms.map((measure) => `w.${measure}_bucket`)];
      const cells = `SELECT ${[...cellKeys, ...TICKET_MEASURES].join(', ')} FROM (${rows}) w GROUP BY ${cellKeys.join(', ')}`;
      sql = `SELECT ${[...grouping('c'), ...cellMeasures(plan.histograms)].join(', ')} FROM (${cells}) c ${groupedAndOrdered('c')} LIMIT ${plan.limit}`;
    }
    const [query, parameters] = this.db.driver.escapeQueryWithParameters(this.withPercentiles(sql, plan, true), base.getParameters(), {});
    // Without dimensions the one group of totals comes back even when nothing matched.
    return ((await this.db.query(query, parameters)) as Row[]).filter((row) => Number(row.n) > 0);
  }

  /** Groups from the monthly summary, and the overdue counts from the open tickets of the period. */
  private async fromMonthStats(scope: StatsScope, request: StatsRequest, plan: Plan, now: Date): Promise<Row[]> {
    const { filter } = request;
    const query = this.db
      .createQueryBuilder()
      .from(MONTH_STATS_TABLE, 'm')
      .select(monthStatsMeasures(plan.histograms))
      .where('m.month >= :fromMonth AND m.month <= :toMonth', { fromMonth: filter.from.slice(0, 7), toMonth: filter.to.slice(0, 7) });
    if (filter.regionCodePrefix) query.andWhere("m.region_code LIKE :region ESCAPE '!'", { region: likePrefix(filter.regionCodePrefix) });
    if (filter.channels?.length) query.andWhere('m.channel IN (:...channels)', { channels: filter.channels });
    if (filter.kinds?.length) query.andWhere('m.kind IN (:...kinds)', { kinds: filter.kinds });
    whereCategories(query, 'm.category_code', filter.categoryCodes);
    for (const dimension of plan.dimensions) {
      const column = keyColumn(dimension);
      query.addSelect(monthStatsKey(dimension, plan.regionLevel), column).addGroupBy(column);
    }
    query.having('SUM(m.n) > 0');
    plan.order.forEach((term) => query.addOrderBy(term.replace(' DESC', ''), term.endsWith(' DESC') ? 'DESC' : 'ASC'));
    const [sql, parameters] = query.limit(plan.limit).getQueryAndParameters();
    const rows = (await this.db.query(this.withPercentiles(sql, plan, false), parameters)) as Row[];
    if (request.overdue ?? true) await this.addOverdue(rows, scope, filter, plan, now);
    return rows;
  }

  /**
   * The grouped rows with their histograms turned into medians and 90th percentiles, in the same
   * order; `withOverdue` when the grouped rows count the overdue themselves (from the tickets).
   */
  private withPercentiles(grouped: string, plan: Plan, withOverdue: boolean): string {
    if (!plan.histograms.length) return grouped;
    const mysql = isMysql(this.db);
    const kept = [...plan.dimensions.map(keyColumn), ...SUMMED, ...(withOverdue ? ['overdue_n'] : [])];
    // Each estimate walks its histogram's buckets: only those read are computed.
    const percentiles = plan.quantiles.map(
      ([measure, p, suffix]) => `${percentileSql(mysql, measure, p, (column) => `g.${column}`, `g.${measure}_n`)} AS ${measure}_${suffix}`,
    );
    const order = plan.order.map((term) => `g.${term}`);
    return `SELECT ${[...kept.map((column) => `g.${column}`), ...percentiles].join(', ')} FROM (${grouped}) g${order.length ? ` ORDER BY ${order.join(', ')}` : ''}`;
  }

  /** Overdue is a matter of now, not of the month: counted from the open tickets, which are few. */
  private async addOverdue(rows: Row[], scope: StatsScope, filter: TicketStatsFilter, plan: Plan, now: Date): Promise<void> {
    const overdue = overdueCondition('t');
    const query = this.matching(scope, filter)
      .select('COUNT(*)', 'overdue_n')
      .andWhere(`t.status IN (${inList(OPEN_STATUSES)})`)
      .andWhere(overdue.sql, { ...overdue.parameters, now });
    for (const dimension of plan.dimensions) {
      const column = keyColumn(dimension);
      query.addSelect(this.keyOf(dimension, plan.regionLevel), column).addGroupBy(column);
    }
    const keyOf = (row: Row) => JSON.stringify(plan.dimensions.map((dimension) => row[keyColumn(dimension)] ?? null));
    const counts = new Map(((await query.getRawMany()) as Row[]).map((row) => [keyOf(row), Number(row.overdue_n)]));
    for (const row of rows) row.overdue_n = counts.get(keyOf(row)) ?? 0;
  }

  /**
   * MariaDB, told to stop at the group limit, would rather walk an index in the order of a
   * grouped column (the status, the category) over every ticket of the table than read the
   * period's range of `ix_ticket_stats` and group it: a county's year by status took 7 s instead
   * of 2. The grouping is done in a temporary table instead, whichever index finds the rows.
   */
  private withoutIndexForGrouping(sql: string): string {
    if (!isMysql(this.db)) return sql;
    const from = 'FROM `ticket` `t`';
    if (!sql.includes(from)) throw new Error('ticketStats: the tickets query no longer reads `ticket` `t`');
    return sql.replace(from, `${from} USE INDEX FOR GROUP BY () USE INDEX FOR ORDER BY ()`);
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

  /** The caller's tickets of the period and filter. */
  private matching(scope: StatsScope, filter: TicketStatsFilter): SelectQueryBuilder<Ticket> {
    const query = this.db
      .createQueryBuilder()
      .from(Ticket, 't')
      .where('t.submitted_at >= :from AND t.submitted_at < :until', { from: chinaMidnight(filter.from), until: chinaMidnight(addDays(filter.to, 1)) });
    if (!scope.everything) restrictToScope(query, scope);
    if (filter.regionCodePrefix) query.andWhere("t.serving_region_code LIKE :region ESCAPE '!'", { region: likePrefix(filter.regionCodePrefix) });
    if (filter.siteId) query.innerJoin(TicketScope, 'fs', 'fs.ticket_id = t.id AND fs.site_id = :filterSite', { filterSite: filter.siteId });
    if (filter.statuses?.length) query.andWhere('t.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.channels?.length) query.andWhere('t.channel IN (:...channels)', { channels: filter.channels });
    if (filter.kinds?.length) query.andWhere('t.kind IN (:...kinds)', { kinds: filter.kinds });
    whereCategories(query, 't.category_code', filter.categoryCodes);
    return query;
  }
}

/**
 * Whether the monthly summary holds the answer: every ticket counted (analysts and admins), whole
 * months, no site, status or finer region than a township.
 */
export function answersFromMonthStats(scope: StatsScope, { filter, groupBy, regionLevel }: StatsRequest): boolean {
  const wholeMonths = filter.from.endsWith('-01') && addDays(filter.to, 1).endsWith('-01');
  const townshipOrCoarser = (digits: number) => digits <= MONTH_STATS_REGION_DIGITS;
  return (
    scope.everything &&
    wholeMonths &&
    !filter.siteId &&
    !filter.statuses?.length &&
    townshipOrCoarser(filter.regionCodePrefix?.length ?? 0) &&
    groupBy.every((dimension) => MONTH_STATS_DIMENSIONS.has(dimension)) &&
    (!groupBy.includes(TicketDimension.REGION) || townshipOrCoarser(REGION_LEVEL_LENGTH[regionLevel]))
  );
}

function monthStatsKey(dimension: TicketDimension, level: RegionLevel): string {
  switch (dimension) {
    case TicketDimension.MONTH:
      return 'm.month';
    case TicketDimension.REGION:
      return regionAt('m.region_code', level);
    case TicketDimension.CATEGORY:
      // The summary keys tickets without a category by '' (a key column cannot be null).
      return "NULLIF(m.category_code, '')";
    case TicketDimension.CHANNEL:
      return 'm.channel';
    default:
      return 'm.kind';
  }
}

/** In any of these categories or one below it. */
function whereCategories(query: SelectQueryBuilder<ObjectLiteral>, column: string, codes: readonly string[] | null | undefined): void {
  if (!codes?.length) return;
  query.andWhere(
    new Brackets((where) =>
      codes.forEach((code, index) =>
        where.orWhere(`(${column} = :cat${index} OR ${column} LIKE :below${index} ESCAPE '!')`, {
          [`cat${index}`]: code,
          [`below${index}`]: likePrefix(`${code}.`),
        }),
      ),
    ),
  );
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

const SUMMED = ['n', 'open_n', 'served_n', 'rejected_n', 'cancelled_n', 'duplicate_n', 'dh_n', 'dh_seconds', 'ch_n', 'ch_seconds', 'rated_n', 'rating_sum'];

/**
 * The aggregates over the tickets' columns, named as the summary's columns. Sums as doubles, as
 * for the summary (`monthStatsMeasures`): a county's year by site groups 680,000 tickets, and
 * MariaDB's DECIMAL sums were a quarter of the query.
 */
const TICKET_MEASURES = [
  'COUNT(*) AS n',
  ...(
    [
      ['is_open', 'open_n'],
      ['is_served', 'served_n'],
      ['is_rejected', 'rejected_n'],
      ['is_cancelled', 'cancelled_n'],
      ['is_duplicate', 'duplicate_n'],
      ['is_overdue', 'overdue_n'],
    ] as const
  ).map(([flag, column]) => `${sumAsDouble(`w.${flag}`)} AS ${column}`),
  'COUNT(w.dh) AS dh_n',
  `${sumAsDouble('w.dh')} AS dh_seconds`,
  'COUNT(w.ch) AS ch_n',
  `${sumAsDouble('w.ch')} AS ch_seconds`,
  'COUNT(w.rating) AS rated_n',
  `${sumAsDouble('w.rating')} AS rating_sum`,
];

/** The same summed over cells of tickets of one bucket (per histogram), and the histograms. */
const cellMeasures = (histograms: readonly DurationMeasure[]): string[] => [
  ...[...SUMMED, 'overdue_n'].map((column) => `${sumAsDouble(`c.${column}`)} AS ${column}`),
  ...histograms.flatMap((measure) =>
    Array.from({ length: BUCKET_COUNT }, (_, bucket) => [
      `${sumAsDouble(`CASE WHEN c.${measure}_bucket = ${bucket} THEN c.${measure}_n ELSE 0 END`)} AS ${bucketColumn(measure, bucket)}`,
      `${sumAsDouble(`CASE WHEN c.${measure}_bucket = ${bucket} THEN c.${measure}_seconds ELSE 0 END`)} AS ${bucketSumColumn(measure, bucket)}`,
    ]).flat(),
  ),
];

/**
 * The same, summed over the summary's rows. As doubles: MariaDB sums integers in DECIMAL, which for
 * a county's year of 170 columns costs twice the whole rest of the query, and every sum here is a
 * whole number far below 2^53, which a double holds exactly.
 */
const monthStatsMeasures = (histograms: readonly DurationMeasure[]): string[] =>
  [...SUMMED, ...histograms.flatMap(bucketColumns)].map((column) => `${sumAsDouble(`m.${column}`)} AS ${column}`);

function durations(row: Row, measure: DurationMeasure): TicketDurationStats {
  const measured = Number(row[`${measure}_n`]);
  return {
    measured,
    average: measured ? round(Number(row[`${measure}_seconds`]) / measured / 3600, 2) : null,
    median: round(row[`${measure}_p50`] ?? null, 2),
    p90: round(row[`${measure}_p90`] ?? null, 2),
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
  const rated = Number(row.rated_n);
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
    ratedCount: rated,
    averageRating: rated ? round(Number(row.rating_sum) / rated, 2) : null,
  });
}
