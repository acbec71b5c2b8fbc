import { EnvSpec, ServiceConfig, commonEnvSpec, commonProblems, env, loadEnv, repoRoot, serviceConfigFrom } from '@practice/common';
import { join } from 'node:path';
import { SUBGRAPHS, defaultUrl, urlVariable } from './subgraphs';

export const GATEWAY_DEFAULT_PORT = 4000;

export interface GatewayConfig extends ServiceConfig {
  supergraphPath: string;
  subgraphUrls: Record<string, string>;
}

export function gatewayEnvSpec(): EnvSpec {
  return {
    ...commonEnvSpec(),
    GATEWAY_PORT: env.port('Port of the gateway', GATEWAY_DEFAULT_PORT),
    SUPERGRAPH_PATH: env.string('The composed supergraph the gateway serves', { default: join(repoRoot(), 'schema', 'supergraph.graphql') }),
    ...Object.fromEntries(
      SUBGRAPHS.map(({ name, defaultPort }) => [
        urlVariable(name),
        env.url(`GraphQL endpoint of the ${name} subgraph`, { protocols: ['http', 'https'], default: defaultUrl(defaultPort) }),
      ]),
    ),
  };
}

export function loadGatewayConfig(source: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const values = loadEnv(gatewayEnvSpec(), source, [commonProblems]) as Record<string, unknown>;
  return {
    ...serviceConfigFrom('gateway', values.GATEWAY_PORT as number, values),
    supergraphPath: values.SUPERGRAPH_PATH as string,
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, values[urlVariable(name)] as string])),
  };
}
