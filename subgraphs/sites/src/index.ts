import 'reflect-metadata';
import { loadSubgraphConfig, runService, startSubgraph } from '@practice/common';
import { SITES_DEFAULT_PORT, sitesSubgraph } from './subgraph';

export { sitesSubgraph };

if (require.main === module) {
  runService('sites', async () => {
    const running = await startSubgraph(sitesSubgraph, loadSubgraphConfig('sites', SITES_DEFAULT_PORT));
    running.log.info('sites subgraph ready', { url: running.url });
    return running;
  });
}
