import { AppError } from '@practice/common';
import { MAX_STATS_MONTHS, monthRange } from './stats-period';

const problemOf = (run: () => unknown): Record<string, unknown> => {
  try {
    run();
  } catch (error) {
    return (error as AppError).extensions;
  }
  throw new Error('no error');
};

describe('monthRange', () => {
  it('is one month when to is left out, and this month (China time) without a period', () => {
    expect(monthRange({ from: '2026-12' }, 'filter.period')).toEqual({ from: '2026-12', to: '2026-12', months: ['2026-12'] });
    // 2026-03-31 17:00 UTC is already April in China.
    expect(monthRange(undefined, 'filter.period', new Date('2026-03-31T17:00:00Z')).months).toEqual(['2026-04']);
  });

  it('lists every month of a range across years', () => {
    expect(monthRange({ from: '2025-11', to: '2026-02' }, 'p').months).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthRange({ from: '2024-01', to: '2026-12' }, 'p').months).toHaveLength(MAX_STATS_MONTHS);
  });

  it('refuses bad, reversed and too long periods, naming the field', () => {
    expect(problemOf(() => monthRange({ from: '2026-13' }, 'filter.period'))).toMatchObject({ field: 'filter.period.from', reason: 'INVALID_PERIOD' });
    expect(problemOf(() => monthRange({ from: '2026-01', to: '2026-1' }, 'filter.period'))).toMatchObject({
      field: 'filter.period.to',
      reason: 'INVALID_PERIOD',
    });
    expect(problemOf(() => monthRange({ from: '2026-05', to: '2026-04' }, 'filter.period'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.period.to',
      reason: 'PERIOD_REVERSED',
    });
    expect(problemOf(() => monthRange({ from: '2024-01', to: '2027-01' }, 'filter.period'))).toMatchObject({ reason: 'PERIOD_TOO_LONG' });
  });
});
