import { CellError } from './cell-error';
import { parseSchedule } from './schedule';

describe('parseSchedule', () => {
  it('reads rules separated by semicolons, with weekday ranges and lists', () => {
    expect(parseSchedule('1-5 09:00-17:00; 6,7 08:30-11:30')).toEqual([
      { days: [1, 2, 3, 4, 5], opensAt: '09:00', closesAt: '17:00' },
      { days: [6, 7], opensAt: '08:30', closesAt: '11:30' },
    ]);
  });

  it('mixes ranges and single days, sorts and merges them, pads short hours and ignores empty rules', () => {
    expect(parseSchedule(' 5,1-3,2 9:00-24:00 ;; ')).toEqual([{ days: [1, 2, 3, 5], opensAt: '09:00', closesAt: '24:00' }]);
  });

  it.each([
    ['no times', '1-5', /not a rule/],
    ['a weekday 8', '1,8 09:00-10:00', /"8".*weekday 1 to 7/],
    ['a weekday 0', '0-5 09:00-10:00', /weekday 1 to 7/],
    ['a range that runs backwards', '5-1 09:00-10:00', /runs backwards/],
    ['words for days', 'Mon-Fri 09:00-17:00', /weekday/],
    ['a time without minutes', '1 9-17', /not a rule/],
  ])('refuses %s', (_name, cell, message) => {
    expect(() => parseSchedule(cell)).toThrow(CellError);
    expect(() => parseSchedule(cell)).toThrow(message);
  });

  it('leaves the meaning of times to the API: closing before opening parses', () => {
    expect(parseSchedule('1 17:00-09:00')).toEqual([{ days: [1], opensAt: '17:00', closesAt: '09:00' }]);
  });
});
