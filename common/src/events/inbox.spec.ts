import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ErrorCode, badInput, conflict } from '../errors/errors';
import { InboxEvent } from './inbox-event.entity';
import { EventEnvelope, EventHandler, EventInbox } from './inbox';

const event = (type = 'ticket.completed'): EventEnvelope => ({
  id: randomUUID(),
  type,
  source: 'tickets',
  occurredAt: new Date().toISOString(),
  data: {},
});

describe('EventInbox', () => {
  let db: DataSource;
  beforeEach(async () => {
    db = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [InboxEvent], synchronize: true });
    await db.initialize();
    await db.query('CREATE TABLE effect (event_id TEXT NOT NULL)');
  });
  afterEach(() => db.destroy());

  const writeEffect: EventHandler = (received, apply) => apply((manager) => manager.query('INSERT INTO effect (event_id) VALUES (?)', [received.id]));
  const effects = async () => (await db.query('SELECT COUNT(*) AS n FROM effect'))[0].n as number;

  it('applies an event once, a redelivery is DUPLICATE', async () => {
    const inbox = new EventInbox(db, { 'ticket.completed': writeEffect });
    const delivered = event();
    expect(await inbox.receive([delivered, delivered])).toEqual([
      { id: delivered.id, status: 'APPLIED' },
      { id: delivered.id, status: 'DUPLICATE' },
    ]);
    expect(await effects()).toBe(1);
  });

  it('rejects an event whose handler finds it invalid, keeping nothing of it', async () => {
    const inbox = new EventInbox(db, {
      'ticket.completed': (received, apply) =>
        apply(async (manager) => {
          await manager.query('INSERT INTO effect (event_id) VALUES (?)', [received.id]);
          throw badInput('data.hours', 'must be positive');
        }),
    });
    const [result] = await inbox.receive([event()]);
    expect(result).toMatchObject({ status: 'REJECTED', code: ErrorCode.BAD_USER_INPUT, field: 'data.hours' });
    expect(await effects()).toBe(0);
    expect(await db.getRepository(InboxEvent).count()).toBe(0);
  });

  it('tries an event that lost a lock race again instead of rejecting it', async () => {
    let calls = 0;
    const inbox = new EventInbox(db, {
      'ticket.completed': (received, apply) => {
        if (++calls === 1) throw conflict('The data was changed concurrently; retry', { reason: 'CONCURRENT_CHANGE' });
        return writeEffect(received, apply);
      },
    });
    const [result] = await inbox.receive([event()]);
    expect(result.status).toBe('APPLIED');
    expect(calls).toBe(2);
    expect(await effects()).toBe(1);
  });

  it('tells the producer to come back when lock races go on, rather than rejecting the event', async () => {
    const inbox = new EventInbox(db, {
      'ticket.completed': () => Promise.reject(conflict('The data was changed concurrently; retry', { reason: 'CONCURRENT_CHANGE' })),
    });
    await expect(inbox.receive([event()])).rejects.toMatchObject({ code: ErrorCode.SERVICE_UNAVAILABLE });
    expect(await db.getRepository(InboxEvent).count()).toBe(0);
  });

  it('rejects an event that conflicts with the data for good', async () => {
    const inbox = new EventInbox(db, { 'ticket.completed': () => Promise.reject(conflict('The volunteer has left', { reason: 'VOLUNTEER_LEFT' })) });
    const [result] = await inbox.receive([event()]);
    expect(result).toMatchObject({ status: 'REJECTED', code: ErrorCode.CONFLICT });
  });
});
