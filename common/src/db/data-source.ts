import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSource, DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import type { DatabaseConfig } from '../config/service-config';
import { StatementCounter } from './statement-counter';

/**
 * utf8mb4 with UCA 5.2 ordering: it stores 4-byte characters (emoji, rare hanzi outside the BMP)
 * and, unlike utf8mb4_unicode_ci, tells supplementary characters apart when comparing. It exists on
 * both MySQL 8 and MariaDB 10+.
 */
export const MYSQL_CHARSET = 'utf8mb4';
export const MYSQL_COLLATION = 'utf8mb4_unicode_520_ci';

export interface OpenDataSourceOptions {
  database: DatabaseConfig;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  counter?: StatementCounter;
  /** Run pending migrations while opening (always on SQLite, where the file is private to the service). */
  migrate?: boolean;
}

/**
 * Creates the MySQL schema of a subgraph if it is missing, with the product's charset, and tells
 * whether the server is MariaDB (TypeORM reads its catalogue differently).
 */
export async function ensureMysqlDatabase(database: DatabaseConfig): Promise<{ mariadb: boolean }> {
  const url = new URL(database.location);
  url.pathname = '/';
  const connection = await createConnection({ uri: url.toString(), connectTimeout: 5000 });
  try {
    if (database.databaseName) {
      await connection.query(`CREATE DATABASE IF NOT EXISTS \`${database.databaseName}\` CHARACTER SET ${MYSQL_CHARSET} COLLATE ${MYSQL_COLLATION}`);
    }
    const [rows] = await connection.query('SELECT VERSION() AS version');
    return { mariadb: /mariadb/i.test((rows as { version: string }[])[0].version) };
  } finally {
    await connection.end();
  }
}

export async function dropMysqlDatabase(database: DatabaseConfig): Promise<void> {
  if (database.kind !== 'mysql' || !database.databaseName) return;
  const url = new URL(database.location);
  url.pathname = '/';
  const connection = await createConnection({ uri: url.toString(), connectTimeout: 5000 });
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${database.databaseName}\``);
  } finally {
    await connection.end();
  }
}

export function dataSourceOptions(options: OpenDataSourceOptions, mariadb = false): DataSourceOptions {
  const { database } = options;
  const common = {
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    logger: options.counter,
    logging: options.counter ? ['query' as const, 'error' as const, 'warn' as const, 'migration' as const] : ['error' as const],
    maxQueryExecutionTime: 1000,
  };
  if (database.kind === 'sqlite') {
    return {
      ...common,
      type: 'better-sqlite3',
      database: database.location,
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        db.pragma('journal_mode = WAL');
        db.pragma('foreign_keys = ON');
        db.pragma('busy_timeout = 5000');
      },
    };
  }
  return {
    ...common,
    type: mariadb ? 'mariadb' : 'mysql',
    url: database.location,
    charset: MYSQL_COLLATION,
    timezone: 'Z',
    poolSize: database.poolSize,
    connectTimeout: 5000,
    supportBigNumbers: true,
    bigNumberStrings: false,
    // Calendar days stay 'YYYY-MM-DD' strings, as on SQLite, instead of midnight in some time zone.
    dateStrings: ['DATE'],
    extra: { waitForConnections: true, queueLimit: 1000, enableKeepAlive: true },
  };
}

/** Opens a subgraph's database: MySQL when configured, else its embedded SQLite file. */
export async function openDataSource(options: OpenDataSourceOptions): Promise<DataSource> {
  const { database } = options;
  if (database.kind === 'sqlite' && database.location !== ':memory:') mkdirSync(dirname(database.location), { recursive: true });
  const server = database.kind === 'mysql' ? await ensureMysqlDatabase(database) : { mariadb: false };
  const dataSource = new DataSource(dataSourceOptions(options, server.mariadb));
  await dataSource.initialize();
  if (options.migrate || database.kind === 'sqlite') {
    await dataSource.runMigrations({ transaction: 'each' });
  }
  return dataSource;
}

/** True while the database answers a trivial query. */
export async function isDatabaseReachable(dataSource: DataSource): Promise<boolean> {
  try {
    await dataSource.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}
