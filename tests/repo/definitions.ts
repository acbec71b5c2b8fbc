import type { SubgraphDefinition } from '@practice/common';
import type { SubgraphName } from '@practice/gateway/subgraphs';
import { sitesSubgraph } from '@practice/sites/subgraph';
import { volunteersSubgraph } from '@practice/volunteers/subgraph';
import { resourcesSubgraph } from '@practice/resources/subgraph';
import { ticketsSubgraph } from '@practice/tickets/subgraph';

/** Every subgraph of gateway/src/subgraphs.ts by name, for the repository checks. */
export const SUBGRAPH_DEFINITIONS: Record<SubgraphName, SubgraphDefinition<object>> = {
  sites: sitesSubgraph as SubgraphDefinition<object>,
  volunteers: volunteersSubgraph as SubgraphDefinition<object>,
  resources: resourcesSubgraph as SubgraphDefinition<object>,
  tickets: ticketsSubgraph as SubgraphDefinition<object>,
};
