import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { seedCommand } from '@practice/common';
import { seedDemoResources } from '../demo/seed';
import { resourcesSubgraph } from '../subgraph';

// Not strict: `npm run seed -- …` at the root passes the same arguments to every subgraph's seeder.
const { values } = parseArgs({
  options: { counties: { type: 'string', default: '1' }, resources: { type: 'string' }, seed: { type: 'string' } },
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
const resources = count('resources', values.resources);
const seed = values.seed === undefined ? undefined : Number(values.seed);

void seedCommand(resourcesSubgraph, (db, config) =>
  seedDemoResources(db, undefined, config, {
    counties,
    resources,
    seed,
    onProgress: ({ resources: done, total, rows, elapsedMs }) =>
      process.stderr.write(`resources: ${done}/${total} resources, ${rows} rows, ${(elapsedMs / 1000).toFixed(1)} s\n`),
  }),
);
