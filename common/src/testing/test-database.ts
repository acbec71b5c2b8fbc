import { randomBytes } from 'node:crypto';
import type { DatabaseConfig } from '../config/service-config';

export type TestDatabaseKind = 'sqlite' | 'mysql';

export const TEST_MYSQL_URL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

/** Which database this test run targets: set by the jest project (tests/setup). */
export function testDatabaseKind(): TestDatabaseKind {
  return process.env.TEST_DATABASE === 'mysql' ? 'mysql' : 'sqlite';
}

/**
 * A database of its own for one test file: an in-memory SQLite database, or a fresh MySQL schema
 * named test_<service>_<random> (dropped again by the server helper), so test files run in parallel.
 */
export function testDatabaseConfig(service: string, kind: TestDatabaseKind = testDatabaseKind()): DatabaseConfig {
  if (kind === 'sqlite') return { kind, location: ':memory:', poolSize: 1, demoData: false, migrateOnStart: true };
  const databaseName = `test_${service}_${randomBytes(5).toString('hex')}`;
  const url = new URL(TEST_MYSQL_URL);
  url.pathname = `/${databaseName}`;
  return { kind, location: url.toString(), databaseName, poolSize: 10, demoData: false, migrateOnStart: true };
}
