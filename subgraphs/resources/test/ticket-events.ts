import { randomUUID } from 'node:crypto';
import { monthOf, signInternalToken, todayInChina } from '@practice/common';
import { TEST_INTERNAL_SECRET } from '@practice/common/testing';

/** Delivering the tickets subgraph's events to the resources subgraph's /internal/events, as the tickets subgraph does. */
export interface EventResult {
  id: string;
  status: 'APPLIED' | 'DUPLICATE' | 'REJECTED';
  code?: string;
  field?: string;
  message?: string;
}

export const THIS_MONTH = monthOf(todayInChina());

let serial = 0;
/** A ticket code as the tickets subgraph makes them, new on every call. */
export const ticketCode = (): string => `T${todayInChina().replace(/-/g, '')}-${String(++serial).padStart(4, '0')}-${randomUUID().slice(0, 8)}`;

/** What both events carry; tests may send anything else too. */
export interface OrderData {
  ticketId: string;
  resourceId: string;
  period: string;
  [field: string]: unknown;
}

export const envelope = <T>(type: string, data: T, overrides: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  type,
  source: 'tickets',
  occurredAt: new Date().toISOString(),
  data,
  ...overrides,
});

/** `ticket.ordered` of a new ticket for the resource, this month. */
export const ordered = (resourceId: string, data: Record<string, unknown> = {}) =>
  envelope<OrderData>('ticket.ordered', { ticketId: ticketCode(), resourceId, period: THIS_MONTH, orderedAt: new Date().toISOString(), ...data });

export const cancelled = (ticketId: string, resourceId: string, data: Record<string, unknown> = {}) =>
  envelope<OrderData>('ticket.order_cancelled', { ticketId, resourceId, period: THIS_MONTH, ...data });

export interface EventsClient {
  /** POSTs a body (JSON unless a string); `token: null` sends none. */
  post(body: unknown, options?: { token?: string | null }): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Delivers events and answers their results; the delivery must succeed. */
  deliver(...events: unknown[]): Promise<EventResult[]>;
}

export async function eventsClient(serverUrl: string): Promise<EventsClient> {
  const url = new URL('/internal/events', serverUrl);
  const serviceToken = await signInternalToken(TEST_INTERNAL_SECRET, 'tickets');
  const post: EventsClient['post'] = async (body, options = {}) => {
    const token = options.token === undefined ? serviceToken : options.token;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return {
    post,
    deliver: async (...events) => {
      const response = await post({ events });
      if (response.status !== 200) throw new Error(`Delivery answered ${response.status}: ${JSON.stringify(response.body)}`);
      return response.body.results as EventResult[];
    },
  };
}
