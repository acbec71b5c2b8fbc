import { EnvSpec, env, loadEnv } from './env';

export type RuntimeEnv = 'development' | 'production' | 'test';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** Only for development and tests: production refuses to start with it. */
export const DEVELOPMENT_JWT_SECRET = 'development-only-secret-do-not-use-in-production';
/** Only for development and tests: production refuses to start with it. */
export const DEVELOPMENT_INTERNAL_SECRET = 'development-only-internal-secret-do-not-use-in-production';

export interface AuthConfig {
  /** HS256 shared secret; used when no JWKS URL is set. */
  secret?: string;
  jwksUrl?: string;
  issuer: string;
  audience: string;
}

export interface DatabaseConfig {
  kind: 'sqlite' | 'mysql';
  /** sqlite: the database file; mysql: the server URL with the database name. */
  location: string;
  /** mysql only: the schema name of this service. */
  databaseName?: string;
  poolSize: number;
  /** Fill an empty database with the demo network. */
  demoData: boolean;
  migrateOnStart: boolean;
}

export interface ServiceConfig {
  service: string;
  env: RuntimeEnv;
  host: string;
  port: number;
  logLevel: LogLevel;
  auth: AuthConfig;
  /** HS256 secret of the short-lived tokens services present to each other (never to clients). */
  internalSecret: string;
}

export interface SubgraphConfig extends ServiceConfig {
  database: DatabaseConfig;
  /** The subgraph's own variables (its definition's `envSpec`), parsed. */
  settings: Record<string, unknown>;
}

const prefix = (service: string) => service.toUpperCase().replace(/[^A-Z0-9]/g, '_');

/** Variables every service reads. */
export function commonEnvSpec(): EnvSpec {
  return {
    NODE_ENV: env.oneOf('Runtime environment', ['development', 'production', 'test'] as const, 'development'),
    HOST: env.string('Address the HTTP server listens on', { default: '127.0.0.1' }),
    LOG_LEVEL: env.oneOf('Lowest level written to the JSON log', ['debug', 'info', 'warn', 'error', 'silent'] as const, 'info'),
    JWT_SECRET: env.optionalString(
      'HS256 secret that signs bearer tokens (development default when unset, required in production unless JWT_JWKS_URL is set)',
      { secret: true },
    ),
    JWT_JWKS_URL: env.optionalUrl('JWKS URL of the identity provider; when set, tokens are verified against it instead of JWT_SECRET', ['http', 'https']),
    JWT_ISSUER: env.string('Expected `iss` claim of bearer tokens', { default: 'civilization-practice' }),
    JWT_AUDIENCE: env.string('Expected `aud` claim of bearer tokens', { default: 'civilization-practice-api' }),
    INTERNAL_SECRET: env.optionalString(
      'HS256 secret of the tokens services present to each other, such as the events one subgraph sends another (development default when unset, required in production)',
      { secret: true },
    ),
  };
}

/** Variables a subgraph reads, keyed by its name (e.g. SITES_PORT), with its own ones (`extra`). */
export function subgraphEnvSpec(service: string, defaultPort: number, extra: EnvSpec = {}): EnvSpec {
  const p = prefix(service);
  return {
    ...extra,
    ...commonEnvSpec(),
    [`${p}_PORT`]: env.port(`Port of the ${service} subgraph`, defaultPort),
    DATABASE_URL: env.optionalUrl('MySQL server URL (mysql://user:password@host:port); unset means embedded SQLite files', ['mysql'], { secret: true }),
    [`${p}_DATABASE_URL`]: env.optionalUrl(`MySQL URL with the database of the ${service} subgraph; overrides DATABASE_URL`, ['mysql'], { secret: true }),
    DATABASE_PREFIX: env.string('Prefix of each subgraph database schema name on MySQL (<prefix>_<subgraph>)', {
      default: 'practice',
      pattern: /^[a-z][a-z0-9_]{0,40}$/,
    }),
    DATABASE_POOL_SIZE: env.int('Connections in each subgraph pool on MySQL', { default: 10, min: 1, max: 200 }),
    DATA_DIR: env.string('Folder of the embedded SQLite files', { default: 'data' }),
    DEMO_DATA: env.optionalBool('Fill an empty database with the demo county network on start (default: true on SQLite, false on MySQL)'),
    MIGRATE_ON_START: env.bool('Apply pending migrations on start on MySQL (SQLite files always are); else start refuses while any is pending', false),
  };
}

/** The rules between the auth variables, for `loadEnv`'s checks. */
export function authProblems(values: Record<string, unknown>): string[] {
  const secret = values.JWT_SECRET as string | undefined;
  if (values.NODE_ENV === 'production' && !values.JWT_JWKS_URL) {
    if (!secret) return ['JWT_SECRET is required in production unless JWT_JWKS_URL is set'];
    if (secret === DEVELOPMENT_JWT_SECRET || secret.length < 32) return ['JWT_SECRET must be a private secret of at least 32 characters in production'];
  }
  if (secret !== undefined && secret.length < 16) return ['JWT_SECRET must be at least 16 characters'];
  return [];
}

/** The rules of INTERNAL_SECRET, for `loadEnv`'s checks. */
export function internalSecretProblems(values: Record<string, unknown>): string[] {
  const secret = values.INTERNAL_SECRET as string | undefined;
  if (values.NODE_ENV === 'production' && (!secret || secret === DEVELOPMENT_INTERNAL_SECRET || secret.length < 32)) {
    return ['INTERNAL_SECRET must be a private secret of at least 32 characters in production'];
  }
  if (secret !== undefined && secret.length < 16) return ['INTERNAL_SECRET must be at least 16 characters'];
  if (secret !== undefined && secret === values.JWT_SECRET) return ['INTERNAL_SECRET must differ from JWT_SECRET'];
  return [];
}

/** Every check between the variables all services share. */
export const commonProblems = (values: Record<string, unknown>): string[] => [...authProblems(values), ...internalSecretProblems(values)];

function authFrom(values: Record<string, unknown>): AuthConfig {
  const secret = values.JWT_SECRET as string | undefined;
  const jwksUrl = values.JWT_JWKS_URL as string | undefined;
  return {
    secret: jwksUrl ? undefined : (secret ?? DEVELOPMENT_JWT_SECRET),
    jwksUrl,
    issuer: values.JWT_ISSUER as string,
    audience: values.JWT_AUDIENCE as string,
  };
}

/** The part of a service's config every service has, from already validated values. */
export function serviceConfigFrom(service: string, port: number, values: Record<string, unknown>): ServiceConfig {
  const runtime = values.NODE_ENV as RuntimeEnv;
  return {
    service,
    env: runtime,
    host: values.HOST as string,
    port,
    logLevel: values.LOG_LEVEL as LogLevel,
    auth: authFrom(values),
    internalSecret: (values.INTERNAL_SECRET as string | undefined) ?? DEVELOPMENT_INTERNAL_SECRET,
  };
}

/** The variables a subgraph reads beyond those every subgraph reads, and the rules between them. */
export interface OwnEnv {
  spec: EnvSpec;
  checks?: ((values: Record<string, unknown>) => string[])[];
}

export function loadSubgraphConfig(service: string, defaultPort: number, source: NodeJS.ProcessEnv = process.env, own: OwnEnv = { spec: {} }): SubgraphConfig {
  const extra = own.spec;
  const ownDatabase = `${prefix(service)}_DATABASE_URL`;
  const databaseProblems = (v: Record<string, unknown>) =>
    typeof v[ownDatabase] === 'string' && !new URL(v[ownDatabase] as string).pathname.replace(/^\//, '')
      ? [`${ownDatabase} must name the database (mysql://host/<database>)`]
      : [];
  const values = loadEnv(subgraphEnvSpec(service, defaultPort, extra), source, [commonProblems, databaseProblems, ...(own.checks ?? [])]) as Record<
    string,
    unknown
  >;
  const config = serviceConfigFrom(service, values[`${prefix(service)}_PORT`] as number, values);
  const settings = Object.fromEntries(Object.keys(extra).map((name) => [name, values[name]]));
  return { ...config, database: databaseFrom(service, values), settings };
}

function databaseFrom(service: string, values: Record<string, unknown>): DatabaseConfig {
  const own = values[`${prefix(service)}_DATABASE_URL`] as string | undefined;
  const server = values.DATABASE_URL as string | undefined;
  const demo = values.DEMO_DATA as boolean | undefined;
  const common = { poolSize: values.DATABASE_POOL_SIZE as number, migrateOnStart: values.MIGRATE_ON_START as boolean };
  if (own) {
    const databaseName = new URL(own).pathname.replace(/^\//, '');
    return { kind: 'mysql', location: own, databaseName, demoData: demo ?? false, ...common };
  }
  if (server) {
    const databaseName = `${values.DATABASE_PREFIX as string}_${service}`;
    const url = new URL(server);
    url.pathname = `/${databaseName}`;
    return { kind: 'mysql', location: url.toString(), databaseName, demoData: demo ?? false, ...common };
  }
  return { kind: 'sqlite', location: `${values.DATA_DIR as string}/${service}.sqlite`, demoData: demo ?? true, ...common };
}
