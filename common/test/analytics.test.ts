import { DataSource } from 'typeorm';
import { TimeBucket, dateBucket, dropMysqlDatabase, hoursBetween, openDataSource, percentileOf, percentileWindow, timeBucket } from '@practice/common';
import { testDatabaseConfig } from '@practice/common/testing';

/** The SQL expressions of the aggregates, evaluated by the real databases. */
const database = testDatabaseConfig('analytics');
let db: DataSource;

beforeAll(async () => {
  db = await openDataSource({ database, entities: [], migrations: [] });
  await db.query(
    'CREATE TABLE fact (id INT PRIMARY KEY, grp VARCHAR(8), at DATETIME(6), ended DATETIME(6), day DATE, v DOUBLE)'.replace(
      /\(6\)/g,
      database.kind === 'mysql' ? '(6)' : '',
    ),
  );
  const rows: [number, string, string, string, string, number | null][] = [
    // 2026-03-01 23:30 UTC is 2026-03-02 07:30 in China: a Monday.
    [1, 'a', '2026-03-01 23:30:00', '2026-03-02 01:30:00', '2026-03-04', 1],
    [2, 'a', '2026-03-03 10:00:00', '2026-03-03 10:45:00', '2026-03-08', 2],
    [3, 'a', '2026-03-31 17:00:00', '2026-04-01 05:00:00', '2026-04-01', 3],
    [4, 'b', '2026-03-10 00:00:00', '2026-03-10 00:00:00', '2026-03-10', null],
  ];
  for (let v = 4; v <= 10; v++) rows.push([v + 1, 'a', '2026-03-05 00:00:00', '2026-03-05 01:00:00', '2026-03-05', v]);
  for (const row of rows) await db.query('INSERT INTO fact (id, grp, at, ended, day, v) VALUES (?, ?, ?, ?, ?, ?)', row);
});
afterAll(async () => {
  await db?.destroy();
  await dropMysqlDatabase(database);
});

const one = async (sql: string): Promise<unknown[]> => (await db.query(sql)).map((row: Record<string, unknown>) => Object.values(row)[0]);

describe('analytics SQL', () => {
  it('buckets UTC times by China-time day, ISO week (its Monday) and month', async () => {
    expect(await one(`SELECT ${timeBucket(db, 'at', TimeBucket.DAY)} AS d FROM fact WHERE id IN (1, 3) ORDER BY id`)).toEqual(['2026-03-02', '2026-04-01']);
    expect(await one(`SELECT ${timeBucket(db, 'at', TimeBucket.MONTH)} AS d FROM fact WHERE id IN (1, 3) ORDER BY id`)).toEqual(['2026-03', '2026-04']);
    expect(await one(`SELECT ${timeBucket(db, 'at', TimeBucket.WEEK)} AS d FROM fact WHERE id IN (1, 2, 3) ORDER BY id`)).toEqual([
      '2026-03-02',
      '2026-03-02',
      '2026-03-30',
    ]);
  });

  it('buckets calendar dates the same way', async () => {
    expect(await one(`SELECT ${dateBucket(db, 'day', TimeBucket.WEEK)} AS d FROM fact WHERE id IN (1, 2, 3) ORDER BY id`)).toEqual([
      '2026-03-02',
      '2026-03-02',
      '2026-03-30',
    ]);
    expect(await one(`SELECT ${dateBucket(db, 'day', TimeBucket.MONTH)} AS d FROM fact WHERE id IN (2, 3) ORDER BY id`)).toEqual(['2026-03', '2026-04']);
  });

  it('measures hours between two times', async () => {
    expect((await one(`SELECT ${hoursBetween(db, 'at', 'ended')} AS h FROM fact WHERE id IN (1, 2, 3) ORDER BY id`)).map(Number)).toEqual([2, 0.75, 12]);
  });

  it('finds the nearest-rank 90th percentile of each group, leaving out NULLs', async () => {
    const inner = `SELECT grp, v, ${percentileWindow('v', ['grp'], 'rk', 'cnt').join(', ')} FROM fact`;
    const rows: { grp: string; p90: number | null; mean: number }[] = await db.query(
      `SELECT grp, ${percentileOf('v', 'rk', 'cnt', 0.9)} AS p90, AVG(v) AS mean FROM (${inner}) w GROUP BY grp ORDER BY grp`,
    );
    // a: 1..10 → the 9th of 10 is 9; b: only NULL.
    expect(rows.map((row) => [row.grp, row.p90 === null ? null : Number(row.p90)])).toEqual([
      ['a', 9],
      ['b', null],
    ]);
  });
});
