import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { ServiceCredential, authenticateSubgraphCaller, withServiceCredential } from '../auth/service-credential';
import { createVerifier } from '../auth/tokens';
import { OwnEnv, SubgraphConfig, loadSubgraphConfig } from '../config/service-config';
import { OpenDataSourceOptions, isDatabaseReachable, openDataSource } from '../db/data-source';
import { StatementCounter } from '../db/statement-counter';
import { RequestContext, createRequestContext } from './context';
import { createErrorFormatter } from './format-error';
import { RouteHandler, RunningHttpServer, startHttpServer } from './http-server';
import { Logger, createLogger } from './logger';

/** Work beside the HTTP server, such as an outbox dispatcher. */
export interface BackgroundWorker {
  start(): void;
  /** Finishes the work in flight; the database is still open. */
  stop(): Promise<void>;
}

export interface SubgraphDefinition<TServices extends object> {
  name: string;
  defaultPort: number;
  entities: OpenDataSourceOptions['entities'];
  migrations: OpenDataSourceOptions['migrations'];
  /** Variables of this subgraph beyond those every subgraph reads; parsed into `config.settings`. */
  env?: OwnEnv;
  buildSchema(): Promise<GraphQLSchema>;
  /** The subgraph's services, created once per database and put in every request context. */
  createServices(dataSource: DataSource, config: SubgraphConfig, log: Logger): TServices;
  /** JSON endpoints beside /graphql, such as the internal event endpoint. */
  routes?(services: TServices, config: SubgraphConfig): Record<string, RouteHandler>;
  /** Started once the server listens, stopped after it closes and before the database does. */
  workers?(services: TServices, config: SubgraphConfig, log: Logger): BackgroundWorker[];
  /** Fills an empty database with demo data; answers whether it did. */
  seedDemoData?(dataSource: DataSource, log: Logger, config: SubgraphConfig): Promise<boolean>;
}

/** The configuration of a subgraph from the environment, with its own variables. */
export function loadDefinitionConfig(definition: SubgraphDefinition<object>, source: NodeJS.ProcessEnv = process.env): SubgraphConfig {
  return loadSubgraphConfig(definition.name, definition.defaultPort, source, definition.env);
}

export interface RunningSubgraph extends RunningHttpServer {
  dataSource: DataSource;
  counter: StatementCounter;
  log: Logger;
}

/** Opens the database (migrating and seeding as configured) and serves the subgraph over HTTP. */
export async function startSubgraph<TServices extends object>(
  definition: SubgraphDefinition<TServices>,
  config: SubgraphConfig,
  log: Logger = createLogger(config.logLevel, { service: definition.name }),
): Promise<RunningSubgraph> {
  const counter = new StatementCounter(log);
  const dataSource = await openDataSource({
    database: config.database,
    entities: definition.entities,
    migrations: definition.migrations,
    counter,
    migrate: config.database.migrateOnStart,
  });
  try {
    if (config.database.kind === 'mysql' && (await dataSource.showMigrations())) {
      throw new Error(`The ${definition.name} database has pending migrations: run \`npm run migrate\` or set MIGRATE_ON_START=true`);
    }
    if (config.database.demoData && definition.seedDemoData && (await definition.seedDemoData(dataSource, log, config))) {
      log.info('demo data written', { database: config.database.kind });
    }
    const schema = await definition.buildSchema();
    const verify = createVerifier(config.auth);
    const development = config.env === 'development';
    const services = definition.createServices(dataSource, config, log);
    // What this subgraph presents when it asks another one, in its requests and its workers.
    const credential = new ServiceCredential(config.internalSecret, definition.name);
    const apollo = new ApolloServer<RequestContext & TServices>({
      schema,
      formatError: createErrorFormatter(log, development),
      includeStacktraceInErrorResponses: development,
      // Inline traces are for Apollo's hosted reporting, which this deployment does not use.
      plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
      // runService stops the process on SIGTERM in order (connections, workers, pool); Apollo's own
      // handler, on by default outside tests, raced it and left the process running with its pool.
      stopOnTerminationSignals: false,
    });
    const http = await startHttpServer<RequestContext & TServices>({
      host: config.host,
      port: config.port,
      log,
      apollo,
      ready: () => isDatabaseReachable(dataSource),
      routes: definition.routes?.(services, config),
      scope: (work) => withServiceCredential(credential, work),
      context: async (request, requestId, requestLog) => {
        const { principal, service } = await authenticateSubgraphCaller(verify, config.internalSecret, request.headers);
        const log = service ? requestLog.child({ via: service.service }) : requestLog;
        return { ...createRequestContext(principal, requestId, log, request.headers.authorization), ...services };
      },
    });
    const workers: BackgroundWorker[] = [];
    try {
      for (const worker of definition.workers?.(services, config, log) ?? []) {
        withServiceCredential(credential, () => worker.start());
        workers.push(worker);
      }
    } catch (error) {
      await Promise.all(workers.map((worker) => worker.stop()));
      await http.close();
      throw error;
    }
    return {
      ...http,
      dataSource,
      counter,
      log,
      close: async () => {
        await http.close();
        try {
          // Before the database closes: a delivery in flight still records its results.
          await Promise.all(workers.map((worker) => worker.stop()));
        } finally {
          if (dataSource.isInitialized) await dataSource.destroy();
        }
      },
    };
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}

/**
 * The entry point of a service process: reports a bad configuration by variable and exits 1,
 * and on SIGTERM or SIGINT stops accepting, finishes what is in flight and closes the pool.
 */
export function runService(name: string, start: () => Promise<{ close(): Promise<void> }>): void {
  const log = createLogger('info', { service: name });
  start()
    .then((running) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        log.info('stopping', { signal });
        running.close().then(
          () => process.exit(0),
          (error) => {
            log.error('stop failed', { error });
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', () => stop('SIGTERM'));
      process.on('SIGINT', () => stop('SIGINT'));
    })
    .catch((error: Error) => {
      if (error.name === 'ConfigError') process.stderr.write(`${name}: ${error.message}\n`);
      else log.error('start failed', { error });
      process.exit(1);
    });
}
