import { Principal, checkPageSize, decodeCursor, encodeCursor, likeContains, likePrefix, toConnection } from '@practice/common';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { readsAllSites } from './site.access';
import { SiteConnection, SiteEdge } from './site.connection';
import { Site } from './site.entity';
import { SiteStatus } from './site.enums';
import type { NearInput, SiteFilter } from './site.inputs';

const KM_PER_DEGREE = 111.32;

/** Great-circle distance in km (haversine), for the distance shown to clients. */
export function distanceKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLng = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

type CodeCursor = { c: string };
type DistanceCursor = { d: number; c: string };
const isCodeCursor = (v: Record<string, unknown>): v is CodeCursor => typeof v.c === 'string';
const isDistanceCursor = (v: Record<string, unknown>): v is DistanceCursor => typeof v.c === 'string' && typeof v.d === 'number';

/**
 * Narrows a query to the sites the caller may see: ACTIVE ones, plus for managers those in their
 * subtrees (their id appears in the site's path) and for analysts and admins all of them.
 */
export function restrictToVisible(query: SelectQueryBuilder<Site>, principal: Principal): void {
  if (readsAllSites(principal)) return;
  const scoped = principal.siteIds.map((_id, index) => `s.path LIKE :scope${index} ESCAPE '!'`);
  const params = Object.fromEntries(principal.siteIds.map((id, index) => [`scope${index}`, likeContains(`/${id}/`)]));
  query.andWhere(`(s.status = :visibleStatus${scoped.map((c) => ` OR ${c}`).join('')})`, { visibleStatus: SiteStatus.ACTIVE, ...params });
}

/**
 * The `sites` list: filters in SQL, keyset pagination by code (or by distance then code), and a
 * count that runs only when asked for.
 */
export class SiteQueries {
  constructor(private readonly db: DataSource) {}

  async list(principal: Principal, filter: SiteFilter = {}, first?: number | null, after?: string | null): Promise<SiteConnection> {
    const size = checkPageSize(first);
    const query = this.db.getRepository(Site).createQueryBuilder('s');
    this.applyFilter(query, filter, principal);
    const countQuery = query.clone();
    const count = () => countQuery.getCount();

    if (filter.near) return this.listByDistance(query, filter.near, size, after, count);

    if (after) query.andWhere('s.code > :afterCode', { afterCode: decodeCursor(after, isCodeCursor).c });
    const rows = await query
      .orderBy('s.code', 'ASC')
      .limit(size + 1)
      .getMany();
    return toConnection(SiteConnection, rows, size, Boolean(after), (site) => edge(site, encodeCursor({ c: site.code })), count);
  }

  private applyFilter(query: SelectQueryBuilder<Site>, filter: SiteFilter, principal: Principal): void {
    query.where('s.status IN (:...statuses)', { statuses: filter.statuses?.length ? filter.statuses : [SiteStatus.ACTIVE] });
    restrictToVisible(query, principal);
    if (filter.kinds?.length) query.andWhere('s.kind IN (:...kinds)', { kinds: filter.kinds });
    if (filter.parentId) query.andWhere('s.parent_id = :parentId', { parentId: filter.parentId });
    if (filter.regionCodePrefix) query.andWhere("s.region_code LIKE :region ESCAPE '!'", { region: likePrefix(filter.regionCodePrefix) });
    if (filter.text) {
      query.andWhere("(s.name LIKE :text ESCAPE '!' OR s.address LIKE :text ESCAPE '!')", { text: likeContains(filter.text) });
    }
    if (filter.demonstration) {
      const { levels, yearFrom, yearTo } = filter.demonstration;
      const conditions = ['d.site_id = s.id'];
      if (levels?.length) conditions.push('d.level IN (:...designationLevels)');
      if (yearFrom !== undefined && yearFrom !== null) conditions.push('d.year >= :yearFrom');
      if (yearTo !== undefined && yearTo !== null) conditions.push('d.year <= :yearTo');
      query.andWhere(`EXISTS (SELECT 1 FROM site_designation d WHERE ${conditions.join(' AND ')})`, {
        designationLevels: levels,
        yearFrom,
        yearTo,
      });
    }
  }

  /**
   * Nearest first. A bounding box on the indexed latitude (and longitude) narrows the rows; the
   * order uses the equirectangular distance, which needs no trigonometry in SQL (the cosine of the
   * latitude is computed here) and differs from the great-circle distance by far less than a metre
   * at the radii allowed.
   */
  private async listByDistance(
    query: SelectQueryBuilder<Site>,
    near: NearInput,
    size: number,
    after: string | null | undefined,
    count: () => Promise<number>,
  ): Promise<SiteConnection> {
    const dLat = near.radiusKm / KM_PER_DEGREE;
    const cos = Math.max(Math.cos((near.latitude * Math.PI) / 180), 1e-6);
    const dLng = dLat / cos;
    const distance = '((s.latitude - :lat) * (s.latitude - :lat) + (s.longitude - :lng) * (s.longitude - :lng) * :cos2)';
    query
      .andWhere('s.latitude BETWEEN :minLat AND :maxLat', { minLat: near.latitude - dLat, maxLat: near.latitude + dLat })
      .andWhere('s.longitude BETWEEN :minLng AND :maxLng', { minLng: near.longitude - dLng, maxLng: near.longitude + dLng })
      .andWhere(`${distance} <= :maxDistance2`, { lat: near.latitude, lng: near.longitude, cos2: cos * cos, maxDistance2: dLat * dLat });
    if (after) {
      const cursor = decodeCursor(after, isDistanceCursor);
      query.andWhere(`(${distance} > :afterD OR (${distance} = :afterD AND s.code > :afterCode))`, { afterD: cursor.d, afterCode: cursor.c });
    }
    const rows = await query
      .addSelect(distance, 'distance2')
      .orderBy('distance2', 'ASC')
      .addOrderBy('s.code', 'ASC')
      .limit(size + 1)
      .getRawAndEntities();
    const byId = new Map(rows.raw.map((raw: Record<string, unknown>) => [raw.s_id as string, Number(raw.distance2)]));
    const origin = { latitude: near.latitude, longitude: near.longitude };
    return toConnection(
      SiteConnection,
      rows.entities,
      size,
      Boolean(after),
      (site) => {
        const result = edge(site, encodeCursor({ d: byId.get(site.id)!, c: site.code }));
        result.distanceKm = distanceKm(origin, site.location!);
        return result;
      },
      count,
    );
  }
}

function edge(site: Site, cursor: string): SiteEdge {
  const result = new SiteEdge();
  result.node = site;
  result.cursor = cursor;
  result.distanceKm = null;
  return result;
}
