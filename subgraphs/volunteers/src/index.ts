import 'reflect-metadata';
import { loadDefinitionConfig, runService, startSubgraph } from '@practice/common';
import { volunteersSubgraph } from './subgraph';

export { volunteersSubgraph };

if (require.main === module) {
  runService('volunteers', async () => {
    const running = await startSubgraph(volunteersSubgraph, loadDefinitionConfig(volunteersSubgraph));
    running.log.info('volunteers subgraph ready', { url: running.url });
    return running;
  });
}
