import { groupLoader, rowLoader, sqlConcat } from '@practice/common';
import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { SitesContext } from '../context';
import type { Designation } from '../designation/designation.entity';
import type { SiteManager } from '../manager/manager.entity';
import { Site } from './site.entity';
import { SiteKind, SiteStatus } from './site.enums';

export interface KindCount {
  kind: SiteKind;
  count: number;
}

/** Sites by id, one statement per batch; used by `parent`, `ancestors` and entity references. */
export const siteById = (ctx: SitesContext): DataLoader<string, Site | null> =>
  ctx.loaders.get('siteById', () =>
    rowLoader(
      (ids) => ctx.sites.loadByIds(ids),
      (site) => site.id,
    ),
  );

export const childrenOf = (ctx: SitesContext): DataLoader<string, Site[]> =>
  ctx.loaders.get('childrenOf', () =>
    groupLoader(
      (ids) => ctx.db.getRepository(Site).find({ where: { parentId: In([...ids]) }, order: { code: 'ASC' } }),
      (site) => site.parentId!,
    ),
  );

export const designationsOf = (ctx: SitesContext): DataLoader<string, Designation[]> =>
  ctx.loaders.get('designationsOf', () =>
    groupLoader(
      (ids) => ctx.designations.loadBySites(ids),
      (row) => row.siteId,
    ),
  );

export const managersOf = (ctx: SitesContext): DataLoader<string, SiteManager[]> =>
  ctx.loaders.get('managersOf', () =>
    groupLoader(
      (ids) => ctx.managers.loadBySites(ids),
      (row) => row.siteId,
    ),
  );

/** Active descendants of each site by kind, in one GROUP BY statement per batch. */
export const subtreeCountsOf = (ctx: SitesContext): DataLoader<string, KindCount[]> =>
  ctx.loaders.get('subtreeCountsOf', () =>
    groupLoader(
      async (ids) => {
        const rows: { siteId: string; kind: SiteKind; total: string | number }[] = await ctx.db
          .createQueryBuilder()
          .select('a.id', 'siteId')
          .addSelect('d.kind', 'kind')
          .addSelect('COUNT(*)', 'total')
          .from(Site, 'a')
          .innerJoin(Site, 'd', `d.path LIKE ${sqlConcat(ctx.db, 'a.path', "'%'")} AND d.id <> a.id`)
          .where('a.id IN (:...ids)', { ids })
          .andWhere('d.status = :active', { active: SiteStatus.ACTIVE })
          .groupBy('a.id')
          .addGroupBy('d.kind')
          .getRawMany();
        return rows.map((row) => ({ siteId: row.siteId, kind: row.kind, count: Number(row.total) }));
      },
      (row) => row.siteId,
    ),
  );
