import { In, IsNull, LessThan, Not } from 'typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { signInternalToken } from '../auth/internal';
import { forUpdateSkipLocked, isMysql } from '../db/dialect';
import { runTransaction } from '../db/transaction';
import type { Logger } from '../server/logger';
import { EventEnvelope, EventResult, MAX_EVENTS_PER_DELIVERY, isServiceName } from './inbox';
import { BackoffOptions, DEFAULT_BACKOFF, backoffMs } from './outbox';
import { OutboxEvent } from './outbox-event.entity';

/** Well below the 1 MiB a subgraph reads of a request body. */
const MAX_DELIVERY_BYTES = 512 * 1024;
const MAX_ERROR_LENGTH = 500;

export interface OutboxDispatcherOptions {
  /** The events endpoint of each destination, e.g. `{ volunteers: 'http://127.0.0.1:4002/internal/events' }`. */
  destinations: Record<string, string>;
  /** The producing service: the `sub` of its service tokens and the `source` of its events. */
  service: string;
  internalSecret: string;
  log: Logger;
  /** Events per delivery (at most 100, the consumer's limit); 50 by default. */
  batchSize?: number;
  /** How often to look for due events when not nudged; 1 s by default. */
  pollIntervalMs?: number;
  /** After a failed delivery: 500 ms, doubling up to 5 min by default. */
  backoff?: Partial<BackoffOptions>;
  /** 5 s by default. */
  requestTimeoutMs?: number;
  /** How long a claimed event stays away from other dispatchers; 30 s by default, longer than a delivery can take. */
  leaseMs?: number;
  /**
   * How long a delivered event is kept (for operators tracing a change) before it is deleted; 7 days
   * by default, 0 to keep every event. Dead letters are never deleted.
   */
  retentionMs?: number;
  /** How often delivered events past the retention are looked for; hourly by default. */
  purgeIntervalMs?: number;
}

/** Rows one purge statement deletes, so that a large backlog never holds a long lock. */
const PURGE_BATCH = 1000;

export interface DeliveryError {
  destination: string;
  message: string;
  at: Date;
}

type Outcome = { status: 'DELIVERED' } | { status: 'REJECTED'; error: string } | { status: 'RETRY'; error: string };

interface Lane {
  destination: string;
  url: string;
  /** Set by `nudge()` during a delivery, so the lane looks again before it sleeps. */
  nudged: boolean;
  wake?: () => void;
}

const clip = (text: string): string => (text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text);

function describeFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.message ?? cause?.code ?? (error as Error)?.message ?? String(error);
}

/** The message of a route's error body (`{ errors: [{ message }] }`), else the start of the text. */
function describeAnswer(status: number, text: string): string {
  try {
    const message = (JSON.parse(text) as { errors?: { message?: string }[] }).errors?.[0]?.message;
    if (message) return `${status}: ${message}`;
  } catch {
    // not JSON: the text itself says more
  }
  return `${status}: ${text.slice(0, 200)}`;
}

/**
 * Delivers the outbox to the consumers' `POST /internal/events`, at least once: an event is marked
 * delivered only when its consumer answered APPLIED or DUPLICATE, so a lost answer means a
 * redelivery that the consumer's inbox recognises.
 *
 * Each destination has its own loop, so a consumer that is down slows no other. A loop claims the
 * due events of its destination in id order (up to a batch), sends them as one delivery (or a few,
 * for large payloads), and records each result. A failed event waits its own backoff while later
 * events go ahead: order holds within a delivery, and across deliveries only while nothing fails.
 * A REJECTED event is a dead letter: kept with its error, logged, never sent again. Events of a
 * destination this dispatcher does not know stay pending.
 *
 * Dispatchers on one MySQL database share the work: a claim locks with SKIP LOCKED and leases the
 * rows by pushing `next_attempt_at` forward, and the delivery runs after that transaction.
 */
export class OutboxDispatcher {
  private readonly lanes: Lane[];
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly backoff: BackoffOptions;
  private readonly requestTimeoutMs: number;
  private readonly leaseMs: number;
  private readonly retentionMs: number;
  private readonly purgeIntervalMs: number;
  private purgeTimer?: NodeJS.Timeout;
  private readonly log: Logger;
  private running?: Promise<void>;
  private stopping = false;
  private lastError?: DeliveryError;

  constructor(
    private readonly db: DataSource,
    private readonly options: OutboxDispatcherOptions,
  ) {
    if (!isServiceName(options.service)) throw new Error(`Not a service name: ${options.service}`);
    this.lanes = Object.entries(options.destinations).map(([destination, url]) => {
      if (!isServiceName(destination)) throw new Error(`Not a service name: ${destination}`);
      if (!URL.canParse(url)) throw new Error(`The events URL of ${destination} is not a URL: ${url}`);
      return { destination, url, nudged: false };
    });
    this.batchSize = options.batchSize ?? 50;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.requestTimeoutMs = options.requestTimeoutMs ?? 5000;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.retentionMs = options.retentionMs ?? 7 * 24 * 3600_000;
    this.purgeIntervalMs = options.purgeIntervalMs ?? 3600_000;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1 || this.batchSize > MAX_EVENTS_PER_DELIVERY) {
      throw new Error(`The batch size must be 1 to ${MAX_EVENTS_PER_DELIVERY}`);
    }
    if (this.leaseMs <= this.requestTimeoutMs) throw new Error('The lease must outlast a delivery: leaseMs > requestTimeoutMs');
    this.log = options.log.child({ component: 'outbox' });
  }

  /** The last delivery that failed as a whole, until its destination takes one again. */
  get lastDeliveryError(): DeliveryError | undefined {
    return this.lastError;
  }

  /** Starts delivering in the background; `stop()` ends it. */
  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = Promise.all(this.lanes.map((lane) => this.run(lane))).then(() => undefined);
    if (this.retentionMs > 0) {
      const purge = () => void this.purgeDelivered().catch((error: unknown) => this.log.error('outbox purge failed', { error }));
      this.purgeTimer = setInterval(purge, this.purgeIntervalMs);
      this.purgeTimer.unref();
      purge();
    }
  }

  /**
   * Deletes the events delivered longer than the retention ago, a batch at a time, and answers how
   * many went. The consumer's inbox keeps their ids, so a late duplicate still changes nothing.
   */
  async purgeDelivered(now = new Date()): Promise<number> {
    if (this.retentionMs <= 0) return 0;
    const cutoff = new Date(now.getTime() - this.retentionMs);
    let deleted = 0;
    for (;;) {
      const batch = await this.briefly(async (manager) => {
        const repository = manager.getRepository(OutboxEvent);
        const old = await repository.find({ select: { id: true }, where: { deliveredAt: LessThan(cutoff) }, take: PURGE_BATCH });
        if (old.length) await repository.delete({ id: In(old.map((event) => event.id)) });
        return old.length;
      });
      deleted += batch;
      if (batch < PURGE_BATCH || this.stopping) break;
    }
    if (deleted) this.log.info('outbox purged', { deleted, before: cutoff });
    return deleted;
  }

  /** Looks for due events now instead of at the next poll: call it after a transaction that enqueued events commits. */
  nudge(): void {
    for (const lane of this.lanes) {
      lane.nudged = true;
      lane.wake?.();
    }
  }

  /** Lets the deliveries in flight finish and stops. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.purgeTimer);
    this.purgeTimer = undefined;
    for (const lane of this.lanes) lane.wake?.();
    await this.running;
    this.running = undefined;
  }

  /**
   * Delivers until nothing is due (events waiting out a backoff are not) or `timeoutMs` passes,
   * then answers the number of events still pending. A delivery in flight at the deadline finishes.
   */
  async drain(timeoutMs = 10_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    await Promise.all(
      this.lanes.map(async (lane) => {
        while (Date.now() < deadline && (await this.deliverDue(lane)).claimed > 0);
      }),
    );
    return this.pending();
  }

  /** Events neither delivered nor dead: due, waiting out a backoff, or in flight. */
  pending(destination?: string): Promise<number> {
    return this.briefly((manager) =>
      manager.getRepository(OutboxEvent).countBy({ deliveredAt: IsNull(), failedAt: IsNull(), ...(destination ? { destination } : {}) }),
    );
  }

  /** Dead letters: events a consumer rejected. */
  failed(destination?: string): Promise<number> {
    return this.briefly((manager) => manager.getRepository(OutboxEvent).countBy({ failedAt: Not(IsNull()), ...(destination ? { destination } : {}) }));
  }

  private async run(lane: Lane): Promise<void> {
    while (!this.stopping) {
      lane.nudged = false;
      let more = false;
      try {
        const { claimed, failed } = await this.deliverDue(lane);
        more = claimed === this.batchSize && !failed;
      } catch (error) {
        this.log.error('outbox delivery failed', { destination: lane.destination, error });
      }
      if (!more && !this.stopping) await this.sleep(lane);
    }
  }

  private sleep(lane: Lane): Promise<void> {
    if (lane.nudged) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        lane.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.pollIntervalMs);
      // A dispatcher nobody stopped must not keep a process (or a test run) alive.
      timer.unref();
      lane.wake = done;
    });
  }

  /**
   * The dispatcher's own short transactions. On SQLite they queue with every other transaction of
   * the data source, which shares one connection: a read between another's statements would see
   * its uncommitted events. On MySQL READ COMMITTED takes no gap locks, so claims neither wait for
   * producers' inserts nor deadlock with each other.
   */
  private briefly<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return isMysql(this.db) ? this.db.transaction('READ COMMITTED', work) : runTransaction(this.db, work);
  }

  private async deliverDue(lane: Lane): Promise<{ claimed: number; failed: boolean }> {
    const events = await this.claim(lane.destination);
    if (!events.length) return { claimed: 0, failed: false };
    const outcomes = await this.send(lane, events);
    await this.record(events, outcomes);
    return { claimed: events.length, failed: [...outcomes.values()].some((outcome) => outcome.status === 'RETRY') };
  }

  private claim(destination: string): Promise<OutboxEvent[]> {
    return this.briefly(async (manager) => {
      const now = new Date();
      const query = manager
        .getRepository(OutboxEvent)
        .createQueryBuilder('event')
        .where('event.deliveredAt IS NULL')
        .andWhere('event.failedAt IS NULL')
        .andWhere('event.destination = :destination', { destination })
        .andWhere('event.nextAttemptAt <= :now', { now })
        .orderBy('event.id', 'ASC')
        .limit(this.batchSize);
      const events = await forUpdateSkipLocked(manager, query).getMany();
      if (events.length) {
        await manager
          .createQueryBuilder()
          .update(OutboxEvent)
          .set({ nextAttemptAt: new Date(now.getTime() + this.leaseMs) })
          .whereInIds(events.map((event) => event.id))
          .execute();
      }
      return events;
    });
  }

  /** Sends the events in deliveries of a bounded size; after a failed one the rest wait too. */
  private async send(lane: Lane, events: OutboxEvent[]): Promise<Map<string, Outcome>> {
    const outcomes = new Map<string, Outcome>();
    const chunks: { events: OutboxEvent[]; json: string[]; bytes: number }[] = [];
    for (const event of events) {
      const envelope: EventEnvelope = {
        id: event.id,
        type: event.type,
        source: this.options.service,
        occurredAt: event.occurredAt.toISOString(),
        data: event.payload,
      };
      const json = JSON.stringify(envelope);
      const bytes = Buffer.byteLength(json);
      let chunk = chunks[chunks.length - 1];
      if (!chunk || chunk.bytes + bytes > MAX_DELIVERY_BYTES) chunks.push((chunk = { events: [], json: [], bytes: 0 }));
      chunk.events.push(event);
      chunk.json.push(json);
      chunk.bytes += bytes + 1;
    }
    let failure: string | undefined;
    for (const chunk of chunks) {
      if (failure === undefined) {
        const answer = await this.post(lane, `{"events":[${chunk.json.join(',')}]}`);
        if ('error' in answer) failure = answer.error;
        else for (const event of chunk.events) outcomes.set(event.id, this.outcomeOf(lane, event, answer.results.get(event.id)));
      }
      if (failure !== undefined) for (const event of chunk.events) outcomes.set(event.id, { status: 'RETRY', error: failure });
    }
    return outcomes;
  }

  private async post(lane: Lane, body: string): Promise<{ results: Map<string, EventResult> } | { error: string }> {
    let status: number;
    let text: string;
    try {
      const token = await signInternalToken(this.options.internalSecret, this.options.service);
      const response = await fetch(lane.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
        signal: AbortSignal.timeout(this.requestTimeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      return this.failedDelivery(lane, `Delivery failed: ${describeFailure(error)}`, 'warn');
    }
    // 503 is the consumer asking to come back later; any other refusal needs a person (a wrong secret or URL).
    if (status !== 200) return this.failedDelivery(lane, describeAnswer(status, text), status === 503 ? 'warn' : 'error');
    let results: unknown;
    try {
      results = (JSON.parse(text) as { results?: unknown }).results;
    } catch {
      // handled below with every other unexpected answer
    }
    if (!Array.isArray(results)) return this.failedDelivery(lane, `200 without a results list: ${text.slice(0, 200)}`, 'error');
    if (this.lastError?.destination === lane.destination) this.lastError = undefined;
    return { results: new Map((results as EventResult[]).filter((result) => typeof result?.id === 'string').map((result) => [result.id, result])) };
  }

  private failedDelivery(lane: Lane, message: string, level: 'warn' | 'error'): { error: string } {
    this.lastError = { destination: lane.destination, message, at: new Date() };
    this.log[level]('event delivery failed; will retry', { destination: lane.destination, url: lane.url, reason: message });
    return { error: clip(message) };
  }

  private outcomeOf(lane: Lane, event: OutboxEvent, result: EventResult | undefined): Outcome {
    if (result?.status === 'APPLIED' || result?.status === 'DUPLICATE') return { status: 'DELIVERED' };
    if (result?.status === 'REJECTED') {
      const { code, field, message } = result;
      this.log.error('event rejected by its consumer; kept as a dead letter', {
        destination: lane.destination,
        eventId: event.id,
        type: event.type,
        code,
        field,
        message,
      });
      return { status: 'REJECTED', error: clip([code, field, message].filter(Boolean).join(' ')) || 'REJECTED' };
    }
    return { status: 'RETRY', error: result ? `Unknown status ${String(result.status)}` : 'The consumer answered no result for the event' };
  }

  private async record(events: OutboxEvent[], outcomes: Map<string, Outcome>): Promise<void> {
    const now = new Date();
    const delivered: string[] = [];
    const rejected: { id: string; error: string }[] = [];
    /** By the attempts an event had: they share the next time. */
    const retries = new Map<number, { ids: string[]; error: string }>();
    for (const event of events) {
      const outcome = outcomes.get(event.id) ?? { status: 'RETRY', error: 'not sent' };
      if (outcome.status === 'DELIVERED') delivered.push(event.id);
      else if (outcome.status === 'REJECTED') rejected.push({ id: event.id, error: outcome.error });
      else {
        const group = retries.get(event.attempts) ?? { ids: [], error: outcome.error };
        group.ids.push(event.id);
        retries.set(event.attempts, group);
      }
    }
    await this.briefly(async (manager) => {
      // Only rows still pending: another dispatcher whose lease ran out may have settled them.
      const update = (ids: string[]) =>
        manager.createQueryBuilder().update(OutboxEvent).where('id IN (:...ids)', { ids }).andWhere('delivered_at IS NULL').andWhere('failed_at IS NULL');
      if (delivered.length) await update(delivered).set({ deliveredAt: now }).execute();
      for (const { id, error } of rejected) await update([id]).set({ failedAt: now, lastError: error }).execute();
      for (const [attempts, { ids, error }] of retries) {
        const next = new Date(now.getTime() + backoffMs(attempts + 1, this.backoff));
        await update(ids)
          .set({ attempts: () => 'attempts + 1', nextAttemptAt: next, lastError: error })
          .execute();
      }
    });
  }
}
