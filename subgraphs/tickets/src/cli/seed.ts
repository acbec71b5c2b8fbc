import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { seedCommand, seedProgress } from '@practice/common';
import { isDemoScale } from '@practice/sites';
import { seedDemoTickets } from '../demo/seed';
import { ticketsSubgraph } from '../subgraph';

// Not strict: `npm run seed -- …` at the root passes the same arguments to every subgraph's seeder.
const { values } = parseArgs({
  options: {
    counties: { type: 'string', default: '1' },
    scale: { type: 'string', default: 'small' },
    volunteers: { type: 'string' },
    seed: { type: 'string' },
  },
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

if (!isDemoScale(values.scale)) {
  process.stderr.write(`--scale must be small or county, not ${String(values.scale)}\n`);
  process.exit(2);
}
const scale = values.scale;
// The tickets follow the volunteers of the volunteers demo: the bar counts the volunteers done.
const progress = seedProgress('tickets', "volunteers' tickets");

void seedCommand(ticketsSubgraph, (db, config) =>
  seedDemoTickets(db, undefined, config, {
    scale,
    counties: count('counties', values.counties)!,
    volunteers: count('volunteers', values.volunteers),
    seed: values.seed === undefined ? undefined : Number(values.seed),
    onProgress: ({ volunteers: done, total, rows, elapsedMs }) => progress({ done, total, rows, elapsedMs }),
  }),
);
