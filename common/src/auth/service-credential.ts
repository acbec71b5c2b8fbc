import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingHttpHeaders } from 'node:http';
import { unauthenticated } from '../errors/errors';
import { InternalCaller, SUBGRAPH_AUDIENCE, signInternalToken, verifyInternalToken } from './internal';
import type { Principal } from './principal';
import type { Verifier } from './tokens';

/**
 * The header that carries a service's credential to a subgraph, beside the caller's own
 * `authorization`: the two say different things (which service forwards the request, and who the
 * person is), so neither takes the other's place.
 */
export const SERVICE_AUTHORIZATION_HEADER = 'x-service-authorization';

const TTL_SECONDS = 300;
/** Minted again this long before it expires, so that a request in flight never carries a stale one. */
const REFRESH_MARGIN_SECONDS = 60;

/**
 * The credential one service (the gateway, or a subgraph asking another) presents to subgraphs:
 * a short-lived token signed with INTERNAL_SECRET, minted once and again shortly before it expires,
 * so that signing costs nothing per request.
 */
export class ServiceCredential {
  private current?: { header: string; refreshAt: number };
  private minting?: Promise<string>;

  constructor(
    private readonly secret: string,
    readonly service: string,
    private readonly ttlSeconds = TTL_SECONDS,
  ) {}

  /** `Bearer <token>`, for the SERVICE_AUTHORIZATION_HEADER. */
  async header(): Promise<string> {
    if (this.current && Date.now() < this.current.refreshAt) return this.current.header;
    this.minting ??= this.mint().finally(() => (this.minting = undefined));
    return this.minting;
  }

  private async mint(): Promise<string> {
    const token = await signInternalToken(this.secret, this.service, this.ttlSeconds, SUBGRAPH_AUDIENCE);
    const header = `Bearer ${token}`;
    const margin = Math.min(REFRESH_MARGIN_SECONDS, this.ttlSeconds / 2);
    this.current = { header, refreshAt: Date.now() + (this.ttlSeconds - margin) * 1000 };
    return header;
  }
}

const ambient = new AsyncLocalStorage<ServiceCredential>();

/**
 * Runs `work` (a request a subgraph serves, a worker it starts) with the subgraph's own credential,
 * which `querySubgraph` then sends when it asks another subgraph: the services' code that asks
 * (site directories and the like) need not carry it around.
 */
export function withServiceCredential<T>(credential: ServiceCredential, work: () => T): T {
  return ambient.run(credential, work);
}

/** The credential of the service whose work this is, if any. */
export function ambientServiceCredential(): ServiceCredential | undefined {
  return ambient.getStore();
}

/**
 * Who calls a subgraph's `/graphql`. A subgraph answers only callers that come through the gateway
 * (or another subgraph) — their SERVICE_AUTHORIZATION_HEADER holds a valid service credential — and
 * callers with a valid client token of their own; anyone else gets UNAUTHENTICATED, so that nobody
 * goes around the gateway's limits. The client token, when there is one, still decides who the
 * caller is; a service credential alone is an anonymous caller. A header that is present but wrong
 * is refused, never ignored.
 */
export async function authenticateSubgraphCaller(
  verify: Verifier,
  internalSecret: string,
  headers: IncomingHttpHeaders,
): Promise<{ principal: Principal; service?: InternalCaller }> {
  const credential = headers[SERVICE_AUTHORIZATION_HEADER];
  const service =
    credential === undefined || credential === ''
      ? undefined
      : await verifyInternalToken(internalSecret, Array.isArray(credential) ? credential.join(', ') : credential, SUBGRAPH_AUDIENCE);
  const principal = await verify(headers.authorization);
  if (principal.subject === null && !service) {
    throw unauthenticated('This subgraph answers the gateway and signed-in callers only: query the gateway, or send a bearer token');
  }
  return { principal, service };
}
