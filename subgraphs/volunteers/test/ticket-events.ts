import { randomUUID } from 'node:crypto';
import { signInternalToken } from '@practice/common';
import { TEST_INTERNAL_SECRET } from '@practice/common/testing';
import type { VolunteersFixture } from './fixture';

export interface EventResult {
  id: string;
  status: 'APPLIED' | 'DUPLICATE' | 'REJECTED';
  code?: string;
  field?: string;
  message?: string;
}

export interface TicketEvent {
  id: string;
  type: string;
  source: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

export const ticketEvent = (type: string, data: Record<string, unknown>, occurredAt = new Date().toISOString()): TicketEvent => ({
  id: randomUUID(),
  type,
  source: 'tickets',
  occurredAt,
  data,
});

let serial = 0;
/** A ticket code as the tickets subgraph makes them, different on every call. */
export const ticketCode = (): string => `T20300601-${String(++serial).padStart(4, '0')}-${process.pid % 1000}`;

/** Delivers events to the volunteers subgraph as the tickets subgraph does; answers their results. */
export async function deliver(f: VolunteersFixture, ...events: TicketEvent[]): Promise<EventResult[]> {
  const response = await fetch(new URL('/internal/events', f.server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await signInternalToken(TEST_INTERNAL_SECRET, 'tickets')}` },
    body: JSON.stringify({ events }),
  });
  if (response.status !== 200) throw new Error(`delivery answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { results: EventResult[] }).results;
}

/** `n` tickets accepted by the volunteer and still open. */
export async function acceptTickets(f: VolunteersFixture, volunteerId: string, n: number): Promise<void> {
  const events = Array.from({ length: n }, () => ticketEvent('ticket.accepted', { ticketId: ticketCode(), volunteerId, acceptedAt: new Date().toISOString() }));
  if (!events.length) return;
  const results = await deliver(f, ...events);
  if (results.some((result) => result.status !== 'APPLIED')) throw new Error(`events not applied: ${JSON.stringify(results)}`);
}
