/**
 * What is left of a month's capacity after its orders: null when the resource has no limit and is
 * on no menu, never below 0. A resource on a menu of the month is offered up to its quota there
 * (at most its capacity), so the quota bounds what is left too.
 */
export function capacityLeft(capacityPerMonth: number | null, orders: number, quota: number | null = null): number | null {
  const bounds = [capacityPerMonth, quota].filter((bound): bound is number => bound !== null);
  if (!bounds.length) return null;
  return Math.max(0, Math.min(...bounds) - orders);
}

/** Whether another order fits in the month. */
export const hasRoom = (left: number | null): boolean => left === null || left > 0;
