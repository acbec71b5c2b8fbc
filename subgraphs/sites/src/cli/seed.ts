import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { seedCommand } from '@practice/common';
import { isDemoScale } from '../demo/demo-scale';
import { seedDemoSites } from '../demo/seed';
import { sitesSubgraph } from '../subgraph';

const { values } = parseArgs({
  options: { counties: { type: 'string', default: '1' }, seed: { type: 'string' }, scale: { type: 'string', default: 'small' } },
  allowPositionals: true,
  strict: false,
});
const counties = Number(values.counties);
const seed = values.seed === undefined ? undefined : Number(values.seed);
if (!isDemoScale(values.scale)) {
  process.stderr.write(`--scale must be small or county, not ${String(values.scale)}\n`);
  process.exit(2);
}
const scale = values.scale;

void seedCommand(sitesSubgraph, (db) => seedDemoSites(db, undefined, { counties, seed, scale }));
