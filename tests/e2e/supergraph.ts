import { Logger } from '@practice/common';
import { GraphQLRequest, TEST_AUTH, TestSubgraph, graphqlClient, startTestSubgraph } from '@practice/common/testing';
import { RunningGateway, startGateway } from '@practice/gateway/gateway';
import { loadGatewayConfig } from '@practice/gateway/config';
import type { SubgraphName } from '@practice/gateway/subgraphs';
import { seedDemoSites } from '@practice/sites/demo/seed';
import { sitesSubgraph } from '@practice/sites/subgraph';
import { volunteersSubgraph } from '@practice/volunteers/subgraph';
import { resourcesSubgraph } from '@practice/resources/subgraph';
import { ticketsSubgraph } from '@practice/tickets/subgraph';
import type { DataSource } from 'typeorm';

export interface TestGateway {
  gateway: RunningGateway;
  /** Requests as a client does: without the gateway's credential. */
  request: GraphQLRequest;
}

export interface Supergraph extends TestGateway {
  sites: TestSubgraph;
  volunteers: TestSubgraph;
  resources: TestSubgraph;
  tickets: TestSubgraph;
  /** Another gateway in front of the same subgraphs, with these variables; closed with the rest. */
  startGateway(env?: NodeJS.ProcessEnv): Promise<TestGateway>;
  close(): Promise<void>;
}

/**
 * A gateway in front of subgraphs already running, with the gateway's default limits except the rate
 * limit (the suites send more than a client would), and a client without the gateway's credential.
 */
export async function startTestGateway(subgraphs: Record<SubgraphName, { url: string }>, env: NodeJS.ProcessEnv = {}): Promise<TestGateway> {
  const config = loadGatewayConfig({
    GATEWAY_PORT: '0',
    SITES_URL: subgraphs.sites.url,
    VOLUNTEERS_URL: subgraphs.volunteers.url,
    RESOURCES_URL: subgraphs.resources.url,
    TICKETS_URL: subgraphs.tickets.url,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    GATEWAY_RATE_LIMIT: '0',
    GATEWAY_ADMIN_RATE_LIMIT: '0',
    ...env,
  });
  const gateway = await startGateway({ ...config, auth: TEST_AUTH });
  return { gateway, request: graphqlClient(gateway.url, { gatewayCredential: false }) };
}

export interface SupergraphOptions {
  sitesLog?: Logger;
  /** Each subgraph's logger (`sitesLog` is the sites one), to see which requests reach it. */
  logs?: Partial<Record<SubgraphName, Logger>>;
  seedResources?: (db: DataSource) => Promise<unknown>;
}

/**
 * Every subgraph on its own test database (sites with the demo county) and the gateway in front,
 * with the gateway's default limits except the rate limit: the suites send more than a client would.
 */
export async function startSupergraph(options: SupergraphOptions = {}): Promise<Supergraph> {
  const logs = options.logs ?? {};
  const sites = await startTestSubgraph(sitesSubgraph, { seed: (db) => seedDemoSites(db), log: options.sitesLog ?? logs.sites });
  const [volunteers, resources] = await Promise.all([
    startTestSubgraph(volunteersSubgraph, { env: { SITES_URL: sites.url }, log: logs.volunteers }),
    startTestSubgraph(resourcesSubgraph, { env: { SITES_URL: sites.url }, seed: options.seedResources, log: logs.resources }),
  ]);
  const tickets = await startTestSubgraph(ticketsSubgraph, {
    env: { SITES_URL: sites.url, VOLUNTEERS_URL: volunteers.url, RESOURCES_URL: resources.url },
    log: logs.tickets,
  });
  const gateways: RunningGateway[] = [];
  const startOne = async (env: NodeJS.ProcessEnv = {}): Promise<TestGateway> => {
    const started = await startTestGateway({ sites, volunteers, resources, tickets }, env);
    gateways.push(started.gateway);
    return started;
  };
  const main = await startOne();
  return {
    ...main,
    sites,
    volunteers,
    resources,
    tickets,
    startGateway: startOne,
    close: async () => {
      await Promise.all(gateways.map((gateway) => gateway.close()));
      await tickets.close();
      await resources.close();
      await volunteers.close();
      await sites.close();
    },
  };
}
