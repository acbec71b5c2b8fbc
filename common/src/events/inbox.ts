import type { IncomingMessage } from 'node:http';
import type { DataSource, EntityManager } from 'typeorm';
import { verifyInternalToken } from '../auth/internal';
import { isDatabaseUnreachable, isUniqueViolation } from '../db/dialect';
import { runTransaction } from '../db/transaction';
import { AppError, ErrorCode, badInput, serviceUnavailable } from '../errors/errors';
import { isUuid } from '../ids/ids';
import type { RouteHandler } from '../server/http-server';
import type { Logger } from '../server/logger';
import { InboxEvent } from './inbox-event.entity';

/** The path of every subgraph's event endpoint. */
export const EVENTS_PATH = '/internal/events';
export const MAX_EVENTS_PER_DELIVERY = 100;

/** One event as producers send it: `{ "events": [EventEnvelope, …] }`. */
export interface EventEnvelope<TData = Record<string, unknown>> {
  /** Unique per event: the consumer applies each id once. */
  id: string;
  /** e.g. `ticket.completed` */
  type: string;
  /** The producing service, e.g. `tickets`. */
  source: string;
  /** ISO 8601 time of the change that the event reports. */
  occurredAt: string;
  data: TData;
}

export type EventStatus = 'APPLIED' | 'DUPLICATE' | 'REJECTED';

export interface EventResult {
  id: string;
  status: EventStatus;
  /** For REJECTED: the error code (BAD_USER_INPUT, NOT_FOUND, CONFLICT) and why. */
  code?: string;
  field?: string;
  message?: string;
}

/**
 * Applies one event. Work that must not run inside a database transaction (such as asking another
 * subgraph about a site) comes first; then `apply` runs the changes in the transaction that also
 * records the event id. An AppError thrown for a bad event rejects it without changing anything.
 */
export type EventHandler = (event: EventEnvelope, apply: (work: (manager: EntityManager) => Promise<void>) => Promise<void>) => Promise<void>;

class AlreadyApplied extends Error {}

const EVENT_TYPE = /^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/;
const SERVICE = /^[a-z][a-z0-9-]{0,31}$/;
const REJECTING = new Set<string>([ErrorCode.BAD_USER_INPUT, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT, ErrorCode.FORBIDDEN]);
/** What a delivery accepts as an event type, such as `ticket.completed`; producers check before enqueueing. */
export const isEventType = (value: string): boolean => EVENT_TYPE.test(value);
/** What a delivery accepts as the name of a service, such as `tickets`. */
export const isServiceName = (value: string): boolean => SERVICE.test(value);
/** Times an event that lost a lock conflict (a deadlock, a busy SQLite) is tried again before the producer is told to come back. */
const ATTEMPTS_ON_LOCK_CONFLICT = 3;

/** A lock conflict says nothing about the event: it is not rejected but tried again. */
const lostLockRace = (error: unknown): boolean =>
  error instanceof AppError && error.code === ErrorCode.CONFLICT && error.extensions.reason === 'CONCURRENT_CHANGE';

function checkEnvelope(value: unknown, index: number): EventEnvelope {
  const field = `events[${index}]`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badInput(field, 'must be an event object');
  const event = value as Record<string, unknown>;
  if (typeof event.id !== 'string' || !isUuid(event.id)) throw badInput(`${field}.id`, 'must be a UUID');
  if (typeof event.type !== 'string' || !EVENT_TYPE.test(event.type)) throw badInput(`${field}.type`, 'must be an event type such as ticket.completed');
  if (typeof event.source !== 'string' || !SERVICE.test(event.source)) throw badInput(`${field}.source`, 'must be the name of the producing service');
  if (typeof event.occurredAt !== 'string' || Number.isNaN(Date.parse(event.occurredAt))) throw badInput(`${field}.occurredAt`, 'must be an ISO 8601 time');
  if (typeof event.data !== 'object' || event.data === null || Array.isArray(event.data)) throw badInput(`${field}.data`, 'must be an object');
  return event as unknown as EventEnvelope;
}

/** Parses a delivery body; a malformed delivery is refused as a whole. */
export function parseDelivery(body: unknown): EventEnvelope[] {
  const events = (body as { events?: unknown } | null)?.events;
  if (!Array.isArray(events)) throw badInput('events', 'The body must be { "events": [ … ] }');
  if (events.length > MAX_EVENTS_PER_DELIVERY) throw badInput('events', `At most ${MAX_EVENTS_PER_DELIVERY} events per delivery`);
  return events.map(checkEnvelope);
}

/**
 * The receiving side of cross-subgraph events: each event id is applied exactly once, whatever
 * number of times it is delivered, because its id and its effects commit together.
 */
export class EventInbox {
  constructor(
    private readonly db: DataSource,
    private readonly handlers: Record<string, EventHandler>,
    private readonly log?: Logger,
  ) {}

  async receive(events: EventEnvelope[]): Promise<EventResult[]> {
    const results: EventResult[] = [];
    // In order: a producer's later event may depend on an earlier one.
    for (const event of events) results.push(await this.receiveOne(event));
    return results;
  }

  private async receiveOne(event: EventEnvelope): Promise<EventResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(event);
      } catch (error) {
        if (!lostLockRace(error)) throw error;
        this.log?.warn('event met a lock conflict', { eventId: event.id, type: event.type, attempt });
        if (attempt >= ATTEMPTS_ON_LOCK_CONFLICT) throw serviceUnavailable('The event met concurrent changes; deliver again later');
      }
    }
  }

  private async attempt(event: EventEnvelope): Promise<EventResult> {
    if (await this.db.getRepository(InboxEvent).existsBy({ id: event.id })) return { id: event.id, status: 'DUPLICATE' };
    const handler = this.handlers[event.type];
    if (!handler) return { id: event.id, status: 'REJECTED', code: ErrorCode.BAD_USER_INPUT, field: 'type', message: `Unknown event type ${event.type}` };
    let applied = false;
    const apply = async (work: (manager: EntityManager) => Promise<void>) => {
      if (applied) throw new Error('An event handler applies its changes once');
      applied = true;
      await runTransaction(this.db, async (manager) => {
        try {
          await manager.getRepository(InboxEvent).insert({ id: event.id, type: event.type, source: event.source, receivedAt: new Date() });
        } catch (error) {
          if (isUniqueViolation(error)) throw new AlreadyApplied();
          throw error;
        }
        await work(manager);
      });
    };
    try {
      await handler(event, apply);
      if (!applied) await apply(async () => undefined);
      return { id: event.id, status: 'APPLIED' };
    } catch (error) {
      if (error instanceof AlreadyApplied) return { id: event.id, status: 'DUPLICATE' };
      if (error instanceof AppError && REJECTING.has(error.code) && !lostLockRace(error)) {
        this.log?.warn('event rejected', { eventId: event.id, type: event.type, code: error.code, reason: error.message });
        const field = error.extensions.field as string | undefined;
        return { id: event.id, status: 'REJECTED', code: error.code, ...(field ? { field } : {}), message: error.message };
      }
      throw error;
    }
  }
}

/**
 * `POST /internal/events`: a service token is required; the answer lists each event's result.
 * A failure that is not the event's fault (the database is down, lock conflicts that outlast the
 * retries) answers 503 so the producer delivers again later; the events before it stay applied and
 * come back as DUPLICATE.
 */
export function eventsRoute(inbox: EventInbox, internalSecret: string): RouteHandler {
  return async (request: IncomingMessage, body: unknown) => {
    await verifyInternalToken(internalSecret, request.headers.authorization);
    const events = parseDelivery(body);
    try {
      return { status: 200, body: { results: await inbox.receive(events) } };
    } catch (error) {
      if (isDatabaseUnreachable(error)) throw serviceUnavailable('The database cannot be reached; deliver again later');
      throw error;
    }
  };
}
