import type { IncomingMessage } from 'node:http';
import type { Principal } from '@practice/common';
import { LimitCode, limitError } from './errors';
import { RateLimiter, RateSpec, clientKey } from './rate-limit';
import type { Safelist } from './safelist';

/** What one operation of a request asks to run: its text, or the hash of a persisted one. */
interface RequestedOperation {
  query?: string;
  hash?: string;
}

function requestedOperation(value: unknown): RequestedOperation {
  if (value === null || typeof value !== 'object') return {};
  const { query, extensions } = value as { query?: unknown; extensions?: { persistedQuery?: { sha256Hash?: unknown } } };
  const hash = extensions?.persistedQuery?.sha256Hash;
  return { query: typeof query === 'string' ? query : undefined, hash: typeof hash === 'string' ? hash : undefined };
}

/** The operations of a POST body (one, or a batch) or of a GET request's parameters. */
export function requestedOperations(request: IncomingMessage, body: unknown): RequestedOperation[] {
  if (Array.isArray(body)) return body.map(requestedOperation);
  if (request.method !== 'GET') return [requestedOperation(body)];
  const search = new URL(request.url ?? '/', 'http://localhost').searchParams;
  let extensions: unknown;
  try {
    extensions = JSON.parse(search.get('extensions') ?? 'null');
  } catch {
    // Apollo Server refuses it.
  }
  return [requestedOperation({ query: search.get('query') ?? undefined, extensions })];
}

export interface AdmissionLimits {
  maxBatchOperations: number;
  rateLimit: RateSpec | null;
  adminRateLimit: RateSpec | null;
  trustedProxies: number;
  safelist?: Safelist;
}

/**
 * What is checked of a whole HTTP request once its caller is known, before Apollo Server parses
 * anything: the caller's rate (each operation of a batch counts), the size of a batch and, in
 * safelist mode, that every operation is a registered one. The rate comes first so that refused
 * requests count too: probing costs the same as querying.
 */
export function createAdmission(limits: AdmissionLimits): (request: IncomingMessage, body: unknown, principal: Principal) => void {
  const limiter = limits.rateLimit ? new RateLimiter(limits.rateLimit) : undefined;
  const adminLimiter = limits.adminRateLimit ? new RateLimiter(limits.adminRateLimit) : undefined;
  return (request, body, principal) => {
    const operations = requestedOperations(request, body);
    const rate = principal.role === 'admin' ? adminLimiter : limiter;
    if (rate) {
      const decision = rate.take(clientKey(principal, request, limits.trustedProxies), operations.length);
      if (!decision.allowed) {
        throw limitError(LimitCode.RATE_LIMITED, `Too many requests; try again in ${decision.retryAfterSeconds} s`, {
          status: 429,
          headers: { 'retry-after': String(decision.retryAfterSeconds) },
          details: { retryAfter: decision.retryAfterSeconds },
        });
      }
    }
    if (operations.length > limits.maxBatchOperations) {
      throw limitError(
        LimitCode.TOO_MANY_OPERATIONS,
        limits.maxBatchOperations === 1
          ? 'This gateway takes one operation per request: send the operations of the batch one by one'
          : `A batch may hold at most ${limits.maxBatchOperations} operations; this one holds ${operations.length}`,
        { details: { limit: limits.maxBatchOperations, operations: operations.length } },
      );
    }
    const safelist = limits.safelist;
    if (safelist) {
      for (const { query, hash } of operations) {
        // Without either, Apollo Server answers that the request has no operation.
        const registered = query !== undefined ? safelist.allowsQuery(query) : hash === undefined || safelist.queryOf(hash) !== undefined;
        if (!registered) {
          throw limitError(LimitCode.OPERATION_NOT_IN_SAFELIST, 'This gateway runs registered operations only, and this is not one of them', {
            details: hash !== undefined ? { sha256Hash: hash } : {},
          });
        }
      }
    }
  };
}
