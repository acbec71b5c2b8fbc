import { PERIOD_PATTERN, badInput, monthOf, todayInChina } from '@practice/common';

/** This month, YYYY-MM, in China time. */
export const thisMonth = (now: Date = new Date()): string => monthOf(todayInChina(now));

/** A month argument, checked; by default this month. */
export function periodOrThisMonth(period: string | null | undefined, field = 'period'): string {
  const month = period ?? thisMonth();
  if (!PERIOD_PATTERN.test(month)) throw badInput(field, 'must be a month YYYY-MM', 'INVALID_PERIOD');
  return month;
}
