import { groupLoader, rowLoader } from '@practice/common';
import type DataLoader from 'dataloader';
import type { ResourcesContext } from '../context';
import type { Category } from './category.entity';

export const categoryById = (ctx: ResourcesContext): DataLoader<string, Category | null> =>
  ctx.loaders.get('categoryById', () =>
    rowLoader(
      (ids) => ctx.categories.byIds(ids),
      (category) => category.id,
    ),
  );

export const categoryChildren = (ctx: ResourcesContext): DataLoader<string, Category[]> =>
  ctx.loaders.get('categoryChildren', () =>
    groupLoader(
      (ids) => ctx.categories.childrenOf(ids),
      (category) => category.parentId!,
    ),
  );

/** Categories by code; codes naming no category load as null. */
export const categoryByCode = (ctx: ResourcesContext): DataLoader<string, Category | null> =>
  ctx.loaders.get('categoryByCode', () =>
    rowLoader(
      (codes) => ctx.categories.byCodesFound(codes),
      (category) => category.code,
    ),
  );
