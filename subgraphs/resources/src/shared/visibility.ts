import { Principal, Role, isAdmin, likeContains } from '@practice/common';
import { Brackets, ObjectLiteral, SelectQueryBuilder, WhereExpressionBuilder } from 'typeorm';
import { SECTOR_SUBCENTER } from './ownership';

/**
 * Limits the rows that are not public (drafts, withdrawn resources) to the catalogues the caller
 * owns, by the publisher copies every resource and menu row keeps (`publisher_kind`,
 * `publisher_id`, `publisher_path`): analysts and admins see everything, as `seesUnpublished` says.
 * `publicStatuses` are the statuses everybody sees.
 */
export function restrictToOwnCatalogues<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  alias: string,
  principal: Principal,
  publicStatuses: string[],
): void {
  if (isAdmin(principal) || principal.role === Role.ANALYST) return;
  query.andWhere(
    new Brackets((where) => {
      where.where(`${alias}.status IN (:...publicStatuses)`, { publicStatuses });
      orOwnCatalogues(where, alias, principal);
    }),
  );
}

/** Whether the caller owns any catalogue the SQL side can name: site-scoped roles with sites in their token. */
export const ownsAnyCatalogue = (principal: Principal): boolean =>
  (principal.role === Role.AGENCY_ADMIN || principal.role === Role.SITE_MANAGER) && principal.siteIds.length > 0;

/**
 * The rows of the catalogues the caller owns, as `ownsCatalogue` decides for one publisher: a
 * sub-center's for its agency admins, a center's, institute's or station's for the managers of it
 * or of a site above it. Nothing for a caller who owns no catalogue.
 */
export function ownCatalogues(alias: string, principal: Principal): Brackets {
  return new Brackets((where) => {
    where.where('1 = 0');
    orOwnCatalogues(where, alias, principal);
  });
}

function orOwnCatalogues(where: WhereExpressionBuilder, alias: string, principal: Principal): void {
  if (principal.role === Role.AGENCY_ADMIN && principal.siteIds.length) {
    where.orWhere(`(${alias}.publisher_kind = :subcenter AND ${alias}.publisher_id IN (:...ownIds))`, {
      subcenter: SECTOR_SUBCENTER,
      ownIds: principal.siteIds,
    });
  }
  if (principal.role === Role.SITE_MANAGER) {
    principal.siteIds.forEach((id, index) =>
      where.orWhere(`(${alias}.publisher_kind <> :subcenter AND ${alias}.publisher_path LIKE :own${index} ESCAPE '!')`, {
        subcenter: SECTOR_SUBCENTER,
        [`own${index}`]: likeContains(`/${id}/`),
      }),
    );
  }
}
