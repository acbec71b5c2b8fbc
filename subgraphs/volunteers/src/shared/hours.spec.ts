import { toHundredths } from './hours';

describe('toHundredths', () => {
  it.each([
    [0.01, 1],
    [1.5, 150],
    [2.25, 225],
    [0.29, 29],
    [24, 2400],
  ])('keeps %p hours as %p hundredths, exactly', (hours, hundredths) => {
    expect(toHundredths(hours, 'hours')).toBe(hundredths);
  });

  it.each([0, -1, 24.01, 1.234, Number.NaN, Number.POSITIVE_INFINITY])('refuses %p hours', (hours) => {
    expect(() => toHundredths(hours, 'input.hours')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.hours' }) }),
    );
  });
});
