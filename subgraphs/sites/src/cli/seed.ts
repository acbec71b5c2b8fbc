import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { seedCommand } from '@practice/common';
import { seedDemoSites } from '../demo/seed';
import { sitesSubgraph } from '../subgraph';

const { values } = parseArgs({
  options: { counties: { type: 'string', default: '1' }, seed: { type: 'string' } },
  allowPositionals: true,
  strict: false,
});
const counties = Number(values.counties);
const seed = values.seed === undefined ? undefined : Number(values.seed);

void seedCommand(sitesSubgraph, (db) => seedDemoSites(db, undefined, { counties, seed }));
