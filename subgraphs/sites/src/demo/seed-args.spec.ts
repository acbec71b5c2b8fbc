import { SeedArgsError, parseDemoSeedArgs } from './seed-args';

describe('the seed commands’ arguments', () => {
  it('default to one small county with the generators’ seed', () => {
    expect(parseDemoSeedArgs([])).toEqual({ counties: 1, scale: 'small', seed: undefined, counts: {} });
  });

  it('read the scale, the seed, the counties and the counts the generator asks for, and leave the others alone', () => {
    expect(parseDemoSeedArgs(['--scale', 'county', '--seed', '0', '--counties=3', '--volunteers', '5000', '--resources', '9'], ['volunteers'])).toEqual({
      counties: 3,
      scale: 'county',
      seed: 0,
      counts: { volunteers: 5000 },
    });
  });

  it.each([
    [['--scale', 'province'], /--scale must be small or county/],
    [['--seed', 'abc'], /--seed must be a whole number of at least 0/],
    [['--seed', '-1'], /--seed/],
    [['--counties', '0'], /--counties must be a whole number of at least 1/],
    [['--volunteers', '1.5'], /--volunteers/],
    [['--volunteers', ''], /--volunteers/],
  ])('refuse %j', (argv, message) => {
    expect(() => parseDemoSeedArgs(argv, ['volunteers'])).toThrow(SeedArgsError);
    expect(() => parseDemoSeedArgs(argv, ['volunteers'])).toThrow(message);
  });
});
