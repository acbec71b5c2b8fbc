import Database from 'better-sqlite3';
import { QueryFailedError } from 'typeorm';
import { escapeLike, isLockConflict, isUniqueViolation, likeContains, likePrefix } from './dialect';

describe('LIKE patterns', () => {
  it('escape %, _ and ! with !', () => {
    expect(escapeLike('100%_done!')).toBe('100!%!_done!!');
    expect(escapeLike('文明实践站')).toBe('文明实践站');
    expect(escapeLike('')).toBe('');
  });

  it('likePrefix and likeContains add the wildcards around the escaped text', () => {
    expect(likePrefix('a_b')).toBe('a!_b%');
    expect(likeContains('50%')).toBe('%50!%%');
    expect(likeContains('!')).toBe('%!!%');
  });

  describe("match the text literally with ESCAPE '!' on SQLite", () => {
    let db: Database.Database;
    const names = ['打折50%', '打折500', 'a_b', 'axb', 'wow!', 'wow', 'x%y'];

    beforeAll(() => {
      db = new Database(':memory:');
      db.exec('CREATE TABLE item (name TEXT NOT NULL)');
      const insert = db.prepare('INSERT INTO item (name) VALUES (?)');
      for (const name of names) insert.run(name);
    });
    afterAll(() => db.close());

    const matching = (pattern: string): string[] =>
      (db.prepare("SELECT name FROM item WHERE name LIKE ? ESCAPE '!' ORDER BY rowid").all(pattern) as { name: string }[]).map((row) => row.name);

    it.each([
      [likeContains('50%'), ['打折50%']],
      [likePrefix('a_'), ['a_b']],
      [likeContains('!'), ['wow!']],
      [likeContains('%'), ['打折50%', 'x%y']],
      [likePrefix('wow'), ['wow!', 'wow']],
    ])('%p matches %p', (pattern, expected) => {
      expect(matching(pattern)).toEqual(expected);
    });
  });
});

describe('driver error codes', () => {
  /** A TypeORM query error around a driver error, as repositories throw it. */
  const queryFailed = (driverError: object) => new QueryFailedError('INSERT INTO site ...', [], Object.assign(new Error('driver error'), driverError));

  describe('isUniqueViolation', () => {
    it.each([
      ['MySQL ER_DUP_ENTRY', { code: 'ER_DUP_ENTRY', errno: 1062 }],
      ['SQLite unique constraint', { code: 'SQLITE_CONSTRAINT_UNIQUE' }],
      ['SQLite primary key constraint', { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' }],
    ])('recognises %s directly, under driverError and in a QueryFailedError', (_, driverError) => {
      expect(isUniqueViolation(driverError)).toBe(true);
      expect(isUniqueViolation({ driverError })).toBe(true);
      expect(isUniqueViolation(queryFailed(driverError))).toBe(true);
    });

    it('recognises the errors better-sqlite3 really throws', () => {
      const db = new Database(':memory:');
      db.exec('CREATE TABLE site (id INTEGER PRIMARY KEY, code TEXT UNIQUE)');
      db.exec("INSERT INTO site VALUES (1, 'A')");
      const errorOf = (sql: string): unknown => {
        try {
          db.exec(sql);
        } catch (error) {
          return error;
        }
        throw new Error(`${sql} did not fail`);
      };
      expect(isUniqueViolation(errorOf("INSERT INTO site VALUES (2, 'A')"))).toBe(true);
      expect(isUniqueViolation(errorOf("INSERT INTO site VALUES (1, 'B')"))).toBe(true);
      expect(isUniqueViolation(errorOf('INSERT INTO site VALUES (3)'))).toBe(false);
      db.close();
    });

    it.each([
      ['a foreign key failure', { code: 'ER_NO_REFERENCED_ROW_2' }],
      ['a lock conflict', { code: 'ER_LOCK_DEADLOCK' }],
      ['an error without code', new Error('boom')],
      ['undefined', undefined],
      ['null', null],
      ['a string', 'ER_DUP_ENTRY'],
    ])('is false for %s', (_, error) => {
      expect(isUniqueViolation(error)).toBe(false);
    });
  });

  describe('isLockConflict', () => {
    it.each([
      ['MySQL deadlock', { code: 'ER_LOCK_DEADLOCK', errno: 1213 }],
      ['MySQL lock wait timeout', { code: 'ER_LOCK_WAIT_TIMEOUT', errno: 1205 }],
      ['SQLite busy', { code: 'SQLITE_BUSY' }],
      ['SQLite busy snapshot (WAL)', { code: 'SQLITE_BUSY_SNAPSHOT' }],
    ])('recognises %s directly, under driverError and in a QueryFailedError', (_, driverError) => {
      expect(isLockConflict(driverError)).toBe(true);
      expect(isLockConflict({ driverError })).toBe(true);
      expect(isLockConflict(queryFailed(driverError))).toBe(true);
    });

    it.each([
      ['a unique violation', { code: 'ER_DUP_ENTRY' }],
      ['a connection failure', { code: 'ECONNREFUSED' }],
      ['undefined', undefined],
    ])('is false for %s', (_, error) => {
      expect(isLockConflict(error)).toBe(false);
    });
  });
});
