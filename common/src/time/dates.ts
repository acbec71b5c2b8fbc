import { badInput } from '../errors/errors';

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** A month YYYY-MM, as menus and monthly figures name it. */
export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
/** The product serves China: "today" is the calendar day in UTC+8. */
export const CHINA_OFFSET_MS = 8 * 3600_000;

export function isValidDate(value: string): boolean {
  if (!DATE_PATTERN.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** A YYYY-MM-DD date from a database value: a string on SQLite, sometimes a Date from MySQL. */
export function dateString(value: string | Date): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

/** The month YYYY-MM of a day YYYY-MM-DD, `offset` months later (or earlier, when negative). */
export function monthOf(date: string, offset = 0): string {
  const [year, month] = date.split('-').map(Number);
  const index = year * 12 + (month - 1) + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A period of days, both ends included; checked to be in order and at most `maxDays` long. */
export function checkPeriod(from: string, to: string, field: string, maxDays = 3660): void {
  if (!isValidDate(from)) throw badInput(`${field}.from`, 'must be a date YYYY-MM-DD', 'INVALID_DATE');
  if (!isValidDate(to)) throw badInput(`${field}.to`, 'must be a date YYYY-MM-DD', 'INVALID_DATE');
  if (from > to) throw badInput(`${field}.to`, 'must not be before from', 'PERIOD_REVERSED');
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > maxDays)
    throw badInput(`${field}.to`, `the period may span at most ${maxDays} days`, 'PERIOD_TOO_LONG');
}
