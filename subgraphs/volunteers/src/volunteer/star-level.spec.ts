import { StarLevels } from './star-level';

describe('StarLevels', () => {
  const stars = new StarLevels([100, 300, 600, 1000, 1500]);

  it.each([
    [0, 0, 1, 100],
    [9999, 0, 1, 0.01],
    [10000, 1, 2, 200],
    [59999, 2, 3, 0.01],
    [150000, 5, null, null],
    [999999, 5, null, null],
  ])('%p hundredths of an hour are level %p', (hundredths, level, nextLevel, hoursToNextLevel) => {
    expect(stars.of(hundredths)).toMatchObject({ level, nextLevel, hoursToNextLevel, verifiedHours: hundredths / 100 });
  });

  it('gives the range of each level for filters', () => {
    expect(stars.rangeOf(0)).toEqual({ min: 0, max: 10000 });
    expect(stars.rangeOf(3)).toEqual({ min: 60000, max: 100000 });
    expect(stars.rangeOf(5)).toEqual({ min: 150000, max: null });
  });

  it('follows other thresholds, fractional ones included', () => {
    const local = new StarLevels([20.5, 50]);
    expect(local.maxLevel).toBe(2);
    expect(local.of(2050)).toMatchObject({ level: 1, nextLevelHours: 50, hoursToNextLevel: 29.5 });
    expect(local.rules).toEqual([
      { level: 1, minimumHours: 20.5 },
      { level: 2, minimumHours: 50 },
    ]);
  });

  it('writes the level as a SQL CASE from the highest threshold down', () => {
    expect(stars.sqlOf('v.verified_hundredths')).toBe(
      '(CASE WHEN v.verified_hundredths >= 150000 THEN 5 WHEN v.verified_hundredths >= 100000 THEN 4 WHEN v.verified_hundredths >= 60000 THEN 3' +
        ' WHEN v.verified_hundredths >= 30000 THEN 2 WHEN v.verified_hundredths >= 10000 THEN 1 ELSE 0 END)',
    );
    expect(new StarLevels([20.5]).sqlOf('h')).toBe('(CASE WHEN h >= 2050 THEN 1 ELSE 0 END)');
  });
});
