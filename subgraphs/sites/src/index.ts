import 'reflect-metadata';
import { loadDefinitionConfig, runService, startSubgraph } from '@practice/common';
import { sitesSubgraph } from './subgraph';

export { sitesSubgraph };

if (require.main === module) {
  runService('sites', async () => {
    const running = await startSubgraph(sitesSubgraph, loadDefinitionConfig(sitesSubgraph));
    running.log.info('sites subgraph ready', { url: running.url });
    return running;
  });
}
