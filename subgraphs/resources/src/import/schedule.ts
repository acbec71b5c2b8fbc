import { CellError } from './cell-error';

export interface ScheduleRuleCell {
  days: number[];
  opensAt: string;
  closesAt: string;
}

const RULE = /^(\S+)\s+(\d{1,2}:\d{2})-(\d{1,2}:\d{2})$/;
const DAYS = /^([1-7])(?:-([1-7]))?$/;

/** `9:00` → `09:00`, as the API writes times. */
const time = (value: string): string => value.padStart(5, '0');

/** One rule: `1-5 09:00-17:00`, `6,7 08:30-11:30`, `1-3,5 14:00-16:00` (ISO weekdays, 1 = Monday). */
function scheduleRule(text: string): ScheduleRuleCell {
  const match = RULE.exec(text);
  if (!match) throw new CellError(`"${text}" is not a rule such as 1-5 09:00-17:00`);
  const days = new Set<number>();
  for (const part of match[1].split(',')) {
    const range = DAYS.exec(part);
    if (!range) throw new CellError(`"${part}" in "${text}" is not a weekday 1 to 7 or a range such as 1-5`);
    const [from, to] = [Number(range[1]), Number(range[2] ?? range[1])];
    if (from > to) throw new CellError(`the range ${part} in "${text}" runs backwards`);
    for (let day = from; day <= to; day++) days.add(day);
  }
  return { days: [...days].sort((a, b) => a - b), opensAt: time(match[2]), closesAt: time(match[3]) };
}

/**
 * A schedule cell: rules separated by `;`. Only the form is checked here; whether the times are
 * real and in order is the API's rule, reported with the row's line like any other.
 */
export function parseSchedule(cell: string): ScheduleRuleCell[] {
  return cell
    .split(';')
    .map((rule) => rule.trim())
    .filter(Boolean)
    .map(scheduleRule);
}
