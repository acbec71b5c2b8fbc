import { Logger } from '@practice/common';
import { GraphQLRequest, TEST_AUTH, TestSubgraph, graphqlClient, startTestSubgraph } from '@practice/common/testing';
import { RunningGateway, startGateway } from '@practice/gateway/gateway';
import { loadGatewayConfig } from '@practice/gateway/config';
import { seedDemoSites } from '@practice/sites/demo/seed';
import { sitesSubgraph } from '@practice/sites/subgraph';
import { volunteersSubgraph } from '@practice/volunteers/subgraph';

export interface Supergraph {
  sites: TestSubgraph;
  volunteers: TestSubgraph;
  gateway: RunningGateway;
  request: GraphQLRequest;
  close(): Promise<void>;
}

/** Every subgraph on its own test database (sites with the demo county) and the gateway in front. */
export async function startSupergraph(options: { sitesLog?: Logger } = {}): Promise<Supergraph> {
  const sites = await startTestSubgraph(sitesSubgraph, { seed: (db) => seedDemoSites(db), log: options.sitesLog });
  const volunteers = await startTestSubgraph(volunteersSubgraph, { env: { SITES_URL: sites.url } });
  const config = loadGatewayConfig({ GATEWAY_PORT: '0', SITES_URL: sites.url, VOLUNTEERS_URL: volunteers.url, LOG_LEVEL: 'silent', NODE_ENV: 'test' });
  const gateway = await startGateway({ ...config, auth: TEST_AUTH });
  return {
    sites,
    volunteers,
    gateway,
    request: graphqlClient(gateway.url),
    close: async () => {
      await gateway.close();
      await volunteers.close();
      await sites.close();
    },
  };
}
