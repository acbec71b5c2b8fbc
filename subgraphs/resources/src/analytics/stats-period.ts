import { PERIOD_PATTERN, badInput, monthOf } from '@practice/common';
import { thisMonth } from '../shared/period';

/** Three years: enough to compare a month with the same month two years before, bounded so that a query stays small. */
export const MAX_STATS_MONTHS = 36;

/** Months from `from` to `to`, both included, YYYY-MM. */
export interface MonthRange {
  from: string;
  to: string;
  months: string[];
}

/**
 * The months a statistic covers: one month (`to` left out) or a range of at most
 * `MAX_STATS_MONTHS`; this month (China time) when no period is given.
 */
export function monthRange(period: { from: string; to?: string | null } | null | undefined, field: string, now: Date = new Date()): MonthRange {
  const from = period?.from ?? thisMonth(now);
  const to = period?.to ?? from;
  if (!PERIOD_PATTERN.test(from)) throw badInput(`${field}.from`, 'must be a month YYYY-MM', 'INVALID_PERIOD');
  if (!PERIOD_PATTERN.test(to)) throw badInput(`${field}.to`, 'must be a month YYYY-MM', 'INVALID_PERIOD');
  if (to < from) throw badInput(`${field}.to`, 'must not be before from', 'PERIOD_REVERSED');
  const count = monthIndex(to) - monthIndex(from) + 1;
  if (count > MAX_STATS_MONTHS) throw badInput(`${field}.to`, `the period may span at most ${MAX_STATS_MONTHS} months`, 'PERIOD_TOO_LONG');
  return { from, to, months: Array.from({ length: count }, (_, offset) => monthOf(`${from}-01`, offset)) };
}

const monthIndex = (period: string): number => Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7));
