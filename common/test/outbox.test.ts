import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import gql from 'graphql-tag';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { Table } from 'typeorm';
import {
  BackgroundWorker,
  DatabaseConfig,
  EVENTS_PATH,
  EventEnvelope,
  EventInbox,
  EventResult,
  INBOX_EVENT_COLUMNS,
  InboxEvent,
  Logger,
  OutboxDispatcher,
  OutboxDispatcherOptions,
  OutboxEvent,
  OutgoingEvent,
  RunningHttpServer,
  SubgraphDefinition,
  badInput,
  createLogger,
  dropMysqlDatabase,
  enqueue,
  eventsRoute,
  isMysql,
  openDataSource,
  outboxEventTable,
  runTransaction,
  serviceUnavailable,
  startHttpServer,
} from '@practice/common';
import { TEST_INTERNAL_SECRET, startTestSubgraph, testDatabaseConfig } from '@practice/common/testing';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until `ok` holds, for conditions that background work brings about. */
async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > deadline) return value;
    await pause(10);
  }
}

class CreateProducer1700000000001 implements MigrationInterface {
  name = 'CreateProducer1700000000001';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(outboxEventTable(queryRunner));
    await queryRunner.createTable(new Table({ name: 'change_log', columns: [{ name: 'id', type: 'varchar', length: '36', isPrimary: true }] }));
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('change_log');
    await queryRunner.dropTable('outbox_event');
  }
}

class CreateConsumer1700000000002 implements MigrationInterface {
  name = 'CreateConsumer1700000000002';
  async up(queryRunner: QueryRunner): Promise<void> {
    const sqlite = !isMysql(queryRunner.connection);
    await queryRunner.createTable(
      new Table({ name: 'inbox_event', columns: sqlite ? INBOX_EVENT_COLUMNS.map((c) => ({ ...c, precision: undefined })) : INBOX_EVENT_COLUMNS }),
    );
    // No unique key: an event applied twice would show as two rows.
    await queryRunner.createTable(new Table({ name: 'effect', columns: [{ name: 'event_id', type: 'varchar', length: '36' }] }));
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('effect');
    await queryRunner.dropTable('inbox_event');
  }
}

/**
 * A consumer as a subgraph serves it (the real HTTP server, eventsRoute and EventInbox on a database
 * of its own) that records what it is sent, and can be stopped, answer 503, or apply a delivery and
 * then drop the connection before answering.
 */
class Consumer {
  deliveries: EventEnvelope[][] = [];
  answers: EventResult[][] = [];
  unavailable = 0;
  loseAnswers = 0;
  delayMs = 0;
  private server?: RunningHttpServer;
  private port = 0;
  private readonly inbox: EventInbox;

  constructor(readonly db: DataSource) {
    this.inbox = new EventInbox(db, {
      'test.happened': async (event, apply) => {
        if (event.data.reject) throw badInput('data.reject', 'refused on purpose');
        await apply(async (manager) => {
          await manager.query('INSERT INTO effect (event_id) VALUES (?)', [event.id]);
        });
      },
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}${EVENTS_PATH}`;
  }

  received(): string[] {
    return this.deliveries.flat().map((event) => event.id);
  }

  async start(): Promise<void> {
    if (this.server) return;
    const route = eventsRoute(this.inbox, TEST_INTERNAL_SECRET);
    this.server = await startHttpServer({
      host: '127.0.0.1',
      port: this.port,
      log: silent,
      apollo: new ApolloServer({ typeDefs: 'type Query { ok: Boolean }' }),
      ready: async () => true,
      context: async () => ({}),
      routes: {
        [EVENTS_PATH]: async (request, body, log) => {
          this.deliveries.push((body as { events: EventEnvelope[] }).events);
          if (this.delayMs) await pause(this.delayMs);
          if (this.unavailable > 0) {
            this.unavailable--;
            throw serviceUnavailable('Come back later');
          }
          const answer = await route(request, body, log);
          this.answers.push((answer.body as { results: EventResult[] }).results);
          if (this.loseAnswers > 0) {
            this.loseAnswers--;
            request.socket.destroy();
          }
          return answer;
        },
      },
    });
    this.port = this.server.port;
  }

  async stop(): Promise<void> {
    await this.server?.close();
    this.server = undefined;
  }

  /** How many times each event's effect was written. */
  async effects(): Promise<Map<string, number>> {
    const rows: { event_id: string; n: number | string }[] = await this.db.query('SELECT event_id, COUNT(*) AS n FROM effect GROUP BY event_id');
    return new Map(rows.map((row) => [row.event_id, Number(row.n)]));
  }
}

const silent = createLogger('silent');
let logLines: { level: string; msg: string; [field: string]: unknown }[] = [];
const log: Logger = createLogger('debug', {}, (line) => logLines.push(JSON.parse(line)));
const errorsLogged = () => logLines.filter((line) => line.level === 'error');

const producerConfig = testDatabaseConfig('outbox');
const consumerConfig = testDatabaseConfig('inbox');
let producer: DataSource;
let consumer: Consumer;
const dispatchers: OutboxDispatcher[] = [];

beforeAll(async () => {
  producer = await openDataSource({ database: producerConfig, entities: [OutboxEvent], migrations: [CreateProducer1700000000001], migrate: true });
  const consumerDb = await openDataSource({ database: consumerConfig, entities: [InboxEvent], migrations: [CreateConsumer1700000000002], migrate: true });
  consumer = new Consumer(consumerDb);
  await consumer.start();
});

afterAll(async () => {
  await consumer?.stop();
  await producer?.destroy();
  await consumer?.db.destroy();
  await dropMysqlDatabase(producerConfig);
  await dropMysqlDatabase(consumerConfig);
});

beforeEach(async () => {
  await producer.getRepository(OutboxEvent).clear();
  await consumer.db.query('DELETE FROM effect');
  Object.assign(consumer, { deliveries: [], answers: [], unavailable: 0, loseAnswers: 0, delayMs: 0 });
  logLines = [];
});

afterEach(async () => {
  await Promise.all(dispatchers.splice(0).map((dispatcher) => dispatcher.stop()));
});

function dispatcher(options: Partial<OutboxDispatcherOptions> = {}, db: DataSource = producer): OutboxDispatcher {
  const created = new OutboxDispatcher(db, {
    destinations: { consumer: consumer.url },
    service: 'producer',
    internalSecret: TEST_INTERNAL_SECRET,
    log,
    backoff: { baseMs: 20, maxMs: 10_000 },
    requestTimeoutMs: 2000,
    ...options,
  });
  dispatchers.push(created);
  return created;
}

const happened = (data: Record<string, unknown> = {}): OutgoingEvent => ({ destination: 'consumer', type: 'test.happened', data });

/** A change and its events in one committed transaction. */
const commit = (events: OutgoingEvent[]): Promise<OutboxEvent[]> =>
  runTransaction(producer, async (manager) => {
    await manager.query('INSERT INTO change_log (id) VALUES (?)', [crypto.randomUUID()]);
    return enqueue(manager, events);
  });

const rows = (): Promise<OutboxEvent[]> => producer.getRepository(OutboxEvent).find({ order: { id: 'ASC' } });
const ids = (events: { id: string }[]) => events.map((event) => event.id);

describe('the outbox', () => {
  // On SQLite TypeORM always finds differences (datetime precision, int for integer) and rebuilds tables.
  (producerConfig.kind === 'mysql' ? it : it.skip)('is created by its migration exactly as the entity describes it', async () => {
    const pending = await producer.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('delivers the events of a committed transaction in one delivery, in the order they were enqueued', async () => {
    const occurredAt = new Date('2026-11-20T09:30:00.250Z');
    const events = await commit([happened({ n: 1 }), happened({ n: 2 }), { ...happened({ n: 3 }), occurredAt }]);
    const outbox = dispatcher();

    expect(await outbox.drain(5000)).toBe(0);
    expect(consumer.deliveries).toHaveLength(1);
    expect(consumer.deliveries[0]).toEqual(
      events.map((event, n) => ({ id: event.id, type: 'test.happened', source: 'producer', occurredAt: expect.any(String), data: { n: n + 1 } })),
    );
    expect(consumer.deliveries[0][2].occurredAt).toBe('2026-11-20T09:30:00.250Z');
    expect(consumer.answers[0].map((result) => result.status)).toEqual(['APPLIED', 'APPLIED', 'APPLIED']);
    expect(await consumer.effects()).toEqual(new Map(events.map((event) => [event.id, 1])));
    for (const row of await rows()) expect(row).toMatchObject({ attempts: 0, deliveredAt: expect.any(Date), failedAt: null, lastError: null });
    expect(errorsLogged()).toEqual([]);
  });

  it('never delivers the events of a transaction that rolled back, even one still open while the dispatcher looks', async () => {
    const outbox = dispatcher();
    await expect(
      runTransaction(producer, async (manager) => {
        await enqueue(manager, [happened()]);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');

    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let enqueued: OutboxEvent[] = [];
    const open = runTransaction(producer, async (manager) => {
      enqueued = await enqueue(manager, [happened(), happened()]);
      await held;
      throw new Error('undo');
    });
    await pause(20);
    const draining = outbox.drain(3000);
    await pause(50);
    release();
    await expect(open).rejects.toThrow('undo');

    expect(await draining).toBe(0);
    expect(enqueued).toHaveLength(2);
    expect(consumer.deliveries).toEqual([]);
    expect(await producer.getRepository(OutboxEvent).count()).toBe(0);
  });

  it('keeps every event while the consumer is down, backing off further each time, and delivers each once when it is back', async () => {
    await consumer.stop();
    try {
      const events = await commit([happened({ n: 1 }), happened({ n: 2 }), happened({ n: 3 })]);
      const outbox = dispatcher();

      // Without a backoff a refused connection is retried at once: hundreds of attempts in this time.
      const until = Date.now() + 600;
      while (Date.now() < until) {
        expect(await outbox.drain(100)).toBe(3);
        await pause(5);
      }
      const waiting = await rows();
      expect(ids(waiting)).toEqual(ids(events));
      for (const row of waiting) {
        expect(row.attempts).toBeGreaterThanOrEqual(3);
        expect(row.attempts).toBeLessThanOrEqual(9);
        expect(row).toMatchObject({ deliveredAt: null, failedAt: null, lastError: expect.stringContaining('ECONNREFUSED') });
        expect(row.nextAttemptAt.getTime() - Date.now()).toBeLessThanOrEqual(20 * 2 ** (row.attempts - 1));
      }
      expect(outbox.lastDeliveryError).toMatchObject({ destination: 'consumer', message: expect.stringContaining('ECONNREFUSED') });
      expect(await outbox.pending('consumer')).toBe(3);
      expect(errorsLogged()).toEqual([]);

      await consumer.start();
      expect(
        await eventually(
          () => outbox.drain(1000),
          (pending) => pending === 0,
        ),
      ).toBe(0);
      expect(await consumer.effects()).toEqual(new Map(events.map((event) => [event.id, 1])));
      expect(outbox.lastDeliveryError).toBeUndefined();
    } finally {
      await consumer.start();
    }
  });

  it('delivers again when the answer was lost after the consumer applied the event, and takes the DUPLICATE as delivered', async () => {
    const [event] = await commit([happened()]);
    consumer.loseAnswers = 1;
    const outbox = dispatcher();

    expect(await outbox.drain(1000)).toBe(1);
    expect((await rows())[0]).toMatchObject({ attempts: 1, deliveredAt: null, lastError: expect.stringMatching(/^Delivery failed/) });

    expect(
      await eventually(
        () => outbox.drain(1000),
        (pending) => pending === 0,
      ),
    ).toBe(0);
    expect(consumer.received()).toEqual([event.id, event.id]);
    expect(consumer.answers.map((results) => results[0].status)).toEqual(['APPLIED', 'DUPLICATE']);
    expect(await consumer.effects()).toEqual(new Map([[event.id, 1]]));
    expect((await rows())[0]).toMatchObject({ attempts: 1, deliveredAt: expect.any(Date), failedAt: null });
  });

  it('delivers again after a 503', async () => {
    const events = await commit([happened(), happened()]);
    consumer.unavailable = 1;
    const outbox = dispatcher();

    expect(await outbox.drain(1000)).toBe(2);
    expect(outbox.lastDeliveryError?.message).toBe('503: Come back later');
    expect(
      await eventually(
        () => outbox.drain(1000),
        (pending) => pending === 0,
      ),
    ).toBe(0);
    expect(consumer.received()).toEqual([...ids(events), ...ids(events)]);
    expect(await consumer.effects()).toEqual(new Map(events.map((event) => [event.id, 1])));
    for (const row of await rows()) expect(row).toMatchObject({ attempts: 1, deliveredAt: expect.any(Date), lastError: '503: Come back later' });
    expect(outbox.lastDeliveryError).toBeUndefined();
  });

  it('keeps a REJECTED event as a dead letter, never sends it again, and delivers the others of its delivery', async () => {
    const [first, rejected, last] = await commit([happened(), happened({ reject: true }), happened()]);
    const outbox = dispatcher();

    expect(await outbox.drain(1000)).toBe(0);
    expect(await outbox.failed('consumer')).toBe(1);
    const byId = new Map((await rows()).map((row) => [row.id, row]));
    expect(byId.get(rejected.id)).toMatchObject({
      attempts: 0,
      deliveredAt: null,
      failedAt: expect.any(Date),
      lastError: 'BAD_USER_INPUT data.reject refused on purpose',
    });
    expect(byId.get(first.id)?.deliveredAt).toBeInstanceOf(Date);
    expect(byId.get(last.id)?.deliveredAt).toBeInstanceOf(Date);
    expect(errorsLogged()).toEqual([expect.objectContaining({ msg: expect.stringContaining('dead letter'), eventId: rejected.id, code: 'BAD_USER_INPUT' })]);

    const [later] = await commit([happened()]);
    await pause(30);
    expect(await outbox.drain(1000)).toBe(0);
    expect(consumer.received()).toEqual([first.id, rejected.id, last.id, later.id]);
    expect(await consumer.effects()).toEqual(new Map([first, last, later].map((event) => [event.id, 1])));
  });

  it('deletes the events delivered longer than the retention ago, in batches, and keeps pending events and dead letters', async () => {
    const delivered = await commit(Array.from({ length: 1203 }, () => happened()));
    const [rejected] = await commit([happened({ reject: true })]);
    const outbox = dispatcher({ retentionMs: 3600_000, batchSize: 100 });
    expect(await outbox.drain(20_000)).toBe(0);
    const [pending] = await commit([happened()]);

    expect(await outbox.purgeDelivered()).toBe(0);
    const later = new Date(Date.now() + 2 * 3600_000);
    expect(await outbox.purgeDelivered(later)).toBe(delivered.length);
    expect(ids(await rows())).toEqual([rejected.id, pending.id]);
    expect(await dispatcher({ retentionMs: 0 }).purgeDelivered(new Date(later.getTime() + 365 * 24 * 3600_000))).toBe(0);
  }, 60_000);

  it('delivers at once when nudged, and stops only once the delivery in flight is recorded', async () => {
    const outbox = dispatcher({ pollIntervalMs: 60_000 });
    outbox.start();
    await pause(50);

    const [event] = await commit([happened()]);
    outbox.nudge();
    expect(
      await eventually(
        () => outbox.pending(),
        (pending) => pending === 0,
        3000,
      ),
    ).toBe(0);
    expect(consumer.received()).toEqual([event.id]);

    consumer.delayMs = 300;
    const [slow] = await commit([happened()]);
    outbox.nudge();
    await eventually(
      async () => consumer.received().length,
      (n) => n === 2,
    );
    await outbox.stop();
    expect((await rows()).find((row) => row.id === slow.id)?.deliveredAt).toBeInstanceOf(Date);

    await commit([happened()]);
    outbox.nudge();
    await pause(100);
    expect(consumer.received()).toHaveLength(2);
  });

  it('shares the work between two dispatchers on one database, and the consumer applies each event once', async () => {
    let second: DataSource = producer;
    if (producerConfig.kind === 'mysql') {
      second = await openDataSource({ database: producerConfig as DatabaseConfig, entities: [OutboxEvent], migrations: [], migrate: false });
    }
    try {
      const events: OutboxEvent[] = [];
      for (let n = 0; n < 12; n++) events.push(...(await commit(Array.from({ length: 10 }, (_, k) => happened({ n: n * 10 + k })))));
      const one = dispatcher({ batchSize: 7, pollIntervalMs: 20, service: 'producer-one' });
      const two = dispatcher({ batchSize: 7, pollIntervalMs: 20, service: 'producer-two' }, second);
      one.start();
      two.start();
      expect(
        await eventually(
          () => one.pending(),
          (pending) => pending === 0,
          15_000,
        ),
      ).toBe(0);
      await Promise.all([one.stop(), two.stop()]);

      const effects = await consumer.effects();
      expect(effects.size).toBe(events.length);
      expect([...effects.values()].every((n) => n === 1)).toBe(true);
      // Each event was claimed by one dispatcher: no redelivery was needed.
      expect(consumer.received().sort()).toEqual(ids(events).sort());
      expect(errorsLogged()).toEqual([]);
      expect(logLines.filter((line) => line.level === 'warn')).toEqual([]);
    } finally {
      if (second !== producer) await second.destroy();
    }
  });
});

describe('a subgraph with an outbox dispatcher as its worker', () => {
  it('starts it once it listens and stops it before closing its database', async () => {
    let outbox!: OutboxDispatcher;
    let db!: DataSource;
    const lifecycle: string[] = [];
    const recorder: BackgroundWorker = {
      start: () => lifecycle.push('start'),
      stop: async () => {
        lifecycle.push(`stop with the database ${db.isInitialized ? 'open' : 'closed'}`);
      },
    };
    const definition: SubgraphDefinition<{ outbox: OutboxDispatcher }> = {
      name: 'producer',
      defaultPort: 0,
      entities: [OutboxEvent],
      migrations: [CreateProducer1700000000001],
      buildSchema: async () => buildSubgraphSchema({ typeDefs: gql('type Query { ok: Boolean }') }),
      createServices: (dataSource, config, serviceLog) => {
        db = dataSource;
        outbox = new OutboxDispatcher(dataSource, {
          destinations: { consumer: consumer.url },
          service: config.service,
          internalSecret: config.internalSecret,
          log: serviceLog,
          pollIntervalMs: 60_000,
        });
        return { outbox };
      },
      workers: (services) => [services.outbox, recorder],
    };
    const server = await startTestSubgraph(definition);
    try {
      expect(lifecycle).toEqual(['start']);
      const [event] = await runTransaction(db, (manager) => enqueue(manager, [happened()]));
      outbox.nudge();
      await eventually(
        async () => consumer.received(),
        (received) => received.length > 0,
      );
      expect(consumer.received()).toEqual([event.id]);
      expect(consumer.deliveries[0][0].source).toBe('producer');
    } finally {
      await server.close();
    }
    expect(lifecycle).toEqual(['start', 'stop with the database open']);
    expect(db.isInitialized).toBe(false);
  });
});
