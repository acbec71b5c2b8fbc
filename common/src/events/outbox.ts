import type { EntityManager } from 'typeorm';
import { insertRows } from '../db/bulk-insert';
import { uuidv7 } from '../ids/ids';
import { isEventType, isServiceName } from './inbox';
import { OutboxEvent } from './outbox-event.entity';

/** Fits a MySQL TEXT column (65,535 bytes) with room to spare, and many fit in one delivery. */
export const MAX_OUTBOX_PAYLOAD_BYTES = 60_000;

/** An event to deliver to another subgraph once the caller's transaction commits. */
export interface OutgoingEvent<TData = Record<string, unknown>> {
  /** The consuming subgraph, e.g. `volunteers`. */
  destination: string;
  /** e.g. `ticket.completed` */
  type: string;
  data: TData;
  /** When the change the event reports happened; now by default. */
  occurredAt?: Date;
}

let lastIdMs = 0;

/**
 * UUIDv7s whose random bits would not sort within one millisecond: each id takes a later
 * millisecond than the one before, so id order is enqueue order in this process.
 */
function nextEventId(): string {
  lastIdMs = Math.max(Date.now(), lastIdMs + 1);
  return uuidv7(lastIdMs);
}

function checkEvent(event: OutgoingEvent): void {
  // A consumer refuses a malformed delivery as a whole, so a bad event would hold up every other.
  if (!isServiceName(event.destination)) throw new Error(`Not a service name: ${event.destination}`);
  if (!isEventType(event.type)) throw new Error(`Not an event type such as ticket.completed: ${event.type}`);
  if (typeof event.data !== 'object' || event.data === null || Array.isArray(event.data)) throw new Error(`The data of ${event.type} must be an object`);
  const bytes = Buffer.byteLength(JSON.stringify(event.data));
  if (bytes > MAX_OUTBOX_PAYLOAD_BYTES) throw new Error(`The data of ${event.type} has ${bytes} bytes, more than ${MAX_OUTBOX_PAYLOAD_BYTES}`);
}

/**
 * Writes events into the outbox inside the caller's transaction: they are delivered if and only if
 * it commits. Call the dispatcher's `nudge()` after the commit for an immediate delivery.
 */
export async function enqueue(manager: EntityManager, events: readonly OutgoingEvent[]): Promise<OutboxEvent[]> {
  events.forEach(checkEvent);
  const now = new Date();
  const rows = events.map((event) =>
    manager.create(OutboxEvent, {
      id: nextEventId(),
      destination: event.destination,
      type: event.type,
      payload: event.data as Record<string, unknown>,
      occurredAt: event.occurredAt ?? now,
      createdAt: now,
      attempts: 0,
      nextAttemptAt: now,
      deliveredAt: null,
      failedAt: null,
      lastError: null,
    }),
  );
  await insertRows(manager, OutboxEvent, rows);
  return rows;
}

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 5 * 60_000 };

/**
 * The wait after the `attempts`-th failed delivery: base, 2 × base, 4 × base, … up to the maximum,
 * less a random part of up to half, so producers that failed together do not retry together.
 */
export function backoffMs(attempts: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempts, 1) - 1, 30);
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
