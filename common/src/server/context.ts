import type { Principal } from '../auth/principal';
import { LoaderRegistry } from '../loaders/loaders';
import type { Logger } from './logger';

/** What every resolver gets: who calls, the request id, a logger bound to it, per-request loaders. */
export interface RequestContext {
  principal: Principal;
  requestId: string;
  log: Logger;
  loaders: LoaderRegistry;
  /** The caller's Authorization header, passed on when this subgraph asks another about them. */
  authorization?: string;
}

export function createRequestContext(principal: Principal, requestId: string, log: Logger, authorization?: string): RequestContext {
  return { principal, requestId, log, loaders: new LoaderRegistry(), authorization };
}
