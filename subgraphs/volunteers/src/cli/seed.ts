import 'reflect-metadata';
import { seedCommand, seedProgress } from '@practice/common';
import { demoSeedArgs } from '@practice/sites';
import { seedDemoVolunteers } from '../demo/seed';
import { volunteersSubgraph } from '../subgraph';

const { counties, scale, seed, counts } = demoSeedArgs(['volunteers']);
const progress = seedProgress('volunteers', 'volunteers');

void seedCommand(volunteersSubgraph, (db, config) =>
  seedDemoVolunteers(db, undefined, config, {
    scale,
    counties,
    volunteers: counts.volunteers,
    seed,
    onProgress: ({ volunteers: done, total, rows, elapsedMs }) => progress({ done, total, rows, elapsedMs }),
  }),
);
