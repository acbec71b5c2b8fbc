import type { DataSource, EntityManager } from 'typeorm';
import { conflict } from '../errors/errors';
import { isLockConflict, isMysql } from './dialect';

const sqliteQueues = new WeakMap<DataSource, Promise<void>>();

/**
 * Runs `work` in a transaction; a lost lock race (deadlock, lock wait timeout, busy database)
 * becomes a CONFLICT the client may retry.
 *
 * TypeORM's SQLite drivers share one connection and would run a second concurrent transaction
 * inside the first as a savepoint, so that one's rollback undid the other's work. On SQLite the
 * transactions of a data source therefore run one after another; MySQL runs them concurrently
 * with row locks.
 */
export async function runTransaction<T>(db: DataSource, work: (manager: EntityManager) => Promise<T>, what = 'The data'): Promise<T> {
  const release = isMysql(db) ? undefined : await takeSqliteTurn(db);
  try {
    return await db.transaction(work);
  } catch (error) {
    if (isLockConflict(error)) throw conflict(`${what} was changed concurrently; retry`, { reason: 'CONCURRENT_CHANGE' });
    throw error;
  } finally {
    release?.();
  }
}

async function takeSqliteTurn(db: DataSource): Promise<() => void> {
  const previous = sqliteQueues.get(db) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  sqliteQueues.set(
    db,
    previous.then(() => mine),
  );
  await previous;
  return release;
}
