import 'reflect-metadata';
import { loadDefinitionConfig, runService, startSubgraph } from '@practice/common';
import { sitesSubgraph } from './subgraph';

export { sitesSubgraph };
/** The demo county's sites: other subgraphs' demo data refers to the same ones. */
export { generateCountyNetwork, generateNetworks } from './demo/county-network';
export type { CountyNetworkOptions, DemoNetwork, DemoSite } from './demo/county-network';
export { DEMO_SCALES, demoNetwork, isDemoScale } from './demo/demo-scale';
export type { DemoScale, DemoScaleName } from './demo/demo-scale';
export { demoSeedArgs } from './demo/seed-args';
export { SiteKind, SiteStatus } from './site/site.enums';

if (require.main === module) {
  runService('sites', async () => {
    const running = await startSubgraph(sitesSubgraph, loadDefinitionConfig(sitesSubgraph));
    running.log.info('sites subgraph ready', { url: running.url });
    return running;
  });
}
