import { parseArgs } from 'node:util';
import { DemoScaleName, isDemoScale } from './demo-scale';

/** What every subgraph's `seed` command takes: `npm run seed -- …` passes the same arguments to each. */
export interface DemoSeedArgs {
  counties: number;
  scale: DemoScaleName;
  /** Undefined: the generators' default seed. */
  seed?: number;
  /** The counts the calling generator takes (`--volunteers`, `--resources`), when given. */
  counts: Record<string, number | undefined>;
}

export class SeedArgsError extends Error {}

function wholeNumber(name: string, raw: unknown, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isSafeInteger(value) || value < min) {
    throw new SeedArgsError(`--${name} must be a whole number of at least ${min}, not ${String(raw)}`);
  }
  return value;
}

/**
 * Reads the arguments, leaving those of other generators alone (not strict), so that one command line
 * serves the four seeders; a bad value is a SeedArgsError naming its option.
 */
export function parseDemoSeedArgs(argv: string[], counts: readonly string[] = []): DemoSeedArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      counties: { type: 'string', default: '1' },
      scale: { type: 'string', default: 'small' },
      seed: { type: 'string' },
      ...Object.fromEntries(counts.map((name) => [name, { type: 'string' as const }])),
    },
    allowPositionals: true,
    strict: false,
  });
  if (!isDemoScale(values.scale)) throw new SeedArgsError(`--scale must be small or county, not ${String(values.scale)}`);
  return {
    counties: wholeNumber('counties', values.counties, 1)!,
    scale: values.scale,
    seed: wholeNumber('seed', values.seed, 0),
    counts: Object.fromEntries(counts.map((name) => [name, wholeNumber(name, values[name], 1)])),
  };
}

/** The arguments of this process's seed command; a bad one is said on stderr and exits 2. */
export function demoSeedArgs(counts: readonly string[] = []): DemoSeedArgs {
  try {
    return parseDemoSeedArgs(process.argv.slice(2), counts);
  } catch (error) {
    if (!(error instanceof SeedArgsError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}
