import { readFileSync } from 'node:fs';
import { ApolloGateway, GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { Logger, Principal, REQUEST_ID_HEADER, RunningHttpServer, createErrorFormatter, createLogger, createVerifier, startHttpServer } from '@practice/common';
import type { GatewayConfig } from './config';

export interface GatewayContext {
  principal: Principal;
  requestId: string;
  authorization?: string;
}

/**
 * Passes the caller's token and the request id on to every subgraph, which verify the token
 * again: no subgraph trusts the gateway's word for who is calling.
 */
class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!('requestId' in context)) return;
    request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
  }
}

export interface RunningGateway extends RunningHttpServer {
  log: Logger;
}

async function subgraphsReady(urls: string[]): Promise<boolean> {
  const results = await Promise.all(
    urls.map(async (url) => {
      try {
        const response = await fetch(new URL('/readyz', url), { signal: AbortSignal.timeout(2000) });
        return response.ok;
      } catch {
        return false;
      }
    }),
  );
  return results.every(Boolean);
}

/** Serves the committed supergraph, with each subgraph at the URL its configuration gives. */
export async function startGateway(config: GatewayConfig, log: Logger = createLogger(config.logLevel, { service: 'gateway' })): Promise<RunningGateway> {
  const supergraphSdl = readFileSync(config.supergraphPath, 'utf8');
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => {
      const url = config.subgraphUrls[name];
      if (!url) throw new Error(`The supergraph names a subgraph "${name}" that has no URL configured`);
      return new ForwardingDataSource({ url });
    },
  });
  const development = config.env === 'development';
  const verify = createVerifier(config.auth);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: createErrorFormatter(log, development),
    includeStacktraceInErrorResponses: development,
  });
  const http = await startHttpServer<GatewayContext>({
    host: config.host,
    port: config.port,
    log,
    apollo,
    ready: () => subgraphsReady(Object.values(config.subgraphUrls)),
    context: async (request, requestId) => {
      const authorization = request.headers.authorization;
      // Rejects a bad token before any subgraph is called.
      const principal = await verify(authorization);
      return { principal, requestId, authorization };
    },
  });
  return { ...http, log };
}
