import type { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';
import type { Principal } from '@practice/common';

/** `requests` per `windowMs` for each client. */
export interface RateSpec {
  requests: number;
  windowMs: number;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `120/60s`, `10/s`, `1000/1h`; `0` (or `off`) switches the limit off and answers null. */
export function parseRate(raw: string): RateSpec | null {
  if (/^(0|off)$/i.test(raw)) return null;
  const match = /^(\d+)\s*\/\s*(\d+)?\s*(ms|s|m|h)$/.exec(raw);
  if (!match) throw new Error('must be <requests>/<window> such as 120/60s, 10/s or 1000/1h, or 0 for no limit');
  const requests = Number(match[1]);
  const windowMs = Number(match[2] ?? 1) * UNIT_MS[match[3]];
  if (requests < 1 || windowMs < 1) throw new Error('needs at least 1 request in a window of at least 1 ms');
  return { requests, windowMs };
}

export const formatRate = (spec: RateSpec | null): string => (spec ? `${spec.requests} per ${spec.windowMs / 1000} s` : 'unlimited');

export type RateDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per client, in this process's memory: a client may burst up to `requests` and
 * then gets `requests` per window, evenly. Several gateway processes each count their own, so a
 * client behind a load balancer gets up to that many times the rate.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private takes = 0;

  constructor(
    private readonly spec: RateSpec,
    private readonly now: () => number = Date.now,
    /** Clients remembered at most; beyond it the longest-known go first (they may then burst again). */
    private readonly maxClients = 100_000,
  ) {
    this.perMs = spec.requests / spec.windowMs;
  }

  /** Takes `cost` tokens (one per operation; at most a full bucket) from the client's bucket. */
  take(client: string, cost = 1): RateDecision {
    const now = this.now();
    const wanted = Math.min(Math.max(cost, 1), this.spec.requests);
    const bucket = this.buckets.get(client);
    const tokens = bucket ? Math.min(this.spec.requests, bucket.tokens + (now - bucket.at) * this.perMs) : this.spec.requests;
    if (tokens < wanted) {
      if (bucket) Object.assign(bucket, { tokens, at: now });
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((wanted - tokens) / this.perMs / 1000)) };
    }
    if (bucket) Object.assign(bucket, { tokens: tokens - wanted, at: now });
    else this.buckets.set(client, { tokens: tokens - wanted, at: now });
    if (++this.takes % 1000 === 0 || this.buckets.size > this.maxClients) this.sweep(now);
    return { allowed: true, remaining: Math.floor(tokens - wanted) };
  }

  /** Clients remembered, for tests and metrics. */
  get clients(): number {
    return this.buckets.size;
  }

  /** A bucket that has filled up again is the same as none: forgetting it changes nothing. */
  private sweep(now: number): void {
    for (const [client, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.perMs >= this.spec.requests) this.buckets.delete(client);
    }
    for (const client of this.buckets.keys()) {
      if (this.buckets.size <= this.maxClients) break;
      this.buckets.delete(client);
    }
  }
}

/**
 * The address a request comes from. Behind `trustedProxies` reverse proxies that each append the
 * address they were called from to `x-forwarded-for`, the client's is that many entries from the
 * end: what comes before was written by the client itself and proves nothing.
 */
export function clientAddress(request: IncomingMessage, trustedProxies: number): string {
  const peer = request.socket.remoteAddress ?? 'unknown';
  if (trustedProxies <= 0) return peer;
  const header = request.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (!forwarded.length) return peer;
  return forwarded[Math.max(0, forwarded.length - trustedProxies)]!;
}

/** IPv4 as it is (also when mapped into IPv6); IPv6 by its /64, which one subscriber usually holds whole. */
export function addressGroup(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

/** Whom a request counts against: the token's subject when signed in, else the address it comes from. */
export function clientKey(principal: Principal, request: IncomingMessage, trustedProxies: number): string {
  if (principal.subject !== null) return `subject:${principal.subject}`;
  return `address:${addressGroup(clientAddress(request, trustedProxies))}`;
}
