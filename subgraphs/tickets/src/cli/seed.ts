import 'reflect-metadata';
import { seedCommand, seedProgress } from '@practice/common';
import { demoSeedArgs } from '@practice/sites';
import { seedDemoTickets } from '../demo/seed';
import { ticketsSubgraph } from '../subgraph';

// The tickets follow the volunteers of the volunteers demo (`--volunteers` as there): the bar counts the volunteers done.
const { counties, scale, seed, counts } = demoSeedArgs(['volunteers']);
const progress = seedProgress('tickets', "volunteers' tickets");

void seedCommand(ticketsSubgraph, (db, config) =>
  seedDemoTickets(db, undefined, config, {
    scale,
    counties,
    volunteers: counts.volunteers,
    seed,
    onProgress: ({ volunteers: done, total, rows, elapsedMs }) => progress({ done, total, rows, elapsedMs }),
  }),
);
