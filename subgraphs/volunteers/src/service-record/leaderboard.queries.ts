import { badInput, likePrefix, checkPeriod } from '@practice/common';
import DataLoader from 'dataloader';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { ServiceRecord } from './service-record.entity';
import { ServiceRecordStatus } from './service-record.enums';
import type { PeriodInput } from './service-record.inputs';
import { LeaderboardEntry } from './service-record.types';

export const MAX_LEADERBOARD = 100;

interface Ranked {
  scopeKey: string;
  volunteerId: string;
  total: number;
}

/**
 * Leaderboards of verified hours in a period, summed in SQL: for the volunteers of a site and
 * below (by the home site), or of an area by region-code prefix.
 */
export class LeaderboardQueries {
  constructor(private readonly db: DataSource) {}

  /** Top volunteers of each site of a batch in one statement (a window over the grouped sums). */
  forSites(period: PeriodInput, first: number): DataLoader<string, LeaderboardEntry[]> {
    const size = checkSize(first);
    checkPeriod(period.from, period.to, 'period', 3660);
    return new DataLoader<string, LeaderboardEntry[]>(async (siteIds) => {
      const query = this.verifiedIn(period)
        .innerJoin('volunteer_scope', 'sc', 'sc.volunteer_id = r.volunteer_id')
        .andWhere('sc.site_id IN (:...siteIds)', { siteIds })
        .select('sc.site_id', 'scopeKey')
        .groupBy('sc.site_id');
      // Grouped by the scope row's own columns: the rows arrive in the order of its key, so the
      // database sums each volunteer as it goes instead of through a temporary table of them all.
      const rows = await this.topPerGroup(query, 'sc.site_id', 'sc.volunteer_id', size);
      return siteIds.map((id) => rank(rows.filter((row) => row.scopeKey === id)));
    });
  }

  /** Top volunteers whose home site lies in an area. */
  async forRegion(regionCodePrefix: string, period: PeriodInput, first: number): Promise<LeaderboardEntry[]> {
    const size = checkSize(first);
    checkPeriod(period.from, period.to, 'period', 3660);
    const rows = await this.verifiedIn(period)
      .innerJoin('volunteer', 'v', 'v.id = r.volunteer_id')
      .andWhere("v.home_region_code LIKE :region ESCAPE '!'", { region: likePrefix(regionCodePrefix) })
      .select('r.volunteer_id', 'volunteerId')
      .addSelect('SUM(r.hours_hundredths)', 'total')
      .groupBy('r.volunteer_id')
      .orderBy('total', 'DESC')
      .addOrderBy('r.volunteer_id', 'ASC')
      .limit(size)
      .getRawMany<{ volunteerId: string; total: string | number }>();
    return rank(rows.map((row) => ({ scopeKey: regionCodePrefix, volunteerId: row.volunteerId, total: Number(row.total) })));
  }

  private verifiedIn(period: PeriodInput): SelectQueryBuilder<ServiceRecord> {
    return this.db
      .getRepository(ServiceRecord)
      .createQueryBuilder('r')
      .where('r.status = :verified', { verified: ServiceRecordStatus.VERIFIED })
      .andWhere('r.served_on >= :from AND r.served_on <= :to', { from: period.from, to: period.to });
  }

  private async topPerGroup(query: SelectQueryBuilder<ServiceRecord>, partition: string, volunteer: string, size: number): Promise<Ranked[]> {
    query
      .addSelect(volunteer, 'volunteerId')
      .addSelect('SUM(r.hours_hundredths)', 'total')
      .addSelect(`ROW_NUMBER() OVER (PARTITION BY ${partition} ORDER BY SUM(r.hours_hundredths) DESC, ${volunteer} ASC)`, 'position')
      .addGroupBy(volunteer);
    const [sql, parameters] = query.getQueryAndParameters();
    const rows: { scopeKey: string; volunteerId: string; total: string | number; position: string | number }[] = await this.db.query(
      `SELECT * FROM (${sql}) ranked WHERE ranked.position <= ? ORDER BY ranked.position`,
      [...parameters, size],
    );
    return rows.map((row) => ({ scopeKey: row.scopeKey, volunteerId: row.volunteerId, total: Number(row.total) }));
  }
}

function checkSize(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_LEADERBOARD) {
    throw badInput('first', `first must be between 1 and ${MAX_LEADERBOARD}`, 'PAGE_SIZE_OUT_OF_RANGE');
  }
  return first;
}

/** Competition ranking over rows sorted by hours, most first. */
function rank(rows: Ranked[]): LeaderboardEntry[] {
  let previous: Ranked | undefined;
  let previousRank = 0;
  return rows.map((row, index) => {
    const position = previous && previous.total === row.total ? previousRank : index + 1;
    previous = row;
    previousRank = position;
    return Object.assign(new LeaderboardEntry(), { rank: position, volunteerId: row.volunteerId, hours: row.total / 100 });
  });
}
