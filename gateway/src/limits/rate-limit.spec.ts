import type { IncomingMessage } from 'node:http';
import { ANONYMOUS, Role } from '@practice/common';
import { RateLimiter, addressGroup, clientAddress, clientKey, parseRate } from './rate-limit';

const request = (remoteAddress: string, forwarded?: string) =>
  ({ socket: { remoteAddress }, headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded } }) as unknown as IncomingMessage;

describe('parseRate', () => {
  it.each([
    ['120/60s', { requests: 120, windowMs: 60_000 }],
    ['10/s', { requests: 10, windowMs: 1000 }],
    ['1000 / 1h', { requests: 1000, windowMs: 3_600_000 }],
    ['5/500ms', { requests: 5, windowMs: 500 }],
    ['0', null],
    ['off', null],
  ])('reads %s', (raw, spec) => {
    expect(parseRate(raw)).toEqual(spec);
  });

  it.each(['120', '120/minute', '-1/s', '0/60s', 'many/s'])('refuses %s', (raw) => {
    expect(() => parseRate(raw)).toThrow();
  });
});

describe('RateLimiter', () => {
  let now = 0;
  const limiter = () => new RateLimiter({ requests: 3, windowMs: 60_000 }, () => now);
  beforeEach(() => (now = 1_000_000));

  it('lets a client burst up to the limit, then says when to come back', () => {
    const rate = limiter();
    expect([1, 2, 3].map(() => rate.take('a').allowed)).toEqual([true, true, true]);
    expect(rate.take('a')).toEqual({ allowed: false, retryAfterSeconds: 20 });
    now += 20_000;
    expect(rate.take('a').allowed).toBe(true);
    expect(rate.take('a').allowed).toBe(false);
  });

  it('counts each client on its own', () => {
    const rate = limiter();
    for (let i = 0; i < 3; i++) rate.take('a');
    expect(rate.take('a').allowed).toBe(false);
    expect(rate.take('b').allowed).toBe(true);
  });

  it('takes one token per operation, a full bucket at most', () => {
    const rate = limiter();
    expect(rate.take('a', 2)).toEqual({ allowed: true, remaining: 1 });
    expect(rate.take('a', 2)).toEqual({ allowed: false, retryAfterSeconds: 20 });
    now += 60_000;
    expect(rate.take('a', 50)).toEqual({ allowed: true, remaining: 0 });
  });

  it('forgets clients whose bucket has filled up again, and never remembers more than it may', () => {
    const rate = new RateLimiter({ requests: 3, windowMs: 60_000 }, () => now, 100);
    for (let i = 0; i < 999; i++) rate.take(`client-${i}`);
    expect(rate.clients).toBeLessThanOrEqual(101);
    now += 60_000;
    rate.take('late');
    expect(rate.clients).toBeLessThanOrEqual(101);
    for (let i = 0; i < 1000; i++) rate.take('late-again');
    expect(rate.clients).toBeLessThanOrEqual(2);
  });
});

describe('whom a request counts against', () => {
  it('is the token subject when signed in', () => {
    const principal = { subject: 'wx-oA3f9', role: Role.CITIZEN, siteIds: [], volunteerId: null };
    expect(clientKey(principal, request('10.0.0.1'), 0)).toBe('subject:wx-oA3f9');
  });

  it('is the address otherwise, x-forwarded-for only from trusted proxies', () => {
    expect(clientKey(ANONYMOUS, request('10.0.0.1', '203.0.113.9'), 0)).toBe('address:10.0.0.1');
    expect(clientKey(ANONYMOUS, request('10.0.0.1', '203.0.113.9'), 1)).toBe('address:203.0.113.9');
  });

  it('believes only the entries the trusted proxies appended', () => {
    expect(clientAddress(request('10.0.0.1', 'spoofed, 203.0.113.9'), 1)).toBe('203.0.113.9');
    expect(clientAddress(request('10.0.0.1', 'spoofed, 203.0.113.9, 198.51.100.7'), 2)).toBe('203.0.113.9');
    expect(clientAddress(request('10.0.0.1', '203.0.113.9'), 2)).toBe('203.0.113.9');
    expect(clientAddress(request('10.0.0.1'), 1)).toBe('10.0.0.1');
  });

  it('groups IPv6 addresses by /64 and unwraps mapped IPv4', () => {
    expect(addressGroup('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(addressGroup('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressGroup('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(addressGroup('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressGroup('::1')).toBe('0:0:0:0::/64');
  });
});
