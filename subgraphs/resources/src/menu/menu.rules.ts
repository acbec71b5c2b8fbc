import { FieldProblem, Principal, badInput, monthOf, todayInChina } from '@practice/common';
import { publisherOfRow } from '../resource/resource.checks';
import type { Resource } from '../resource/resource.entity';
import { ResourceStatus } from '../resource/resource.enums';
import { seesUnpublished } from '../shared/ownership';
import type { Menu } from './menu.entity';
import { MenuStatus } from './menu.enums';
import type { MenuItemInput } from './menu.inputs';

/** Months ahead a menu may be prepared. */
export const MONTHS_AHEAD = 12;

/** A menu is written for this month or one of the next twelve: a past month's menu is history. */
export function checkOpenPeriod(period: string, field: string, today = todayInChina()): void {
  if (period < monthOf(today)) throw badInput(field, `${period} has ended; menus are for this month or later`, 'PERIOD_ENDED');
  if (period > monthOf(today, MONTHS_AHEAD)) throw badInput(field, `Menus are prepared at most ${MONTHS_AHEAD} months ahead`, 'PERIOD_TOO_FAR');
}

/** Drafts are seen by their catalogue's owners, analysts and admins; every other edition by everybody. */
export const seesMenu = (principal: Principal, menu: Menu): boolean => menu.status !== MenuStatus.DRAFT || seesUnpublished(principal, publisherOfRow(menu));

export const visibleMenu = (menu: Menu | null, principal: Principal): Menu | null => (menu && seesMenu(principal, menu) ? menu : null);

/** `<publisher>/<period>`: the key of the unique draft and live editions of a publisher's month. */
export const slotOf = (menu: Pick<Menu, 'publisherId' | 'period'>): string => `${menu.publisherId}/${menu.period}`;

/**
 * What is wrong with a menu's items: a resource listed twice, one that is not the publisher's (or
 * does not exist: the two are not told apart), a withdrawn one, a quota above the resource's
 * capacity. `published` also requires every resource to be PUBLISHED, as publishing does.
 */
export function itemProblems(
  items: readonly Pick<MenuItemInput, 'resourceId' | 'quota'>[],
  resources: ReadonlyMap<string, Resource>,
  publisherId: string,
  path: string,
  published = false,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const at = `${path}[${index}]`;
    const resource = resources.get(item.resourceId);
    if (seen.has(item.resourceId)) problems.push({ field: `${at}.resourceId`, message: 'lists a resource already on the menu' });
    seen.add(item.resourceId);
    if (!resource || resource.publisherId !== publisherId) {
      problems.push({ field: `${at}.resourceId`, message: `${item.resourceId} is not a resource of this publisher` });
      return;
    }
    if (resource.status === ResourceStatus.WITHDRAWN) problems.push({ field: `${at}.resourceId`, message: `${resource.title} is withdrawn` });
    else if (published && resource.status !== ResourceStatus.PUBLISHED)
      problems.push({ field: `${at}.resourceId`, message: `${resource.title} is not published yet` });
    if (resource.capacityPerMonth !== null && item.quota > resource.capacityPerMonth) {
      problems.push({ field: `${at}.quota`, message: `is above the ${resource.capacityPerMonth} orders a month ${resource.title} can serve` });
    }
  });
  return problems;
}
