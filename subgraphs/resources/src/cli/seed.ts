import 'reflect-metadata';
import { seedCommand, seedProgress } from '@practice/common';
import { demoSeedArgs } from '@practice/sites';
import { seedDemoResources } from '../demo/seed';
import { resourcesSubgraph } from '../subgraph';

const { counties, scale, seed, counts } = demoSeedArgs(['resources']);
const progress = seedProgress('resources', 'resources');

void seedCommand(resourcesSubgraph, (db, config) =>
  seedDemoResources(db, undefined, config, {
    scale,
    counties,
    resources: counts.resources,
    seed,
    onProgress: ({ resources: done, total, rows, elapsedMs }) => progress({ done, total, rows, elapsedMs }),
  }),
);
