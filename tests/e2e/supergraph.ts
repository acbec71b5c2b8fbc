import { Logger } from '@practice/common';
import { GraphQLRequest, TEST_AUTH, TestSubgraph, graphqlClient, startTestSubgraph } from '@practice/common/testing';
import { RunningGateway, startGateway } from '@practice/gateway/gateway';
import { loadGatewayConfig } from '@practice/gateway/config';
import { seedDemoSites } from '@practice/sites/demo/seed';
import { sitesSubgraph } from '@practice/sites/subgraph';
import { volunteersSubgraph } from '@practice/volunteers/subgraph';
import { resourcesSubgraph } from '@practice/resources/subgraph';
import type { DataSource } from 'typeorm';

export interface Supergraph {
  sites: TestSubgraph;
  volunteers: TestSubgraph;
  resources: TestSubgraph;
  gateway: RunningGateway;
  request: GraphQLRequest;
  close(): Promise<void>;
}

/** Every subgraph on its own test database (sites with the demo county) and the gateway in front. */
export async function startSupergraph(options: { sitesLog?: Logger; seedResources?: (db: DataSource) => Promise<unknown> } = {}): Promise<Supergraph> {
  const sites = await startTestSubgraph(sitesSubgraph, { seed: (db) => seedDemoSites(db), log: options.sitesLog });
  const [volunteers, resources] = await Promise.all([
    startTestSubgraph(volunteersSubgraph, { env: { SITES_URL: sites.url } }),
    startTestSubgraph(resourcesSubgraph, { env: { SITES_URL: sites.url }, seed: options.seedResources }),
  ]);
  const config = loadGatewayConfig({
    GATEWAY_PORT: '0',
    SITES_URL: sites.url,
    VOLUNTEERS_URL: volunteers.url,
    RESOURCES_URL: resources.url,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
  });
  const gateway = await startGateway({ ...config, auth: TEST_AUTH });
  return {
    sites,
    volunteers,
    resources,
    gateway,
    request: graphqlClient(gateway.url),
    close: async () => {
      await gateway.close();
      await resources.close();
      await volunteers.close();
      await sites.close();
    },
  };
}
