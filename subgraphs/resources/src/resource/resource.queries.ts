import { LoaderRegistry, Principal, checkPageSize, decodeCursor, encodeCursor, firstRowsPerGroup, likeContains, toConnection } from '@practice/common';
import DataLoader from 'dataloader';
import { Brackets, DataSource, In, SelectQueryBuilder } from 'typeorm';
import type { CategoryService } from '../category/category.service';
import { restrictToOwnCatalogues } from '../shared/visibility';
import { ResourceArea, ResourceChange, ResourceFacet } from './resource-profile.entities';
import { Resource } from './resource.entity';
import { AreaKind, FacetKind, ResourceStatus } from './resource.enums';
import { ResourceConnection, ResourceEdge, ResourceFilter } from './resource.types';

type IdCursor = { i: string };
const isIdCursor = (value: Record<string, unknown>): value is IdCursor => typeof value.i === 'string';
const edge = (resource: Resource): ResourceEdge => Object.assign(new ResourceEdge(), { cursor: encodeCursor({ i: resource.id }), node: resource });

/** The prefixes of a region code or prefix that an area row could name: its first 2, 4, 6, 9 and 12 digits. */
export const regionKeys = (code: string): string[] => [2, 4, 6, 9, 12].filter((length) => length <= code.length).map((length) => code.slice(0, length));

/**
 * Reading the catalogue: filters in SQL (facets and areas through their (kind, value) indexes),
 * keyset pagination in id order, relations through per-request loaders.
 */
export class ResourceQueries {
  constructor(
    private readonly db: DataSource,
    private readonly categories: CategoryService,
  ) {}

  async list(principal: Principal, filter: ResourceFilter = {}, first?: number | null, after?: string | null): Promise<ResourceConnection> {
    const size = checkPageSize(first);
    const query = this.db.getRepository(Resource).createQueryBuilder('r');
    await this.applyFilter(query, principal, filter);
    const countQuery = query.clone();
    if (after) query.andWhere('r.id > :afterId', { afterId: decodeCursor(after, isIdCursor).i });
    const rows = await query
      .orderBy('r.id', 'ASC')
      .limit(size + 1)
      .getMany();
    return toConnection(ResourceConnection, rows, size, Boolean(after), edge, () => countQuery.getCount());
  }

  /** `Site.resources` of every site of a batch: the first page of each publisher's resources in one statement. */
  perPublisher(loaders: LoaderRegistry, principal: Principal, filter: ResourceFilter, first?: number | null): DataLoader<string, ResourceConnection> {
    const size = checkPageSize(first);
    return loaders.get(`resourcesOfPublishers:${JSON.stringify(filter)}:${size}`, () => {
      const filtered = async (publisherIds: readonly string[]) => {
        const query = this.db.getRepository(Resource).createQueryBuilder('r');
        await this.applyFilter(query, principal, { ...filter, publisherIds: [...publisherIds] });
        return query;
      };
      const counts = new DataLoader<string, number>(async (publisherIds) => {
        const rows = await (
          await filtered(publisherIds)
        )
          .select('r.publisher_id', 'publisherId')
          .addSelect('COUNT(*)', 'n')
          .groupBy('r.publisher_id')
          .getRawMany<{ publisherId: string; n: string | number }>();
        const byPublisher = new Map(rows.map((row) => [row.publisherId, Number(row.n)]));
        return publisherIds.map((id) => byPublisher.get(id) ?? 0);
      });
      return new DataLoader<string, ResourceConnection>(async (publisherIds) => {
        const pages = await firstRowsPerGroup(this.db, await filtered(publisherIds), {
          alias: 'r',
          partitionBy: 'r.publisher_id',
          orderBy: 'r.id',
          limit: size + 1,
        });
        return publisherIds.map((id) => toConnection(ResourceConnection, pages.get(id) ?? [], size, false, edge, () => counts.load(id)));
      });
    });
  }

  byIds(ids: readonly string[]): Promise<Resource[]> {
    return this.db.getRepository(Resource).findBy({ id: In([...ids]) });
  }

  facetsOf(ids: readonly string[]): Promise<ResourceFacet[]> {
    return this.db.getRepository(ResourceFacet).find({ where: { resourceId: In([...ids]) }, order: { value: 'ASC' } });
  }

  areasOf(ids: readonly string[]): Promise<ResourceArea[]> {
    return this.db.getRepository(ResourceArea).find({ where: { resourceId: In([...ids]) }, order: { value: 'ASC' } });
  }

  changesOf(ids: readonly string[]): Promise<ResourceChange[]> {
    return this.db.getRepository(ResourceChange).find({ where: { resourceId: In([...ids]) }, order: { id: 'DESC' } });
  }

  private async applyFilter(query: SelectQueryBuilder<Resource>, principal: Principal, filter: ResourceFilter): Promise<void> {
    query.where('1 = 1');
    const statuses = filter.statuses?.length ? filter.statuses : [ResourceStatus.PUBLISHED];
    query.andWhere('r.status IN (:...statuses)', { statuses });
    if (statuses.some((status) => status !== ResourceStatus.PUBLISHED)) restrictToOwnCatalogues(query, 'r', principal, [ResourceStatus.PUBLISHED]);
    if (filter.publisherIds?.length) query.andWhere('r.publisher_id IN (:...publisherIds)', { publisherIds: filter.publisherIds });
    if (filter.kinds?.length) query.andWhere('r.kind IN (:...kinds)', { kinds: filter.kinds });
    if (filter.text) query.andWhere("r.title LIKE :text ESCAPE '!'", { text: likeContains(filter.text) });
    if (filter.updatedSince) query.andWhere('r.updated_at >= :updatedSince', { updatedSince: filter.updatedSince });
    if (filter.categoryCodes?.length) {
      this.facet(query, 'fc', FacetKind.CATEGORY, await this.categories.withDescendants(filter.categoryCodes, 'filter.categoryCodes'));
    }
    if (filter.audiences?.length) this.facet(query, 'fa', FacetKind.AUDIENCE, filter.audiences);
    if (filter.deliveryModes?.length) this.facet(query, 'fd', FacetKind.DELIVERY, filter.deliveryModes);
    if (filter.regionCodePrefix) {
      const prefix = filter.regionCodePrefix;
      query.andWhere(
        new Brackets((where) => {
          // An area that contains the region (one of its prefixes) …
          where.orWhere(`EXISTS (SELECT 1 FROM resource_area ar WHERE ar.resource_id = r.id AND ar.kind = :region AND ar.value IN (:...regionKeys))`, {
            region: AreaKind.REGION,
            regionKeys: regionKeys(prefix),
          });
          // … or lies within it, or a site area of a publisher within it.
          where.orWhere(`EXISTS (SELECT 1 FROM resource_area ar2 WHERE ar2.resource_id = r.id AND ar2.kind = :region AND ar2.value LIKE :within)`, {
            within: `${prefix}%`,
          });
          where.orWhere(
            `(r.publisher_region_code LIKE :within AND EXISTS (SELECT 1 FROM resource_area ar3 WHERE ar3.resource_id = r.id AND ar3.kind = :site))`,
            {
              site: AreaKind.SITE,
            },
          );
        }),
      );
    }
  }

  private facet(query: SelectQueryBuilder<Resource>, alias: string, facet: FacetKind, values: readonly string[]): void {
    query.andWhere(
      `EXISTS (SELECT 1 FROM resource_facet ${alias} WHERE ${alias}.resource_id = r.id AND ${alias}.facet = :${alias}Facet AND ${alias}.value IN (:...${alias}Values))`,
      {
        [`${alias}Facet`]: facet,
        [`${alias}Values`]: values.length ? values : ['-'],
      },
    );
  }
}
