import { Principal, RegionLevel, TimeBucket, checkDimensions, checkPeriod, dateBucket, regionAt } from '@practice/common';
import type { DataSource } from 'typeorm';
import { ServiceRecord } from '../service-record/service-record.entity';
import { ServiceRecordStatus, ServiceSourceType } from '../service-record/service-record.enums';
import { siteReference } from '../site/site.reference';
import type { SkillService } from '../skill/skill.service';
import type { StarLevels } from '../volunteer/star-level';
import { groupedRows, hoursOf, idKey, meanHours } from './grouped-query';
import { ServiceHourDimension, ServiceHourStatsFilter } from './service-hour-stats.inputs';
import { ServiceHourGroup, ServiceHourGroupKey, ServiceHourStats } from './service-hour-stats.types';
import type { StatsLimits } from './stats-settings';
import { statsViewer } from './stats.access';
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

/**
 * `serviceHourStats`: the service records of a period that pass the filter, grouped and measured
 * by the database in one statement. The period is required and bounded: it is what keeps the
 * range of records read in proportion to the question.
 */
export class ServiceHourStatsQueries {
  constructor(
    private readonly db: DataSource,
    private readonly skills: SkillService,
    private readonly stars: StarLevels,
    private readonly limits: StatsLimits,
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

    const query = this.db
      .getRepository(ServiceRecord)
      .createQueryBuilder('r')
      .where('r.served_on >= :statsFrom AND r.served_on <= :statsTo', { statsFrom: filter.from, statsTo: filter.to })
      .andWhere('r.status IN (:...statsStatuses)', { statsStatuses: filter.statuses?.length ? filter.statuses : [ServiceRecordStatus.VERIFIED] });
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

    const { rows, truncated, suppressed } = await groupedRows(
      this.db,
      {
        query,
        keys: dimensions.map((dimension) => ({ alias: KEY[dimension], expression: this.keyOf(dimension, regionLevel) })),
        measures: [
          { alias: 'hundredths', expression: 'SUM(r.hours_hundredths)' },
          { alias: 'records', expression: 'COUNT(*)' },
          { alias: 'volunteers', expression: `COUNT(DISTINCT ${idKey(this.db, 'r.volunteer_id')})` },
        ],
        volunteersOf: 'volunteers',
        largestBy: 'hundredths',
      },
      { first, limits: this.limits, minGroupSize: viewer.minGroupSize },
    );
    return Object.assign(new ServiceHourStats(), {
      groups: rows.map((row) => groupOf(row, dimensions)),
      truncated,
      minimumGroupSize: viewer.minGroupSize,
      suppressedGroups: suppressed,
    });
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
