import { readFileSync } from 'node:fs';
import { ApolloGateway, GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import {
  AppError,
  ErrorCode,
  Logger,
  Principal,
  REQUEST_ID_HEADER,
  RunningHttpServer,
  SERVICE_AUTHORIZATION_HEADER,
  ServiceCredential,
  createErrorFormatter,
  createLogger,
  createVerifier,
  startHttpServer,
} from '@practice/common';
import type { GatewayConfig } from './config';
import { distinctRepresentations, spreadEntities } from './entity-representations';
import { explorerPages } from './explorer/explorer';
import { createAdmission } from './limits/admission';
import { LimitCode } from './limits/errors';
import { limitsPlugin } from './limits/limits-plugin';

export interface GatewayContext {
  principal: Principal;
  requestId: string;
  authorization?: string;
}

/**
 * Passes the caller's token and the request id on to every subgraph, which verify the token
 * again: no subgraph trusts the gateway's word for who is calling. The gateway's own credential
 * tells the subgraph that the request passed the gateway's limits.
 */
class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly name: string,
    url: string,
    private readonly credential: ServiceCredential,
    private readonly log: Logger,
  ) {
    super({ url });
  }

  /**
   * A subgraph that does not answer at all (down, restarting, unreachable) costs the client only
   * its fields: the rest of the response is kept, and the error names the subgraph instead of
   * passing on the socket error, which would read as a database failure or an internal error.
   */
  override didEncounterError(error: Error, _request: unknown, response?: unknown): void {
    if (response !== undefined) throw error;
    this.log.warn('subgraph unreachable', { subgraph: this.name, error });
    const unavailable = new AppError(ErrorCode.SERVICE_UNAVAILABLE, `The ${this.name} subgraph is unavailable; its fields are missing from this response`, {
      reason: 'SUBGRAPH_UNREACHABLE',
    });
    unavailable.extensions.serviceName = this.name;
    throw unavailable;
  }

  /**
   * A subgraph refuses variable values that the gateway cannot check itself (custom scalars such as
   * DateTimeISO) with HTTP 400 and GraphQL errors of its own: the first is passed on with its code,
   * rather than as "400: Bad Request", which the client would get as an internal error.
   */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]): Promise<GraphQLError> {
    const error = await super.errorFromResponse(response);
    const body = (error.extensions.response as { body?: unknown } | undefined)?.body;
    const errors = body !== null && typeof body === 'object' ? (body as { errors?: unknown }).errors : undefined;
    const first = Array.isArray(errors) ? (errors[0] as GraphQLFormattedError | undefined) : undefined;
    const code = first?.extensions?.code;
    if (response.status !== 400 || typeof first?.message !== 'string' || typeof code !== 'string' || code === ErrorCode.INTERNAL_SERVER_ERROR) return error;
    return new GraphQLError(first.message, { extensions: { ...first.extensions, serviceName: this.name } });
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): ReturnType<RemoteGraphQLDataSource['process']> {
    const { variables } = options.request;
    const representations: unknown = variables?.representations;
    if (!Array.isArray(representations)) return super.process(options);
    const { distinct, positions } = distinctRepresentations(representations);
    if (distinct.length === representations.length) return super.process(options);
    const response = await super.process({ ...options, request: { ...options.request, variables: { ...variables, representations: distinct } } });
    return spreadEntities(response, positions, distinct.length);
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    request.http?.headers.set(SERVICE_AUTHORIZATION_HEADER, await this.credential.header());
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

/**
 * Apollo Server's guard against fragments that expand exponentially runs in validation, before
 * the limits plugin, and answers with its own validation code: it is the cost limit all the same.
 */
function recursiveSelectionsAsCost(formatted: GraphQLFormattedError, maxCost: number): GraphQLFormattedError {
  if (formatted.extensions?.validationErrorCode !== 'MAX_RECURSIVE_SELECTIONS_EXCEEDED') return formatted;
  return { message: `${formatted.message} At most ${maxCost} are allowed.`, extensions: { code: LimitCode.QUERY_TOO_COSTLY, limit: maxCost } };
}

/** Serves the committed supergraph, with each subgraph at the URL its configuration gives. */
export async function startGateway(config: GatewayConfig, log: Logger = createLogger(config.logLevel, { service: 'gateway' })): Promise<RunningGateway> {
  const supergraphSdl = readFileSync(config.supergraphPath, 'utf8');
  const credential = new ServiceCredential(config.internalSecret, 'gateway');
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => {
      const url = config.subgraphUrls[name];
      if (!url) throw new Error(`The supergraph names a subgraph "${name}" that has no URL configured`);
      return new ForwardingDataSource(name, url, credential, log);
    },
  });
  const { limits } = config;
  const development = config.env === 'development';
  const verify = createVerifier(config.auth);
  const admit = createAdmission(limits);
  const formatError = createErrorFormatter(log, development);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // The process's own SIGTERM handler closes the server in order; Apollo's would race it.
    stopOnTerminationSignals: false,
    formatError: (formatted, error) => formatError(recursiveSelectionsAsCost(formatted, limits.maxCost), error),
    includeStacktraceInErrorResponses: development,
    // The limits plugin refuses introspection itself when it is off, with a code of its own.
    introspection: true,
    // "Did you mean …?" would show the schema that switching introspection off hides.
    hideSchemaDetailsFromClientErrors: !limits.introspection,
    // The explorer is served beside Apollo (explorerPages), from npm packages rather than a CDN.
    plugins: [limitsPlugin(limits), ApolloServerPluginLandingPageDisabled()],
    // Automatic persisted queries, in the server's bounded in-memory cache; in safelist mode the
    // safelist is the cache and nothing else registers.
    persistedQueries: limits.safelist ? { cache: limits.safelist.asPersistedQueryCache() } : {},
    // The admission caps the size of a batch (1: none).
    allowBatchedHttpRequests: true,
    parseOptions: { maxTokens: limits.maxTokens },
    maxRecursiveSelections: limits.maxCost,
  });
  const http = await startHttpServer<GatewayContext>({
    host: config.host,
    port: config.port,
    log,
    apollo,
    maxBodyBytes: limits.maxBodyBytes,
    pages: limits.introspection ? explorerPages() : undefined,
    ready: () => subgraphsReady(Object.values(config.subgraphUrls)),
    context: async (request, requestId, _log, body) => {
      const authorization = request.headers.authorization;
      // Rejects a bad token, and whatever the limits refuse, before any subgraph is called.
      const principal = await verify(authorization);
      admit(request, body, principal);
      return { principal, requestId, authorization };
    },
  });
  return { ...http, log };
}
