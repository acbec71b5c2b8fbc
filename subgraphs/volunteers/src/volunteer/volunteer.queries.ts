import { LoaderRegistry, checkPageSize, decodeCursor, encodeCursor, firstRowsPerGroup, likeContains, likePrefix, toConnection } from '@practice/common';
import DataLoader from 'dataloader';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import type { SkillService } from '../skill/skill.service';
import { Volunteer } from './volunteer.entity';
import { VolunteerStatus } from './volunteer.enums';
import type { VolunteerFilter } from './volunteer.inputs';
import { VolunteerConnection, VolunteerEdge } from './volunteer.types';
import type { StarLevels } from './star-level';

type IdCursor = { i: string };
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
      const counts = this.countsPerSite(scoped);
      return new DataLoader<string, VolunteerConnection>(async (siteIds) => {
        const query = await scoped(siteIds);
        if (afterId) query.andWhere('sc.volunteer_id > :afterId', { afterId });
        const pages = await firstRowsPerGroup(this.db, query, { alias: 'v', partitionBy: 'sc.site_id', orderBy: 'sc.volunteer_id', limit: size + 1 });
        return siteIds.map((id) => toConnection(VolunteerConnection, pages.get(id) ?? [], size, Boolean(after), edge, () => counts.load(id)));
      });
    });
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
  private async applyFilter(query: SelectQueryBuilder<Volunteer>, filter: VolunteerFilter): Promise<string> {
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
