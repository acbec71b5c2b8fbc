import { CHINA_OFFSET_MS } from '@practice/common';
import { MenuStatus } from '../menu/menu.enums';
import { ResourceStatus } from '../resource/resource.enums';
import type { MenuPeriods } from './catalogue-menus';
import { CatalogueChunk, Period, ResourceRow, chinaTime } from './catalogue-model';
import type { Rng } from './random';

const DAY_MS = 86_400_000;
/** Share of resources so popular that they book out every month, early in the month. */
const BOOKED_OUT = 0.12;
/** Orders a month of a resource without any limit, at full demand. */
const UNLIMITED_DEMAND: [number, number] = [5, 40];

const dayOfChina = (at: Date): number => Math.floor((at.getTime() + CHINA_OFFSET_MS) / DAY_MS);

/**
 * Orders of last month and of this month so far, as the tickets subgraph's events would have
 * counted them: while a resource was published, a demand of its own share of what the month could
 * take — its capacity, bounded by its quota on the month's menu — pro rata of the days it was open;
 * a few resources book out early every month. Never above the limit, as the tickets subgraph
 * refuses orders beyond it. Rows only for months with orders, as the events write them.
 */
export function writePublisherUsage(publisherId: string, resources: ResourceRow[], rng: Rng, periods: MenuPeriods, chunk: CatalogueChunk): void {
  const { previous, current, next, today } = periods;
  const quotas = menuQuotas(publisherId, chunk, periods);
  const months: [Period, number][] = [
    [previous, current.firstDay - 1],
    [current, Math.min(today, next.firstDay - 1)],
  ];
  for (const resource of resources) {
    if (resource.status === ResourceStatus.DRAFT || !resource.publishedAt) continue;
    const demand = rng.chance(BOOKED_OUT) ? 1 : 0.05 + rng.next() * 0.85;
    const unlimited = rng.int(...UNLIMITED_DEMAND);
    const opened = dayOfChina(resource.publishedAt);
    const closed = resource.status === ResourceStatus.WITHDRAWN ? dayOfChina(resource.updatedAt) : today;
    for (const [month, lastDay] of months) {
      const open = Math.min(lastDay, closed) - Math.max(month.firstDay, opened) + 1;
      if (open <= 0) continue;
      const daysInMonth = (month === previous ? current.firstDay : next.firstDay) - month.firstDay;
      // Booked-out resources fill up in the first third of a month.
      const elapsed = Math.min(1, (open / daysInMonth) * (demand === 1 ? 3 : 1));
      const limit = [resource.capacityPerMonth, quotas.get(`${resource.id}/${month.period}`) ?? null].filter((bound): bound is number => bound !== null);
      const orders = limit.length ? Math.min(Math.min(...limit), Math.round(Math.min(...limit) * demand * elapsed)) : Math.round(unlimited * demand * elapsed);
      if (orders <= 0) continue;
      const lastOrderDay = Math.min(lastDay, closed) - rng.int(0, Math.min(3, open - 1));
      chunk.usage.push({ resourceId: resource.id, period: month.period, orders, updatedAt: chinaTime(lastOrderDay, rng.int(480, 1080)) });
    }
  }
}

/** Quotas on the publisher's menus citizens could order from: last month's (now archived) and this month's live edition. */
function menuQuotas(publisherId: string, chunk: CatalogueChunk, { previous, current }: MenuPeriods): Map<string, number> {
  const live = new Map(
    chunk.menus
      .filter(
        (menu) =>
          menu.publisherId === publisherId &&
          ((menu.period === previous.period && menu.status === MenuStatus.ARCHIVED) ||
            (menu.period === current.period && menu.status === MenuStatus.PUBLISHED)),
      )
      .map((menu) => [menu.id, menu.period]),
  );
  const quotas = new Map<string, number>();
  for (const item of chunk.items) {
    const period = live.get(item.menuId);
    if (period) quotas.set(`${item.resourceId}/${period}`, item.quota);
  }
  return quotas;
}
