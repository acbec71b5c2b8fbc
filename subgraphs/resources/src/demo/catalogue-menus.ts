import { uuidv7 } from '@practice/common';
import { MenuLevel, MenuStatus } from '../menu/menu.enums';
import { ResourceStatus } from '../resource/resource.enums';
import { CatalogueChunk, MenuItemRow, MenuRow, Period, ResourceRow, chinaTime } from './catalogue-model';
import type { PublisherPlan } from './catalogue-publishers';
import { DEMO_ACTOR } from './catalogue-resources';
import type { Rng } from './random';

/** A menu lists a selection, not a whole large catalogue. */
export const MAX_MENU_ITEMS = 60;
const ITEM_NOTES = ['本月重点推荐', '名额有限，先到先得', '需提前电话预约', '配合集中活动日开展'];
const MINUTE = 60_000;

export interface MenuPeriods {
  previous: Period;
  current: Period;
  next: Period;
  today: number;
}

interface Edition {
  menu: MenuRow;
  items: MenuItemRow[];
}

/**
 * A publisher's menus: last month's edition (archived when the month ended), this month's
 * published one (for some a first edition superseded by a correction) and, for a few, a draft for
 * next month. Only PUBLISHED resources of the publisher are listed, each with a quota within its
 * capacity, as the API requires.
 */
export function writePublisherMenus(plan: PublisherPlan, resources: ResourceRow[], rng: Rng, periods: MenuPeriods, chunk: CatalogueChunk): void {
  const listable = resources.filter((resource) => resource.status === ResourceStatus.PUBLISHED);
  if (!listable.length) return;
  const { previous, current, next, today } = periods;
  const daysIntoMonth = today - current.firstDay;

  const archived = edition(plan, rng, previous, 1, MenuStatus.ARCHIVED, pick(rng, listable), beforeMonth(rng, previous));
  archived.menu.closedAt = chinaTime(current.firstDay, rng.int(0, 30));
  archived.menu.closedBy = DEMO_ACTOR;
  archived.menu.version = 3;
  archived.menu.updatedAt = archived.menu.closedAt;

  const first = edition(plan, rng, current, 1, MenuStatus.PUBLISHED, pick(rng, listable), beforeMonth(rng, current));
  const editions = [archived, first];
  if (rng.chance(0.12)) {
    // A correction published in the first days of the month: quotas changed, an item added or dropped.
    const createdAt = chinaTime(current.firstDay + rng.int(0, Math.min(9, daysIntoMonth)), rng.int(540, 900));
    const publishedAt = new Date(createdAt.getTime() + rng.int(20, 180) * MINUTE);
    const correction = edition(plan, rng, current, 2, MenuStatus.PUBLISHED, corrected(rng, first.items, listable), { createdAt, publishedAt });
    correction.menu.supersedesId = first.menu.id;
    correction.menu.notes = '更正：调整部分项目名额和内容';
    first.menu.status = MenuStatus.SUPERSEDED;
    first.menu.liveSlot = null;
    first.menu.closedAt = publishedAt;
    first.menu.closedBy = DEMO_ACTOR;
    first.menu.version = 3;
    first.menu.updatedAt = publishedAt;
    editions.push(correction);
  }
  if (rng.chance(0.15)) {
    const createdAt = chinaTime(today - rng.int(0, Math.min(5, daysIntoMonth)), rng.int(540, 1020));
    editions.push(edition(plan, rng, next, 1, MenuStatus.DRAFT, pick(rng, listable), { createdAt, publishedAt: null }));
  }
  for (const { menu, items } of editions) {
    chunk.menus.push(menu);
    chunk.items.push(...items);
  }
}

/** Prepared a few days before the month, published a day or two later, still before the month. */
function beforeMonth(rng: Rng, period: Period): { createdAt: Date; publishedAt: Date } {
  const createdDay = period.firstDay - rng.int(4, 9);
  return { createdAt: chinaTime(createdDay, rng.int(540, 1020)), publishedAt: chinaTime(createdDay + rng.int(1, 3), rng.int(540, 1020)) };
}

/** Most of the listable resources, at most MAX_MENU_ITEMS, each with a quota within its capacity. */
function pick(rng: Rng, listable: ResourceRow[]): { resource: ResourceRow; quota: number }[] {
  const wanted = Math.min(MAX_MENU_ITEMS, Math.max(1, Math.round(listable.length * (0.7 + rng.next() * 0.3))));
  return rng.sample(listable, wanted).map((resource) => ({ resource, quota: quotaOf(rng, resource) }));
}

const quotaOf = (rng: Rng, resource: ResourceRow): number =>
  resource.capacityPerMonth === null ? rng.int(10, 60) : rng.int(Math.max(1, Math.ceil(resource.capacityPerMonth / 2)), resource.capacityPerMonth);

function corrected(rng: Rng, items: MenuItemRow[], listable: ResourceRow[]): { resource: ResourceRow; quota: number }[] {
  const byId = new Map(listable.map((resource) => [resource.id, resource]));
  const picked = items.map((item) => ({ resource: byId.get(item.resourceId)!, quota: item.quota }));
  const changed = rng.pick(picked);
  changed.quota = Math.max(1, changed.quota - rng.int(1, 5));
  const missing = listable.filter((resource) => !items.some((item) => item.resourceId === resource.id));
  if (missing.length && picked.length < MAX_MENU_ITEMS) {
    const added = rng.pick(missing);
    picked.push({ resource: added, quota: quotaOf(rng, added) });
  } else if (picked.length > 1) picked.splice(rng.int(0, picked.length - 1), 1);
  return picked;
}

function edition(
  plan: PublisherPlan,
  rng: Rng,
  period: Period,
  number: number,
  status: MenuStatus,
  picked: { resource: ResourceRow; quota: number }[],
  times: { createdAt: Date; publishedAt: Date | null },
): Edition {
  const { site } = plan;
  const id = uuidv7(times.createdAt.getTime(), rng.bytes);
  const slot = `${site.id}/${period.period}`;
  const menu: MenuRow = {
    id,
    publisherId: site.id,
    publisherKind: site.kind,
    publisherPath: site.path,
    publisherRegionCode: site.regionCode,
    level: site.kind as string as MenuLevel,
    period: period.period,
    edition: number,
    status,
    title: `${site.name}${period.year}年${period.month}月资源菜单`,
    notes: null,
    supersedesId: null,
    draftSlot: status === MenuStatus.DRAFT ? slot : null,
    liveSlot: status === MenuStatus.PUBLISHED ? slot : null,
    createdBy: DEMO_ACTOR,
    createdAt: times.createdAt,
    updatedBy: null,
    // Created (version 1) and, when published, published (2); closing makes it 3.
    updatedAt: times.publishedAt ?? times.createdAt,
    version: times.publishedAt ? 2 : 1,
    publishedBy: times.publishedAt ? DEMO_ACTOR : null,
    publishedAt: times.publishedAt,
    closedBy: null,
    closedAt: null,
  };
  const items = picked.map(({ resource, quota }, index) => ({
    menuId: id,
    resourceId: resource.id,
    quota,
    position: index + 1,
    note: rng.chance(0.1) ? rng.pick(ITEM_NOTES) : null,
  }));
  return { menu, items };
}
