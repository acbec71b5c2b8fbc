import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { Principal, Role } from '../auth/principal';
import { signToken } from '../auth/tokens';
import { loadEnv } from '../config/env';
import { AuthConfig, DEVELOPMENT_INTERNAL_SECRET, DEVELOPMENT_JWT_SECRET, RuntimeEnv, SubgraphConfig } from '../config/service-config';
import { dropMysqlDatabase } from '../db/data-source';
import type { StatementCounter } from '../db/statement-counter';
import { Logger, createLogger } from '../server/logger';
import { SubgraphDefinition, startSubgraph } from '../server/subgraph';
import { TestDatabaseKind, testDatabaseConfig } from './test-database';

export const TEST_AUTH: AuthConfig = { secret: DEVELOPMENT_JWT_SECRET, issuer: 'civilization-practice', audience: 'civilization-practice-api' };
export const TEST_INTERNAL_SECRET = DEVELOPMENT_INTERNAL_SECRET;

export interface TestSubgraph {
  url: string;
  db: DataSource;
  counter: StatementCounter;
  close(): Promise<void>;
}

/**
 * Starts a subgraph on a free loopback port over its own fresh test database. `env` sets the
 * subgraph's own variables (such as the URL of another subgraph it asks).
 */
export interface TestSubgraphOptions {
  database?: TestDatabaseKind;
  seed?: (db: DataSource) => Promise<unknown>;
  log?: Logger;
  env?: NodeJS.ProcessEnv;
  /** `development` shows error details, as a developer's subgraph does; default `test`. */
  runtime?: RuntimeEnv;
}

function testConfig(
  definition: SubgraphDefinition<object>,
  database: SubgraphConfig['database'],
  env: NodeJS.ProcessEnv = {},
  port = 0,
  runtime: RuntimeEnv = 'test',
): SubgraphConfig {
  const own = definition.env ?? { spec: {} };
  return {
    service: definition.name,
    env: runtime,
    host: '127.0.0.1',
    port,
    logLevel: 'silent',
    auth: TEST_AUTH,
    internalSecret: TEST_INTERNAL_SECRET,
    database,
    settings: loadEnv(own.spec, { NODE_ENV: 'test', ...env }, own.checks) as Record<string, unknown>,
  };
}

const testLog = (log?: Logger): Logger => log ?? createLogger(process.env.TEST_LOG_LEVEL === 'debug' ? 'debug' : 'silent');

export async function startTestSubgraph<T extends object>(definition: SubgraphDefinition<T>, options: TestSubgraphOptions = {}): Promise<TestSubgraph> {
  const database = testDatabaseConfig(definition.name, options.database);
  const config = testConfig(definition as SubgraphDefinition<object>, database, options.env, 0, options.runtime);
  const log = testLog(options.log);
  const running = await startSubgraph(definition, config, log);
  if (options.seed) await options.seed(running.dataSource);
  return {
    url: running.url,
    db: running.dataSource,
    counter: running.counter,
    close: async () => {
      await running.close();
      await dropMysqlDatabase(database);
    },
  };
}

export interface RestartableTestSubgraph {
  url: string;
  /** The database of the last start. */
  readonly db: DataSource;
  /** Stops serving (as a process that stops would), keeping the database. */
  stop(): Promise<void>;
  /** Serves again on the same port and database. */
  start(): Promise<void>;
  /** Stops and drops the database. */
  close(): Promise<void>;
}

/**
 * A subgraph that a test stops and starts again, like a process that goes down and comes back: on
 * the same port (other services keep its URL) and the same database (a SQLite file in a temporary
 * folder, or a MySQL schema dropped at `close`).
 */
export async function startRestartableTestSubgraph<T extends object>(
  definition: SubgraphDefinition<T>,
  options: TestSubgraphOptions = {},
): Promise<RestartableTestSubgraph> {
  let database = testDatabaseConfig(definition.name, options.database);
  let folder: string | undefined;
  if (database.kind === 'sqlite') {
    folder = mkdtempSync(join(tmpdir(), `${definition.name}-`));
    database = { ...database, location: join(folder, `${definition.name}.sqlite`) };
  }
  const log = testLog(options.log);
  let running = await startSubgraph(definition, testConfig(definition as SubgraphDefinition<object>, database, options.env), log);
  if (options.seed) await options.seed(running.dataSource);
  const port = Number(new URL(running.url).port);
  let serving = true;
  const subgraph: RestartableTestSubgraph = {
    url: running.url,
    get db() {
      return running.dataSource;
    },
    stop: async () => {
      if (!serving) return;
      serving = false;
      await running.close();
    },
    start: async () => {
      if (serving) return;
      running = await startSubgraph(
        definition,
        testConfig(definition as SubgraphDefinition<object>, { ...database, migrateOnStart: true }, options.env, port),
        log,
      );
      serving = true;
    },
    close: async () => {
      await subgraph.stop();
      await dropMysqlDatabase(database);
      if (folder) rmSync(folder, { recursive: true, force: true });
    },
  };
  return subgraph;
}

/** A signed token for a test caller. */
export function tokenFor(principal: Partial<Principal> & { role: Role }): Promise<string> {
  return signToken(TEST_AUTH, principal.subject ?? `test-${principal.role}`, {
    role: principal.role,
    ...(principal.siteIds?.length ? { sites: [...principal.siteIds] } : {}),
    ...(principal.volunteerId ? { volunteer_id: principal.volunteerId } : {}),
  });
}
