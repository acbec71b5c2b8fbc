import { badInput } from '@practice/common';

/** Service hours are kept in hundredths of an hour, so that sums are exact on every database. */
export const MAX_HOURS_PER_DAY = 24;

/** Hours as given by a client (at most two decimals, above 0, at most 24) in hundredths. */
export function toHundredths(hours: number, field: string): number {
  const hundredths = Math.round(hours * 100);
  if (!Number.isFinite(hours) || Math.abs(hours * 100 - hundredths) > 1e-6) throw badInput(field, 'must have at most two decimals', 'INVALID_HOURS');
  if (hundredths <= 0 || hundredths > MAX_HOURS_PER_DAY * 100) throw badInput(field, `must be above 0 and at most ${MAX_HOURS_PER_DAY}`, 'INVALID_HOURS');
  return hundredths;
}

export const fromHundredths = (hundredths: number): number => Math.round(hundredths) / 100;
