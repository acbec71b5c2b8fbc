import type { DataSource } from 'typeorm';
import { Principal, Role } from '../auth/principal';
import { signToken } from '../auth/tokens';
import { loadEnv } from '../config/env';
import { AuthConfig, DEVELOPMENT_INTERNAL_SECRET, DEVELOPMENT_JWT_SECRET, SubgraphConfig } from '../config/service-config';
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
export async function startTestSubgraph<T extends object>(
  definition: SubgraphDefinition<T>,
  options: { database?: TestDatabaseKind; seed?: (db: DataSource) => Promise<unknown>; log?: Logger; env?: NodeJS.ProcessEnv } = {},
): Promise<TestSubgraph> {
  const database = testDatabaseConfig(definition.name, options.database);
  const own = definition.env ?? { spec: {} };
  const config: SubgraphConfig = {
    service: definition.name,
    env: 'test',
    host: '127.0.0.1',
    port: 0,
    logLevel: 'silent',
    auth: TEST_AUTH,
    internalSecret: TEST_INTERNAL_SECRET,
    database,
    settings: loadEnv(own.spec, { NODE_ENV: 'test', ...options.env }, own.checks) as Record<string, unknown>,
  };
  const log = options.log ?? createLogger(process.env.TEST_LOG_LEVEL === 'debug' ? 'debug' : 'silent');
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

/** A signed token for a test caller. */
export function tokenFor(principal: Partial<Principal> & { role: Role }): Promise<string> {
  return signToken(TEST_AUTH, principal.subject ?? `test-${principal.role}`, {
    role: principal.role,
    ...(principal.siteIds?.length ? { sites: [...principal.siteIds] } : {}),
    ...(principal.volunteerId ? { volunteer_id: principal.volunteerId } : {}),
  });
}
