import 'reflect-metadata';
import { loadDefinitionConfig, runService, startSubgraph } from '@practice/common';
import { ticketsSubgraph } from './subgraph';

export { ticketsSubgraph };

if (require.main === module) {
  runService('tickets', async () => {
    const running = await startSubgraph(ticketsSubgraph, loadDefinitionConfig(ticketsSubgraph));
    running.log.info('tickets subgraph ready', { url: running.url });
    return running;
  });
}
