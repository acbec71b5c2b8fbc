import { DataSource } from 'typeorm';
import { runTransaction } from './transaction';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('runTransaction on SQLite', () => {
  let db: DataSource;
  beforeEach(async () => {
    db = new DataSource({ type: 'better-sqlite3', database: ':memory:' });
    await db.initialize();
    await db.query('CREATE TABLE t (v INTEGER NOT NULL)');
  });
  afterEach(() => db.destroy());

  it("keeps a concurrent transaction's work when another one rolls back", async () => {
    const failing = runTransaction(db, async (manager) => {
      await manager.query('INSERT INTO t (v) VALUES (1)');
      await pause(20);
      throw new Error('undo');
    });
    const succeeding = runTransaction(db, (manager) => manager.query('INSERT INTO t (v) VALUES (2)'));
    await expect(failing).rejects.toThrow('undo');
    await succeeding;
    expect(await db.query('SELECT v FROM t')).toEqual([{ v: 2 }]);
  });

  it('runs transactions one after another, in the order they were asked for', async () => {
    const order: string[] = [];
    await Promise.all(
      ['a', 'b', 'c'].map((name) =>
        runTransaction(db, async () => {
          order.push(`${name}:start`);
          await pause(5);
          order.push(`${name}:end`);
        }),
      ),
    );
    expect(order).toEqual(['a:start', 'a:end', 'b:start', 'b:end', 'c:start', 'c:end']);
  });
});
