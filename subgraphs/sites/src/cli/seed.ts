import 'reflect-metadata';
import { seedCommand } from '@practice/common';
import { demoSeedArgs } from '../demo/seed-args';
import { seedDemoSites } from '../demo/seed';
import { sitesSubgraph } from '../subgraph';

const { counties, seed, scale } = demoSeedArgs();

void seedCommand(sitesSubgraph, (db) => seedDemoSites(db, undefined, { counties, seed, scale }));
