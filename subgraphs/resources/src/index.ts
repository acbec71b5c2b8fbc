import 'reflect-metadata';
import { loadDefinitionConfig, runService, startSubgraph } from '@practice/common';
import { resourcesSubgraph } from './subgraph';

export { resourcesSubgraph };
/** The demo catalogues: other subgraphs' demo data refers to the same resources. */
export { generateCatalogueNetwork } from './demo/catalogue-network';

if (require.main === module) {
  runService('resources', async () => {
    const running = await startSubgraph(resourcesSubgraph, loadDefinitionConfig(resourcesSubgraph));
    running.log.info('resources subgraph ready', { url: running.url });
    return running;
  });
}
