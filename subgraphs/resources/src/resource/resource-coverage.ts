import { Brackets } from 'typeorm';
import { SECTOR_SUBCENTER } from '../shared/ownership';
import { AreaKind } from './resource.enums';
import { regionKeys } from './resource.queries';

/**
 * A site as another subgraph hands it over: its id with its place in the tree (ancestors root first,
 * not itself). Nothing here asks the sites subgraph: the copies are enough to decide coverage.
 */
export interface SiteInTree {
  id: string;
  ancestorIds?: readonly string[];
  regionCode?: string | null;
}

/** A row of `resource_area` with the publisher of its resource. */
export interface AreaOfPublisher {
  areaKind: AreaKind;
  areaValue: string;
  publisherId: string;
  publisherKind: string;
}

/**
 * Where one site stands for the coverage rule: a resource reaches the site when its service area
 * covers the site (a region prefix of the site's code, or the site or a site above it) and its
 * publisher is the site, a site above it or a sector sub-center — never a neighbour.
 */
export class SiteCoverage {
  /** The site, then the sites above it, nearest first. */
  readonly chain: string[];
  private readonly depth: Map<string, number>;

  constructor(readonly site: SiteInTree) {
    this.chain = [site.id, ...[...(site.ancestorIds ?? [])].reverse()];
    this.depth = new Map(this.chain.map((id, index) => [id, index]));
  }

  covers(areaKind: AreaKind, areaValue: string): boolean {
    return areaKind === AreaKind.SITE ? this.depth.has(areaValue) : Boolean(this.site.regionCode?.startsWith(areaValue));
  }

  fromAbove(publisherId: string, publisherKind: string): boolean {
    return this.depth.has(publisherId) || publisherKind === SECTOR_SUBCENTER;
  }

  reaches(row: AreaOfPublisher): boolean {
    return this.covers(row.areaKind, row.areaValue) && this.fromAbove(row.publisherId, row.publisherKind);
  }

  /** 0 for the site itself, 1 for its parent, …; sector sub-centers come after the root. */
  distanceOf(publisherId: string): number {
    return this.depth.get(publisherId) ?? this.chain.length;
  }
}

/** The values of `resource_area` that can cover any site of a batch: the sites, their ancestors and the prefixes of their codes. */
export interface CoverageKeys {
  siteKeys: string[];
  prefixes: string[];
}

export function coverageKeys(sites: readonly SiteCoverage[]): CoverageKeys {
  return {
    siteKeys: [...new Set(sites.flatMap((site) => site.chain))],
    prefixes: [...new Set(sites.flatMap((site) => (site.site.regionCode ? regionKeys(site.site.regionCode) : [])))],
  };
}

/**
 * The SQL side of the rule for a whole batch, through the (kind, value) index of `resource_area`:
 * areas that may cover one of the sites, of resources published by one of the sites (or above) or
 * by a sector sub-center. Which site each row reaches is sorted out with `SiteCoverage.reaches`.
 */
export function coveringAreas(area: string, publisher: { id: string; kind: string }, keys: CoverageKeys): Brackets {
  return new Brackets((where) => {
    where
      .where(
        new Brackets((covering) => {
          covering.where(`(${area}.kind = :coverSite AND ${area}.value IN (:...coverSiteKeys))`, { coverSite: AreaKind.SITE, coverSiteKeys: keys.siteKeys });
          if (keys.prefixes.length) {
            covering.orWhere(`(${area}.kind = :coverRegion AND ${area}.value IN (:...coverPrefixes))`, {
              coverRegion: AreaKind.REGION,
              coverPrefixes: keys.prefixes,
            });
          }
        }),
      )
      .andWhere(`(${publisher.kind} = :coverSubcenter OR ${publisher.id} IN (:...coverSiteKeys))`, { coverSubcenter: SECTOR_SUBCENTER });
  });
}
