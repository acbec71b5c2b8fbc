import { likePrefix } from '@practice/common';
import { Brackets, DataSource } from 'typeorm';
import { AreaOfPublisher, SiteCoverage, coverageKeys, coveringAreas } from '../resource/resource-coverage';
import { ResourceArea, ResourceFacet } from '../resource/resource-profile.entities';
import { Resource } from '../resource/resource.entity';
import { FacetKind, ResourceStatus } from '../resource/resource.enums';
import { broaderCodes } from './suggestion.ranking';

/** One area and one category of a published resource that may reach one of the sites. */
export interface CandidateRow extends AreaOfPublisher {
  resourceId: string;
  categoryCode: string;
  capacityPerMonth: number | null;
}

export class SuggestionQueries {
  constructor(private readonly db: DataSource) {}

  /**
   * The published resources that may serve any of these sites with any of these categories, in one
   * statement: the area index finds the resources whose area may cover a site (as for `Site.menu`),
   * the facet index keeps those filed under a code, a term below it or a term above it.
   */
  async candidates(sites: readonly SiteCoverage[], categoryCodes: readonly string[]): Promise<CandidateRow[]> {
    if (!sites.length || !categoryCodes.length) return [];
    const fitting = [...new Set(categoryCodes.flatMap((code) => [code, ...broaderCodes(code)]))];
    const rows = await this.db
      .createQueryBuilder()
      .from(ResourceArea, 'a')
      .innerJoin(Resource, 'r', 'r.id = a.resource_id')
      .innerJoin(ResourceFacet, 'f', 'f.resource_id = a.resource_id AND f.facet = :category', { category: FacetKind.CATEGORY })
      .select('a.kind', 'areaKind')
      .addSelect('a.value', 'areaValue')
      .addSelect('r.id', 'resourceId')
      .addSelect('r.publisher_id', 'publisherId')
      .addSelect('r.publisher_kind', 'publisherKind')
      .addSelect('r.capacity_per_month', 'capacityPerMonth')
      .addSelect('f.value', 'categoryCode')
      .where('r.status = :published', { published: ResourceStatus.PUBLISHED })
      .andWhere(coveringAreas('a', { id: 'r.publisher_id', kind: 'r.publisher_kind' }, coverageKeys(sites)))
      .andWhere(
        new Brackets((where) => {
          where.where('f.value IN (:...fitting)', { fitting });
          categoryCodes.forEach((code, index) => where.orWhere(`f.value LIKE :below${index} ESCAPE '!'`, { [`below${index}`]: likePrefix(`${code}.`) }));
        }),
      )
      .getRawMany<CandidateRow>();
    return rows.map((row) => ({ ...row, capacityPerMonth: row.capacityPerMonth === null ? null : Number(row.capacityPerMonth) }));
  }
}
