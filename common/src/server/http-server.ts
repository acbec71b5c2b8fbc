import { randomUUID } from 'node:crypto';
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, BaseContext, HeaderMap, HTTPGraphQLResponse } from '@apollo/server';
import { AppError, ErrorCode } from '../errors/errors';
import type { Logger } from './logger';

export const REQUEST_ID_HEADER = 'x-request-id';
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * A JSON endpoint beside /graphql (POST only), such as a subgraph's internal event endpoint. An
 * AppError it throws becomes the matching HTTP status with the error in the body.
 */
/** A static document: its media type and bytes, read once. */
export interface Page {
  contentType: string;
  body: Buffer | string;
}

export type RouteHandler = (request: IncomingMessage, body: unknown, log: Logger) => Promise<{ status: number; body: unknown }>;

const ROUTE_STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
};

export interface HttpServerOptions<TContext extends BaseContext> {
  host: string;
  port: number;
  log: Logger;
  apollo: ApolloServer<TContext>;
  /**
   * Builds the GraphQL context; may throw a GraphQLError (e.g. an invalid token), which answers the
   * request with its `extensions.http` status and headers. `body` is the parsed JSON body of a POST.
   */
  context: (request: IncomingMessage, requestId: string, log: Logger, body: unknown) => Promise<TContext>;
  /** Answers /readyz: false while a dependency such as the database is unreachable. */
  ready: () => Promise<boolean>;
  /** Larger bodies are answered 413 PAYLOAD_TOO_LARGE unread (default 1 MiB). */
  maxBodyBytes?: number;
  /** JSON endpoints by path, beside /graphql. */
  routes?: Record<string, RouteHandler>;
  /** Static content answered to GET (an in-browser explorer and its assets), by path. */
  pages?: Record<string, Page>;
  /** Runs around every request, e.g. to give the calls it makes to other services a credential. */
  scope?: <T>(work: () => Promise<T>) => Promise<T>;
}

export interface RunningHttpServer {
  server: Server;
  port: number;
  url: string;
  /** Stops accepting, lets requests in flight finish, then stops Apollo. */
  close(): Promise<void>;
}

/** The request id of the caller when it sent a sane one, else a new one. */
export function requestIdOf(request: IncomingMessage): string {
  const incoming = request.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

class BodyTooLarge extends Error {}

function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop keeping the body but drain it, so the client still reads the 413.
        request.removeAllListeners('data');
        request.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

async function writeGraphQLResponse(response: ServerResponse, result: HTTPGraphQLResponse): Promise<void> {
  for (const [name, value] of result.headers) response.setHeader(name, value);
  response.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    response.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}

async function handleRoute(route: RouteHandler, request: IncomingMessage, response: ServerResponse, raw: string, log: Logger): Promise<void> {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return sendJson(response, 400, { errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
  }
  try {
    const result = await route(request, body, log);
    sendJson(response, result.status, result.body);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    sendJson(response, ROUTE_STATUS[error.code] ?? 500, { errors: [{ message: error.message, extensions: error.extensions }] });
  }
}

/**
 * A plain node:http server around Apollo Server: `/graphql`, `/healthz` (the process is up) and
 * `/readyz` (it can serve: its dependencies answer). Every response carries the request id.
 */
export async function startHttpServer<TContext extends BaseContext>(options: HttpServerOptions<TContext>): Promise<RunningHttpServer> {
  const { apollo, log } = options;
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  await apollo.start();

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const started = process.hrtime.bigint();
    const requestId = requestIdOf(request);
    const requestLog = log.child({ requestId });
    response.setHeader(REQUEST_ID_HEADER, requestId);
    const url = new URL(request.url ?? '/', 'http://localhost');
    response.on('finish', () => {
      if (url.pathname === '/healthz' || url.pathname === '/readyz') return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      requestLog.info('request', { method: request.method, path: url.pathname, status: response.statusCode, ms: Math.round(ms * 10) / 10 });
    });

    if (url.pathname === '/healthz') return sendJson(response, 200, { status: 'ok' });
    if (url.pathname === '/readyz') {
      const ready = await options.ready().catch(() => false);
      return sendJson(response, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable' });
    }
    const page = options.pages?.[url.pathname];
    if (page && (request.method === 'GET' || request.method === 'HEAD')) {
      response.writeHead(200, { 'content-type': page.contentType, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
      return response.end(request.method === 'HEAD' ? undefined : page.body);
    }
    const route = options.routes?.[url.pathname];
    if (!route && url.pathname !== '/graphql' && url.pathname !== '/') return sendJson(response, 404, { error: 'Not found' });
    if (route && request.method !== 'POST') {
      response.setHeader('allow', 'POST');
      return sendJson(response, 405, { errors: [{ message: 'Use POST', extensions: { code: 'METHOD_NOT_ALLOWED' } }] });
    }

    const tooLarge = () => {
      response.setHeader('connection', 'close');
      sendJson(response, 413, { errors: [{ message: `The request body exceeds ${maxBody} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    };
    // A declared length over the limit is refused before a byte of the body is read.
    if (Number(request.headers['content-length'] ?? 0) > maxBody) {
      request.resume();
      return tooLarge();
    }
    let raw = '';
    try {
      raw = await readBody(request, maxBody);
    } catch (error) {
      if (error instanceof BodyTooLarge) return tooLarge();
      throw error;
    }
    if (route) return handleRoute(route, request, response, raw, requestLog);
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown = raw;
    if (raw !== '' && (headers.get('content-type') ?? '').includes('json')) {
      try {
        body = JSON.parse(raw);
      } catch {
        return sendJson(response, 400, { errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
      }
    }
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (request.method ?? 'GET').toUpperCase(), headers, search: url.search, body },
      context: () => options.context(request, requestId, requestLog, body),
    });
    await writeGraphQLResponse(response, result);
  };

  const scope = options.scope ?? ((work) => work());
  let closing: Promise<void> | undefined;
  // Once closing, every answer still to be sent says `connection: close`, so that its connection
  // ends once it is sent instead of staying open for a request that will not be served: a client
  // that keeps idle connections would otherwise hold the shutdown up until the forced close.
  const unanswered = new Set<ServerResponse>();
  const lastOnConnection = (response: ServerResponse) => {
    if (!response.headersSent) response.setHeader('connection', 'close');
  };
  const server = createServer((request, response) => {
    unanswered.add(response);
    response.once('close', () => unanswered.delete(response));
    if (closing) lastOnConnection(response);
    scope(() => handle(request, response)).catch((error) => {
      log.error('request failed', { error });
      if (!response.headersSent) sendJson(response, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else response.end();
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;

  const close = () =>
    (closing ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      unanswered.forEach(lastOnConnection);
      server.closeIdleConnections();
      const forced = setTimeout(() => server.closeAllConnections(), 10_000);
      await closed;
      clearTimeout(forced);
      await apollo.stop();
    })());

  return { server, port, url: `http://${hostForUrl}:${port}/graphql`, close };
}
