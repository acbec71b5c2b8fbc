import { groupLoader, rowLoader } from '@practice/common';
import type DataLoader from 'dataloader';
import type { ResourcesContext } from '../context';
import type { Menu, MenuItem } from './menu.entity';
import { slotOf } from './menu.rules';

export const menuById = (ctx: ResourcesContext): DataLoader<string, Menu | null> =>
  ctx.loaders.get('menuById', () =>
    rowLoader(
      (ids) => ctx.menuQueries.byIds(ids),
      (menu) => menu.id,
    ),
  );

/** The correction of an edition, by the id of the edition it supersedes. */
export const menuCorrection = (ctx: ResourcesContext): DataLoader<string, Menu | null> =>
  ctx.loaders.get('menuCorrection', () =>
    rowLoader(
      (ids) => ctx.menuQueries.bySupersededIds(ids),
      (menu) => menu.supersedesId!,
    ),
  );

export const menuItems = (ctx: ResourcesContext): DataLoader<string, MenuItem[]> =>
  ctx.loaders.get('menuItems', () =>
    groupLoader(
      (ids) => ctx.menuQueries.itemsOf(ids),
      (item) => item.menuId,
    ),
  );

/** Every edition of a publisher's month, by `<publisher id>/<period>`. */
export const menuEditions = (ctx: ResourcesContext): DataLoader<string, Menu[]> =>
  ctx.loaders.get('menuEditions', () => groupLoader((slots) => ctx.menuQueries.editionsOf(slots), slotOf));
