import { Principal, RegionLevel, TimeBucket, addDays, checkDimensions, checkPeriod, dateBucket, regionAt } from '@practice/common';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ServiceMonth, ServiceMonthGroup } from '../service-record/service-month.entity';
import { ServiceRecord } from '../service-record/service-record.entity';
import { ServiceRecordStatus, ServiceSourceType } from '../service-record/service-record.enums';
import { siteReference } from '../site/site.reference';
import type { SkillService } from '../skill/skill.service';
import type { StarLevels } from '../volunteer/star-level';
import { SqlColumn, groupedRows, hoursOf, idKey, meanHours } from './grouped-query';
import { ServiceHourDimension, ServiceHourStatsFilter } from './service-hour-stats.inputs';
import { ServiceHourGroup, ServiceHourGroupKey, ServiceHourStats } from './service-hour-stats.types';
import type { StatsLimits } from './stats-settings';
import { StatsViewer, statsViewer } from './stats.access';
import { whereRegion, whereSkills, whereTeam, whereUnderSites } from './stats-filters';

const KEY: Record<ServiceHourDimension, string> = {
  [ServiceHourDimension.MONTH]: 'k_month',
  [ServiceHourDimension.WEEK]: 'k_week',
  [ServiceHourDimension.DAY]: 'k_day',
  [ServiceHourDimension.REGION]: 'k_region',
  [ServiceHourDimension.SITE]: 'k_site',
  [ServiceHourDimension.SOURCE_TYPE]: 'k_source',
  [ServiceHourDimension.STATUS]: 'k_status',
  [ServiceHourDimension.STAR_LEVEL]: 'k_star',
  [ServiceHourDimension.TEAM]: 'k_team',
};

export interface ServiceHourStatsOptions {
  /** Answer from `service_month` when it can (the default); false reads the records always, as tests compare. */
  serviceMonths?: boolean;
}

/** FROM, joins and WHERE of the facts, with the keys and measures of the groups over them. */
interface FactsSpec {
  query: SelectQueryBuilder<ObjectLiteral>;
  keys: SqlColumn[];
  measures: SqlColumn[];
}

/**
 * `serviceHourStats`: the service records of a period that pass the filter, grouped and measured
 * by the database in one statement. The period is required and bounded: it is what keeps the
 * range of records read in proportion to the question. The requests that `service_month` answers
 * exactly (see `fromServiceMonths`) read its rows instead of the records.
 */
export class ServiceHourStatsQueries {
  constructor(
    private readonly db: DataSource,
    private readonly skills: SkillService,
    private readonly stars: StarLevels,
    private readonly limits: StatsLimits,
    private readonly options: ServiceHourStatsOptions = {},
  ) {}

  async stats(
    principal: Principal,
    groupBy: readonly ServiceHourDimension[],
    filter: ServiceHourStatsFilter,
    regionLevel = RegionLevel.TOWNSHIP,
    first?: number | null,
  ): Promise<ServiceHourStats> {
    const viewer = statsViewer(principal, this.limits.minGroupSize);
    const dimensions = checkDimensions(groupBy, this.limits);
    checkPeriod(filter.from, filter.to, 'filter', this.limits.maxPeriodDays);

    const months = this.options.serviceMonths === false ? null : fromServiceMonths(dimensions, filter, regionLevel, viewer);
    const facts = months ? this.monthsSpec(months, dimensions, filter) : await this.recordsSpec(dimensions, filter, regionLevel, viewer);
    const { rows, truncated, suppressed } = await groupedRows(
      this.db,
      { ...facts, volunteersOf: 'volunteers', largestBy: 'hundredths' },
      { first, limits: this.limits, minGroupSize: viewer.minGroupSize },
    );
    return Object.assign(new ServiceHourStats(), {
      groups: rows.map((row) => groupOf(row, dimensions)),
      truncated,
      minimumGroupSize: viewer.minGroupSize,
      suppressedGroups: suppressed,
    });
  }

  /** The records themselves: any request. */
  private async recordsSpec(
    dimensions: readonly ServiceHourDimension[],
    filter: ServiceHourStatsFilter,
    regionLevel: RegionLevel,
    viewer: StatsViewer,
  ): Promise<FactsSpec> {
    const query = this.db
      .getRepository(ServiceRecord)
      .createQueryBuilder('r')
      .where('r.served_on >= :statsFrom AND r.served_on <= :statsTo', { statsFrom: filter.from, statsTo: filter.to })
      .andWhere('r.status IN (:...statsStatuses)', { statsStatuses: statusesOf(filter) });
    if (filter.sourceTypes?.length) query.andWhere('r.source_type IN (:...statsSources)', { statsSources: filter.sourceTypes });
    whereRegion(query, 'r.region_code', filter.regionCodePrefix);
    if (filter.siteId) whereUnderSites(query, 'r.site_path', [filter.siteId], 'statsSite');
    // Managers see the service given at their sites and below, whoever gave it.
    if (viewer.siteIds) whereUnderSites(query, 'r.site_path', viewer.siteIds, 'statsManaged');
    whereTeam(query, 'r.volunteer_id', filter.teamId);
    if (filter.skillCodes?.length) whereSkills(query, 'r.volunteer_id', await this.skills.pathsOf(filter.skillCodes, 'filter.skillCodes'));
    if (dimensions.includes(ServiceHourDimension.STAR_LEVEL)) query.innerJoin('volunteer', 'v', 'v.id = r.volunteer_id');
    // Every membership is a row: the hours of a volunteer in two teams count in both.
    if (dimensions.includes(ServiceHourDimension.TEAM)) query.leftJoin('team_member', 'tm', 'tm.volunteer_id = r.volunteer_id');
    return {
      query: query as SelectQueryBuilder<ObjectLiteral>,
      keys: dimensions.map((dimension) => ({ alias: KEY[dimension], expression: this.keyOf(dimension, regionLevel) })),
      measures: [
        { alias: 'hundredths', expression: 'SUM(r.hours_hundredths)' },
        { alias: 'records', expression: 'COUNT(*)' },
        { alias: 'volunteers', expression: `COUNT(DISTINCT ${idKey(this.db, 'r.volunteer_id')})` },
      ],
    };
  }

  /**
   * The monthly sums: the requests `fromServiceMonths` lets through, the same groups and figures.
   * When each group has one row per volunteer, the groups of volunteers of equal verified hours
   * answer, adding up their volunteers; else the volunteers' rows, counted distinct.
   */
  private monthsSpec(months: MonthsRequest, dimensions: readonly ServiceHourDimension[], filter: ServiceHourStatsFilter): FactsSpec {
    const alias = months.rowPerVolunteer ? 'sg' : 'sm';
    const query = this.db
      .getRepository(months.rowPerVolunteer ? ServiceMonthGroup : ServiceMonth)
      .createQueryBuilder(alias)
      .where(`${alias}.status = :statsStatus AND ${alias}.month >= :statsFrom AND ${alias}.month <= :statsTo`, {
        statsStatus: months.status,
        statsFrom: months.fromMonth,
        statsTo: months.toMonth,
      })
      .andWhere(months.rowPerVolunteer ? 'sg.volunteer_count > 0' : 'sm.record_count > 0');
    whereRegion(query, `${alias}.county_code`, filter.regionCodePrefix);
    const keyOf = (dimension: ServiceHourDimension): string => {
      if (dimension === ServiceHourDimension.MONTH) return `${alias}.month`;
      if (dimension === ServiceHourDimension.STAR_LEVEL) return this.stars.sqlOf(`${alias}.volunteer_hundredths`);
      return `${alias}.county_code`;
    };
    return {
      query: query as SelectQueryBuilder<ObjectLiteral>,
      keys: dimensions.map((dimension) => ({ alias: KEY[dimension], expression: keyOf(dimension) })),
      measures: [
        { alias: 'hundredths', expression: `SUM(${alias}.hours_hundredths)` },
        { alias: 'records', expression: `SUM(${alias}.record_count)` },
        { alias: 'volunteers', expression: months.rowPerVolunteer ? 'SUM(sg.volunteer_count)' : `COUNT(DISTINCT ${idKey(this.db, 'sm.volunteer_id')})` },
      ],
    };
  }

  private keyOf(dimension: ServiceHourDimension, regionLevel: RegionLevel): string {
    switch (dimension) {
      case ServiceHourDimension.MONTH:
        return dateBucket(this.db, 'r.served_on', TimeBucket.MONTH);
      case ServiceHourDimension.WEEK:
        return dateBucket(this.db, 'r.served_on', TimeBucket.WEEK);
      case ServiceHourDimension.DAY:
        return dateBucket(this.db, 'r.served_on', TimeBucket.DAY);
      case ServiceHourDimension.REGION:
        return regionAt('r.region_code', regionLevel);
      case ServiceHourDimension.SITE:
        return idKey(this.db, 'r.site_id');
      case ServiceHourDimension.SOURCE_TYPE:
        return 'r.source_type';
      case ServiceHourDimension.STATUS:
        return 'r.status';
      case ServiceHourDimension.STAR_LEVEL:
        return this.stars.sqlOf('v.verified_hundredths');
      case ServiceHourDimension.TEAM:
        return idKey(this.db, 'tm.team_id');
    }
  }
}

/** What of a request `service_month` answers with. */
export interface MonthsRequest {
  status: ServiceRecordStatus;
  /** YYYY-MM, both included. */
  fromMonth: string;
  toMonth: string;
  /**
   * Whether each group has at most one row per volunteer (a month and a county each), so that the
   * groups of `service_month_group` add up to its volunteers; else they are counted distinct.
   */
  rowPerVolunteer: boolean;
}

const MONTH_DIMENSIONS: readonly ServiceHourDimension[] = [ServiceHourDimension.MONTH, ServiceHourDimension.STAR_LEVEL, ServiceHourDimension.REGION];

/**
 * Whether the monthly sums answer the request with exactly the groups and figures the records would
 * give, and how; null when only the records do. Why they should: from the records, the analysts'
 * county year by month and star level joins 1.75 million records to their volunteers and counts
 * them distinct, 14 to 25 s at 100,000 volunteers; `service_month_group` holds 35,000 rows for it
 * (under 0.1 s), `service_month` 570,000 when volunteers must be counted distinct across months or
 * counties (about 1.5 s). A row of `service_month` keeps of its records the volunteer, the month,
 * the first 6 digits of the region code and the status, and the volunteer's verified hours now (the
 * star level), nothing else. So the request may:
 * - group by MONTH, STAR_LEVEL and REGION at county level only (not by day, week, site, source,
 *   status or team, nor by a township);
 * - cover whole months, from a 1st to the last day of a month: a row cannot be cut within its month;
 * - read one status (VERIFIED when none is given): with several, a volunteer's rows of one month
 *   would have to be counted distinct across statuses, which nobody asks for often enough;
 * - narrow the place to a county or wider (a region-code prefix of at most 6 digits);
 * - use no filter of the records' other columns (site, source type) or of the volunteers' (team,
 *   skills), and come from a caller who sees everything: a site manager's figures are bounded by
 *   the site paths of the records, which the rows do not keep.
 * Empty lists and strings filter nothing, as in the query of the records.
 */
export function fromServiceMonths(
  dimensions: readonly ServiceHourDimension[],
  filter: ServiceHourStatsFilter,
  regionLevel: RegionLevel,
  viewer: StatsViewer,
): MonthsRequest | null {
  if (!dimensions.every((dimension) => MONTH_DIMENSIONS.includes(dimension))) return null;
  if (dimensions.includes(ServiceHourDimension.REGION) && regionLevel !== RegionLevel.COUNTY) return null;
  if (!filter.from.endsWith('-01') || !addDays(filter.to, 1).endsWith('-01')) return null;
  const statuses = new Set(statusesOf(filter));
  if (statuses.size !== 1) return null;
  if (filter.regionCodePrefix && filter.regionCodePrefix.length > 6) return null;
  if (filter.siteId || filter.teamId || filter.sourceTypes?.length || filter.skillCodes?.length || viewer.siteIds) return null;
  const fromMonth = filter.from.slice(0, 7);
  const toMonth = filter.to.slice(0, 7);
  const oneMonth = dimensions.includes(ServiceHourDimension.MONTH) || fromMonth === toMonth;
  const oneCounty = dimensions.includes(ServiceHourDimension.REGION) || filter.regionCodePrefix?.length === 6;
  return { status: [...statuses][0], fromMonth, toMonth, rowPerVolunteer: oneMonth && oneCounty };
}

/** The statuses read: VERIFIED, the hours that count, unless others are asked for. */
const statusesOf = (filter: ServiceHourStatsFilter): ServiceRecordStatus[] => (filter.statuses?.length ? filter.statuses : [ServiceRecordStatus.VERIFIED]);

function groupOf(row: Record<string, unknown>, dimensions: readonly ServiceHourDimension[]): ServiceHourGroup {
  const key = new ServiceHourGroupKey();
  for (const dimension of dimensions) {
    const value = row[KEY[dimension]];
    if (dimension === ServiceHourDimension.MONTH) key.month = String(value);
    if (dimension === ServiceHourDimension.WEEK) key.week = String(value);
    if (dimension === ServiceHourDimension.DAY) key.day = String(value);
    if (dimension === ServiceHourDimension.REGION) key.region = String(value);
    if (dimension === ServiceHourDimension.SITE) key.site = siteReference(String(value));
    if (dimension === ServiceHourDimension.SOURCE_TYPE) key.sourceType = value as ServiceSourceType;
    if (dimension === ServiceHourDimension.STATUS) key.status = value as ServiceRecordStatus;
    if (dimension === ServiceHourDimension.STAR_LEVEL) key.starLevel = Number(value);
    if (dimension === ServiceHourDimension.TEAM) key.teamId = value === null ? null : String(value);
  }
  const records = Number(row.records);
  const volunteers = Number(row.volunteers);
  return Object.assign(new ServiceHourGroup(), {
    key,
    hours: hoursOf(row.hundredths),
    recordCount: records,
    volunteerCount: volunteers,
    averageHoursPerRecord: meanHours(row.hundredths, records) ?? 0,
    averageHoursPerVolunteer: meanHours(row.hundredths, volunteers) ?? 0,
  });
}
