import type { DataSource, EntityManager, SelectQueryBuilder, ObjectLiteral } from 'typeorm';

type Db = DataSource | EntityManager;
const driverOf = (db: Db) => ('driver' in db ? db.driver : (db as EntityManager).connection.driver);

export const isMysql = (db: Db): boolean => ['mysql', 'mariadb'].includes(driverOf(db).options.type);

/** String concatenation in the SQL of the current database. */
export function sqlConcat(db: Db, ...parts: string[]): string {
  return isMysql(db) ? `CONCAT(${parts.join(', ')})` : parts.join(' || ');
}

/** `!` escapes LIKE wildcards; write `LIKE :param ESCAPE '!'`. One escape character works on both databases. */
export function escapeLike(value: string): string {
  return value.replace(/[!%_]/g, (char) => `!${char}`);
}

export const likePrefix = (value: string): string => `${escapeLike(value)}%`;
export const likeContains = (value: string): string => `%${escapeLike(value)}%`;

/**
 * Row locks for the rest of the transaction on MySQL. SQLite takes one write lock for the whole
 * database at the first write, which serializes writers without row locks.
 */
export function forUpdate<T extends ObjectLiteral>(db: Db, query: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  return isMysql(db) ? query.setLock('pessimistic_write') : query;
}

/**
 * Like `forUpdate`, but rows another transaction holds are left out instead of waited for, so
 * workers sharing a queue table each take different rows (MySQL 8, MariaDB 10.6+).
 */
export function forUpdateSkipLocked<T extends ObjectLiteral>(db: Db, query: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  return isMysql(db) ? query.setLock('pessimistic_write').setOnLocked('skip_locked') : query;
}

function driverCode(error: unknown): string | number | undefined {
  const e = error as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  return e?.driverError?.code ?? e?.code ?? e?.driverError?.errno ?? e?.errno;
}

export function isUniqueViolation(error: unknown): boolean {
  const code = driverCode(error);
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** A transaction that lost a lock race and may simply be retried. */
export function isLockConflict(error: unknown): boolean {
  const code = driverCode(error);
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT' || (typeof code === 'string' && code.startsWith('SQLITE_BUSY'));
}

const CONNECTION_FAILURES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'PROTOCOL_CONNECTION_LOST', 'EPIPE', 'ENOTFOUND']);

/** The database did not answer (as opposed to refusing a statement). */
export function isDatabaseUnreachable(error: unknown): boolean {
  const code = (error as { code?: string; driverError?: { code?: string } })?.code ?? (error as { driverError?: { code?: string } })?.driverError?.code;
  return typeof code === 'string' && CONNECTION_FAILURES.has(code);
}
