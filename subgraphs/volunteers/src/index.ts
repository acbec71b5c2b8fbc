import 'reflect-metadata';
import { loadDefinitionConfig, runService, startSubgraph } from '@practice/common';
import { volunteersSubgraph } from './subgraph';

export { volunteersSubgraph };
/** The demo volunteers: other subgraphs' demo data refers to the same ones. */
export { generateVolunteerNetwork } from './demo/volunteer-network';
export type { VolunteerChunk, VolunteerNetwork, VolunteerNetworkOptions } from './demo/volunteer-network';

if (require.main === module) {
  runService('volunteers', async () => {
    const running = await startSubgraph(volunteersSubgraph, loadDefinitionConfig(volunteersSubgraph));
    running.log.info('volunteers subgraph ready', { url: running.url });
    return running;
  });
}
