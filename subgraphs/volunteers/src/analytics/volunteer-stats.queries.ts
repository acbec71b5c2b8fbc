import { Principal, RegionLevel, TimeBucket, checkDimensions, dateBucket, escapeLike, regionAt, todayInChina } from '@practice/common';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { siteReference } from '../site/site.reference';
import type { SkillService } from '../skill/skill.service';
import type { StarLevels } from '../volunteer/star-level';
import { Volunteer } from '../volunteer/volunteer.entity';
import { Gender, VolunteerStatus } from '../volunteer/volunteer.enums';
import { SqlColumn, groupedRows, hoursOf, idKey, meanHours } from './grouped-query';
import type { StatsLimits } from './stats-settings';
import { StatsViewer, statsViewer } from './stats.access';
import { checkDayRange, whereRegion, whereSkills, whereTeam } from './stats-filters';
import { AgeBand, VolunteerDimension, VolunteerStatsFilter } from './volunteer-stats.inputs';
import { VolunteerGroup, VolunteerGroupKey, VolunteerStats } from './volunteer-stats.types';

/** In age order, which the SQL gives as the index so that the groups sort by age. */
const AGE_BANDS: { band: AgeBand; below: number | null }[] = [
  { band: AgeBand.UNDER_30, below: 30 },
  { band: AgeBand.FROM_30_TO_44, below: 45 },
  { band: AgeBand.FROM_45_TO_59, below: 60 },
  { band: AgeBand.FROM_60, below: null },
];

const KEY: Record<VolunteerDimension, string> = {
  [VolunteerDimension.REGION]: 'k_region',
  [VolunteerDimension.SITE]: 'k_site',
  [VolunteerDimension.STATUS]: 'k_status',
  [VolunteerDimension.STAR_LEVEL]: 'k_star',
  [VolunteerDimension.TEAM]: 'k_team',
  [VolunteerDimension.GENDER]: 'k_gender',
  [VolunteerDimension.AGE_BAND]: 'k_age',
  [VolunteerDimension.MONTH]: 'k_month',
};

/**
 * `volunteerStats`: the volunteer rows that pass the filter, grouped and measured by the database
 * in one statement. Hours are the total kept on each volunteer (`verified_hundredths`), so a
 * volunteer's figures need none of their service records.
 */
export class VolunteerStatsQueries {
  constructor(
    private readonly db: DataSource,
    private readonly skills: SkillService,
    private readonly stars: StarLevels,
    private readonly limits: StatsLimits,
  ) {}

  async stats(
    principal: Principal,
    groupBy: readonly VolunteerDimension[],
    filter: VolunteerStatsFilter = {},
    regionLevel = RegionLevel.TOWNSHIP,
    first?: number | null,
  ): Promise<VolunteerStats> {
    const viewer = statsViewer(principal, this.limits.minGroupSize);
    const dimensions = checkDimensions(groupBy, this.limits);
    checkDayRange(filter.registeredFrom, filter.registeredTo, 'filter', ['registeredFrom', 'registeredTo']);
    const query = this.db.getRepository(Volunteer).createQueryBuilder('v');
    await this.applyFilter(query, filter, viewer);
    // Every membership is a row: a volunteer in two teams counts in both, one in none once (team null).
    if (dimensions.includes(VolunteerDimension.TEAM)) query.leftJoin('team_member', 'tm', 'tm.volunteer_id = v.id');

    const year = Number(todayInChina().slice(0, 4));
    const measures: SqlColumn[] = [
      { alias: 'registered', expression: 'COUNT(*)' },
      { alias: 'active', expression: `SUM(CASE WHEN v.status = '${VolunteerStatus.ACTIVE}' THEN 1 ELSE 0 END)` },
      { alias: 'hundredths', expression: 'SUM(v.verified_hundredths)' },
      { alias: 'starred', expression: `SUM(CASE WHEN v.verified_hundredths >= ${this.stars.firstThreshold} THEN 1 ELSE 0 END)` },
    ];
    const { rows, truncated, suppressed } = await groupedRows(
      this.db,
      {
        query,
        keys: dimensions.map((dimension) => ({ alias: KEY[dimension], expression: this.keyOf(dimension, regionLevel, year) })),
        measures,
        volunteersOf: 'registered',
        largestBy: 'registered',
      },
      { first, limits: this.limits, minGroupSize: viewer.minGroupSize },
    );
    return Object.assign(new VolunteerStats(), {
      groups: rows.map((row) => groupOf(row, dimensions)),
      truncated,
      minimumGroupSize: viewer.minGroupSize,
      suppressedGroups: suppressed,
    });
  }

  private keyOf(dimension: VolunteerDimension, regionLevel: RegionLevel, year: number): string {
    switch (dimension) {
      case VolunteerDimension.REGION:
        return regionAt('v.home_region_code', regionLevel);
      case VolunteerDimension.SITE:
        return idKey(this.db, 'v.home_site_id');
      case VolunteerDimension.STATUS:
        return 'v.status';
      case VolunteerDimension.STAR_LEVEL:
        return this.stars.sqlOf('v.verified_hundredths');
      case VolunteerDimension.TEAM:
        return idKey(this.db, 'tm.team_id');
      case VolunteerDimension.GENDER:
        return 'v.gender';
      case VolunteerDimension.AGE_BAND: {
        // Born after (year − n) means under n this year.
        const cases = AGE_BANDS.flatMap(({ below }, index) => (below === null ? [] : [`WHEN v.birth_year > ${year - below} THEN ${index}`]));
        return `(CASE ${cases.join(' ')} ELSE ${AGE_BANDS.length - 1} END)`;
      }
      case VolunteerDimension.MONTH:
        return dateBucket(this.db, 'v.registered_on', TimeBucket.MONTH);
    }
  }

  private async applyFilter(query: SelectQueryBuilder<Volunteer>, filter: VolunteerStatsFilter, viewer: StatsViewer): Promise<void> {
    query.where('1 = 1');
    if (viewer.siteIds) {
      query.andWhere('EXISTS (SELECT 1 FROM volunteer_scope ms WHERE ms.volunteer_id = v.id AND ms.site_id IN (:...statsManaged))', {
        statsManaged: viewer.siteIds,
      });
    }
    if (filter.siteId) query.innerJoin('volunteer_scope', 'sc', 'sc.volunteer_id = v.id AND sc.site_id = :statsSite', { statsSite: filter.siteId });
    whereRegion(query, 'v.home_region_code', filter.regionCodePrefix);
    if (filter.statuses?.length) query.andWhere('v.status IN (:...statsStatuses)', { statsStatuses: filter.statuses });
    if (filter.registeredFrom) query.andWhere('v.registered_on >= :statsFrom', { statsFrom: filter.registeredFrom });
    if (filter.registeredTo) query.andWhere('v.registered_on <= :statsTo', { statsTo: filter.registeredTo });
    if (filter.skillCodes?.length) whereSkills(query, 'v.id', await this.skills.pathsOf(filter.skillCodes, 'filter.skillCodes'));
    if (filter.categoryCodes?.length) {
      // The taxonomy is the resources subgraph's; its codes name their place in it (SERVICE.HEALTH.CHECKUP).
      const below = filter.categoryCodes.map((_code, index) => `vc.category_code LIKE :statsBelow${index} ESCAPE '!'`);
      query.andWhere(
        `EXISTS (SELECT 1 FROM volunteer_category vc WHERE vc.volunteer_id = v.id AND (vc.category_code IN (:...statsCategories) OR ${below.join(' OR ')}))`,
        {
          statsCategories: filter.categoryCodes,
          ...Object.fromEntries(filter.categoryCodes.map((code, index) => [`statsBelow${index}`, `${escapeLike(code)}.%`])),
        },
      );
    }
    whereTeam(query, 'v.id', filter.teamId);
  }
}

function groupOf(row: Record<string, unknown>, dimensions: readonly VolunteerDimension[]): VolunteerGroup {
  const key = new VolunteerGroupKey();
  for (const dimension of dimensions) {
    const value = row[KEY[dimension]];
    if (dimension === VolunteerDimension.REGION) key.region = String(value);
    if (dimension === VolunteerDimension.SITE) key.site = siteReference(String(value));
    if (dimension === VolunteerDimension.STATUS) key.status = value as VolunteerStatus;
    if (dimension === VolunteerDimension.STAR_LEVEL) key.starLevel = Number(value);
    if (dimension === VolunteerDimension.TEAM) key.teamId = value === null ? null : String(value);
    if (dimension === VolunteerDimension.GENDER) key.gender = value as Gender;
    if (dimension === VolunteerDimension.AGE_BAND) key.ageBand = AGE_BANDS[Number(value)].band;
    if (dimension === VolunteerDimension.MONTH) key.month = String(value);
  }
  const registered = Number(row.registered);
  return Object.assign(new VolunteerGroup(), {
    key,
    registeredCount: registered,
    activeCount: Number(row.active),
    verifiedHours: hoursOf(row.hundredths),
    averageVerifiedHours: meanHours(row.hundredths, registered) ?? 0,
    starredCount: Number(row.starred),
  });
}
