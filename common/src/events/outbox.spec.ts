import { DataSource } from 'typeorm';
import { isUuid } from '../ids/ids';
import { OutboxEvent } from './outbox-event.entity';
import { DEFAULT_BACKOFF, MAX_OUTBOX_PAYLOAD_BYTES, backoffMs, enqueue } from './outbox';

describe('backoffMs', () => {
  const options = { baseMs: 500, maxMs: 300_000 };

  it('doubles from the base with each failed attempt', () => {
    const ceilings = [1, 2, 3, 4, 5].map((attempts) => backoffMs(attempts, options, () => 1));
    expect(ceilings).toEqual([500, 1000, 2000, 4000, 8000]);
  });

  it('waits between half and all of the ceiling, by the random draw', () => {
    expect(backoffMs(3, options, () => 0)).toBe(1000);
    expect(backoffMs(3, options, () => 0.5)).toBe(1500);
    expect(backoffMs(3, options, () => 0.999999)).toBe(2000);
    for (let i = 0; i < 100; i++) {
      const wait = backoffMs(4, options);
      expect(wait).toBeGreaterThanOrEqual(2000);
      expect(wait).toBeLessThanOrEqual(4000);
    }
  });

  it('never exceeds the maximum, however many attempts failed', () => {
    expect(backoffMs(20, options, () => 1)).toBe(300_000);
    expect(backoffMs(10_000, options, () => 1)).toBe(300_000);
    expect(backoffMs(10_000, options, () => 0)).toBe(150_000);
  });

  it('treats a first or bogus attempt count as the first failure', () => {
    expect(backoffMs(0, options, () => 1)).toBe(500);
    expect(backoffMs(-3, options, () => 1)).toBe(500);
  });

  it('defaults to 500 ms up to 5 minutes', () => {
    expect(DEFAULT_BACKOFF).toEqual({ baseMs: 500, maxMs: 300_000 });
    expect(backoffMs(1, undefined, () => 1)).toBe(500);
  });
});

describe('enqueue', () => {
  let db: DataSource;
  beforeEach(async () => {
    db = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [OutboxEvent], synchronize: true });
    await db.initialize();
  });
  afterEach(() => db.destroy());

  it('writes pending rows whose ids sort in the order they were enqueued', async () => {
    const events = Array.from({ length: 20 }, (_, n) => ({ destination: 'volunteers', type: 'ticket.completed', data: { n } }));
    const written = await enqueue(db.manager, events);
    expect(written.every((event) => isUuid(event.id))).toBe(true);
    const rows = await db.getRepository(OutboxEvent).find({ order: { id: 'ASC' } });
    expect(rows.map((row) => row.payload.n)).toEqual(events.map((event) => event.data.n));
    expect(rows[0]).toMatchObject({ destination: 'volunteers', type: 'ticket.completed', attempts: 0, deliveredAt: null, failedAt: null, lastError: null });
    expect(rows[0].nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('keeps the time of the change when given', async () => {
    const occurredAt = new Date('2026-11-20T09:30:00.123Z');
    await enqueue(db.manager, [{ destination: 'volunteers', type: 'ticket.completed', data: {}, occurredAt }]);
    expect((await db.getRepository(OutboxEvent).findOneByOrFail({})).occurredAt).toEqual(occurredAt);
  });

  it.each([
    ['a destination that is no service name', { destination: 'Volunteers!', type: 'ticket.completed', data: {} }, /service name/],
    ['a type the consumer would refuse', { destination: 'volunteers', type: 'TicketCompleted', data: {} }, /event type/],
    ['data that is no object', { destination: 'volunteers', type: 'ticket.completed', data: [1] as unknown as Record<string, unknown> }, /object/],
    ['data too large for a row', { destination: 'volunteers', type: 'ticket.completed', data: { text: 'x'.repeat(MAX_OUTBOX_PAYLOAD_BYTES) } }, /bytes/],
  ])('refuses %s and writes nothing', async (_, event, message) => {
    await expect(enqueue(db.manager, [{ destination: 'volunteers', type: 'ticket.completed', data: {} }, event])).rejects.toThrow(message);
    expect(await db.getRepository(OutboxEvent).count()).toBe(0);
  });
});
