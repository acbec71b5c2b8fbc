import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { isMysql } from '@practice/common';

/** Row count and content checksum of one table. */
export interface TableState {
  rows: number;
  checksum: string;
}

export type DatabaseState = Record<string, TableState>;

async function tableNames(db: DataSource): Promise<string[]> {
  if (isMysql(db)) {
    const rows = (await db.query('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()')) as { name: string }[];
    return rows.map((row) => row.name).sort();
  }
  const rows = (await db.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) as { name: string }[];
  return rows.map((row) => row.name);
}

const quote = (db: DataSource, name: string) => (isMysql(db) ? `\`${name}\`` : `"${name}"`);

function canonical(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  return JSON.stringify(value);
}

/**
 * Every table of a database with its row count and a checksum of its content, independent of the
 * order the database returns the rows in.
 */
export async function snapshotDatabase(db: DataSource): Promise<DatabaseState> {
  const state: DatabaseState = {};
  for (const table of await tableNames(db)) {
    const rows = (await db.query(`SELECT * FROM ${quote(db, table)}`)) as Record<string, unknown>[];
    const lines = rows
      .map((row) =>
        Object.keys(row)
          .sort()
          .map((column) => `${column}=${canonical(row[column])}`)
          .join('\u0001'),
      )
      .sort();
    const hash = createHash('sha256');
    for (const line of lines) hash.update(line).update('\u0002');
    state[table] = { rows: rows.length, checksum: hash.digest('hex') };
  }
  return state;
}

/** The tables whose count or content differ, with both states. */
export function changedTables(before: DatabaseState, after: DatabaseState): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names]
    .filter((name) => before[name]?.rows !== after[name]?.rows || before[name]?.checksum !== after[name]?.checksum)
    .map(
      (name) =>
        `${name}: ${before[name]?.rows ?? 'absent'} → ${after[name]?.rows ?? 'absent'} rows${before[name]?.checksum !== after[name]?.checksum ? ', content changed' : ''}`,
    );
}

/** Waits until no outbox event of this database is waiting for delivery, so that nothing changes on its own. */
export async function outboxDrained(db: DataSource, timeoutMs = 20_000): Promise<void> {
  if (!(await tableNames(db)).includes('outbox_event')) return;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [{ pending }] = (await db.query('SELECT COUNT(*) AS pending FROM outbox_event WHERE delivered_at IS NULL AND failed_at IS NULL')) as {
      pending: number;
    }[];
    if (Number(pending) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('The outbox did not deliver in time');
}
