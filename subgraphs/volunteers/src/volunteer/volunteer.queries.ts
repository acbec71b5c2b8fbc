import { LoaderRegistry, checkPageSize, decodeCursor, encodeCursor, hydrate, isMysql, likeContains, likePrefix, toConnection } from '@practice/common';
import DataLoader from 'dataloader';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { SkillService } from '../skill/skill.service';
import { VolunteerScope } from './volunteer-profile.entities';
import { Volunteer } from './volunteer.entity';
import { VolunteerStatus } from './volunteer.enums';
import type { VolunteerFilter } from './volunteer.inputs';
import { VolunteerConnection, VolunteerEdge } from './volunteer.types';
import type { StarLevels } from './star-level';

type IdCursor = { i: string };
/** Sites whose pages one statement reads: a page of sites (500 at most) in a few. */
const MAX_SITES_PER_STATEMENT = 200;
const isIdCursor = (value: Record<string, unknown>): value is IdCursor => typeof value.i === 'string';

/**
 * The `volunteers` list and `Site.volunteers`: filters in SQL, keyset pagination in id (that is
 * registration) order, a count only when asked for. A site's subtree is the index on
 * volunteer_scope (site_id, volunteer_id), which also gives the order.
 */
export class VolunteerQueries {
  constructor(
    private readonly db: DataSource,
    private readonly skills: SkillService,
    private readonly stars: StarLevels,
  ) {}

  async list(filter: VolunteerFilter = {}, first?: number | null, after?: string | null): Promise<VolunteerConnection> {
    const size = checkPageSize(first);
    const query = this.db.getRepository(Volunteer).createQueryBuilder('v');
    const order = await this.applyFilter(query, filter);
    const countQuery = query.clone();
    if (after) query.andWhere(`${order} > :afterId`, { afterId: decodeCursor(after, isIdCursor).i });
    const rows = await query
      .orderBy(order, 'ASC')
      .limit(size + 1)
      .getMany();
    return toConnection(VolunteerConnection, rows, size, Boolean(after), edge, () => countQuery.getCount());
  }

  /**
   * `Site.volunteers` for every site of a batch: a page per site in one statement, through the
   * scope rows of the sites, and one more statement for the counts when asked for.
   */
  perSite(
    loaders: LoaderRegistry,
    filter: Omit<VolunteerFilter, 'siteId'> = {},
    first?: number | null,
    after?: string | null,
  ): DataLoader<string, VolunteerConnection> {
    const size = checkPageSize(first);
    const afterId = after ? decodeCursor(after, isIdCursor).i : null;
    return loaders.get(`volunteersOfSites:${JSON.stringify(filter)}:${size}:${afterId ?? ''}`, () => {
      const scoped = async (siteIds: readonly string[]) => {
        const query = this.db
          .getRepository(Volunteer)
          .createQueryBuilder('v')
          .innerJoin('volunteer_scope', 'sc', 'sc.volunteer_id = v.id')
          .where('sc.site_id IN (:...scopeSites)', { scopeSites: siteIds });
        await this.applyFilter(query, { ...filter, siteId: undefined });
        return query;
      };
      const rest = { ...filter, siteId: undefined };
      // A filter of statuses alone counts what `volunteerCount` counts: one statement for both.
      const statusesOnly = Object.entries(rest).every(([name, value]) => name === 'statuses' || value === undefined || value === null);
      const counts = statusesOnly ? this.counts(loaders, filter.statuses) : this.countsPerSite(scoped);
      return new DataLoader<string, VolunteerConnection>(
        async (siteIds) => {
          const pages = await this.pagesPerSite(siteIds, rest, afterId, size + 1);
          return siteIds.map((id) => toConnection(VolunteerConnection, pages.get(id) ?? [], size, Boolean(after), edge, () => counts.load(id)));
        },
        // SQLite takes at most 500 branches in one compound SELECT.
        { maxBatchSize: MAX_SITES_PER_STATEMENT },
      );
    });
  }

  /**
   * The first `limit` volunteers of each site, in one statement of one branch per site: each branch
   * reads the site's range of volunteer_scope (site_id, volunteer_id) in order, joins each row's
   * volunteer and stops at the page. The order is forced on MySQL, whose planner would otherwise
   * start from the status index and sort every volunteer below the site (all the county's for its
   * center); a window over the batch would number them all too.
   */
  private async pagesPerSite(siteIds: readonly string[], filter: VolunteerFilter, afterId: string | null, limit: number): Promise<Map<string, Volunteer[]>> {
    const page = this.db
      .getRepository(VolunteerScope)
      .createQueryBuilder('sc')
      .innerJoinAndSelect(Volunteer, 'v', 'v.id = sc.volunteer_id')
      .where('sc.site_id = :pageSite');
    // Once for the batch: the skills of the filter are looked up here.
    await this.applyFilter(page, filter);
    if (afterId) page.andWhere('sc.volunteer_id > :afterId', { afterId });
    page.orderBy('sc.volunteer_id', 'ASC').limit(limit);
    const branches = siteIds.map((id) => {
      const [sql, parameters] = page.clone().setParameter('pageSite', id).getQueryAndParameters();
      return [isMysql(this.db) ? sql.replace(' INNER JOIN `volunteer` `v` ', ' STRAIGHT_JOIN `volunteer` `v` ') : sql, parameters] as const;
    });
    const rows: Record<string, unknown>[] = await this.db.query(
      branches.map(([sql], index) => `SELECT * FROM (${sql}) page${index}`).join(' UNION ALL '),
      branches.flatMap(([, parameters]) => parameters),
    );
    const volunteers = hydrate(this.db, Volunteer, rows, 'v_');
    const pages = new Map<string, Volunteer[]>();
    rows.forEach((row, index) => {
      const key = String(row.sc_site_id);
      pages.set(key, [...(pages.get(key) ?? []), volunteers[index]]);
    });
    // A union keeps no order of its own.
    for (const page of pages.values()) page.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return pages;
  }

  /** How many volunteers (ACTIVE unless told) belong to each site of a batch or lie below it. */
  counts(loaders: LoaderRegistry, statuses: VolunteerStatus[] | undefined): DataLoader<string, number> {
    return loaders.get(`volunteerCounts:${statuses?.join(',') ?? ''}`, () =>
      this.countsPerSite(async (siteIds) => {
        const query = this.db
          .getRepository(Volunteer)
          .createQueryBuilder('v')
          .innerJoin('volunteer_scope', 'sc', 'sc.volunteer_id = v.id')
          .where('sc.site_id IN (:...scopeSites)', { scopeSites: siteIds });
        await this.applyFilter(query, { statuses });
        return query;
      }),
    );
  }

  private countsPerSite(scoped: (siteIds: readonly string[]) => Promise<SelectQueryBuilder<Volunteer>>): DataLoader<string, number> {
    return new DataLoader<string, number>(async (siteIds) => {
      const rows = await (
        await scoped(siteIds)
      )
        .select('sc.site_id', 'siteId')
        .addSelect('COUNT(*)', 'total')
        .groupBy('sc.site_id')
        .getRawMany<{ siteId: string; total: string | number }>();
      const bySite = new Map(rows.map((row) => [row.siteId, Number(row.total)]));
      return siteIds.map((id) => bySite.get(id) ?? 0);
    });
  }

  /** Applies the filter; answers the column to order and page by. */
  private async applyFilter<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, filter: VolunteerFilter): Promise<string> {
    query.andWhere('v.status IN (:...statuses)', { statuses: filter.statuses?.length ? filter.statuses : [VolunteerStatus.ACTIVE] });
    let order = 'v.id';
    if (filter.siteId) {
      query.innerJoin('volunteer_scope', 'sc', 'sc.volunteer_id = v.id AND sc.site_id = :scopeSite', { scopeSite: filter.siteId });
      order = 'sc.volunteer_id';
    }
    if (filter.regionCodePrefix) query.andWhere("v.home_region_code LIKE :region ESCAPE '!'", { region: likePrefix(filter.regionCodePrefix) });
    if (filter.skillCodes?.length) {
      const paths = await this.skills.pathsOf(filter.skillCodes, 'filter.skillCodes');
      const conditions = paths.map((_path, index) => `k.path LIKE :skillPath${index} ESCAPE '!'`).join(' OR ');
      query.andWhere(`EXISTS (SELECT 1 FROM volunteer_skill vs INNER JOIN skill k ON k.id = vs.skill_id WHERE vs.volunteer_id = v.id AND (${conditions}))`, {
        ...Object.fromEntries(paths.map((path, index) => [`skillPath${index}`, likePrefix(path)])),
      });
    }
    if (filter.categoryCodes?.length) {
      query.andWhere('EXISTS (SELECT 1 FROM volunteer_category vc WHERE vc.volunteer_id = v.id AND vc.category_code IN (:...categories))', {
        categories: filter.categoryCodes,
      });
    }
    if (filter.starLevels?.length) {
      const ranges = [...new Set(filter.starLevels)].filter((level) => level <= this.stars.maxLevel).map((level) => this.stars.rangeOf(level));
      const conditions = ranges.map(
        ({ max }, index) => `(v.verified_hundredths >= :starMin${index}${max === null ? '' : ` AND v.verified_hundredths < :starMax${index}`})`,
      );
      query.andWhere(conditions.length ? `(${conditions.join(' OR ')})` : '1 = 0', {
        ...Object.fromEntries(ranges.flatMap(({ min, max }, index) => [[`starMin${index}`, min], ...(max === null ? [] : [[`starMax${index}`, max]])])),
      });
    }
    if (filter.teamId) {
      query.andWhere('EXISTS (SELECT 1 FROM team_member tm WHERE tm.volunteer_id = v.id AND tm.team_id = :teamId)', { teamId: filter.teamId });
    }
    if (filter.text) query.andWhere("v.name LIKE :text ESCAPE '!'", { text: likeContains(filter.text) });
    return order;
  }
}

function edge(volunteer: Volunteer): VolunteerEdge {
  const result = new VolunteerEdge();
  result.node = volunteer;
  result.cursor = encodeCursor({ i: volunteer.id });
  return result;
}
