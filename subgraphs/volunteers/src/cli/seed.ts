import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { seedCommand } from '@practice/common';
import { seedDemoVolunteers } from '../demo/seed';
import { volunteersSubgraph } from '../subgraph';

// Not strict: `npm run seed -- …` at the root passes the same arguments to every subgraph's seeder.
const { values } = parseArgs({
  options: { counties: { type: 'string', default: '1' }, volunteers: { type: 'string' }, seed: { type: 'string' } },
  allowPositionals: true,
  strict: false,
});

function count(name: string, raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    process.stderr.write(`--${name} must be a whole number above 0, not ${String(raw)}\n`);
    process.exit(2);
  }
  return value;
}

const counties = count('counties', values.counties)!;
const volunteers = count('volunteers', values.volunteers);
const seed = values.seed === undefined ? undefined : Number(values.seed);

void seedCommand(volunteersSubgraph, (db, config) =>
  seedDemoVolunteers(db, undefined, config, {
    counties,
    volunteers,
    seed,
    onProgress: ({ volunteers: done, total, rows, elapsedMs }) =>
      process.stderr.write(`volunteers: ${done}/${total} volunteers, ${rows} rows, ${(elapsedMs / 1000).toFixed(1)} s\n`),
  }),
);
