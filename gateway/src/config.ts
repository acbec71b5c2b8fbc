import { join, resolve } from 'node:path';
import { ConfigError, EnvSpec, EnvVar, ServiceConfig, commonEnvSpec, commonProblems, env, loadEnv, repoRoot, serviceConfigFrom } from '@practice/common';
import { RateSpec, parseRate } from './limits/rate-limit';
import { Safelist } from './limits/safelist';
import { SUBGRAPHS, defaultUrl, urlVariable } from './subgraphs';

export const GATEWAY_DEFAULT_PORT = 4000;

/** What the gateway refuses before any subgraph is called (README, "Limits and protection"). */
export interface GatewayLimits {
  maxBodyBytes: number;
  maxTokens: number;
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  maxBatchOperations: number;
  introspection: boolean;
  /** Safelist mode: only these operations run. */
  safelist?: Safelist;
  /** Per client; null: no limit. */
  rateLimit: RateSpec | null;
  adminRateLimit: RateSpec | null;
  /** Reverse proxies in front whose `x-forwarded-for` entries are believed; 0: none. */
  trustedProxies: number;
}

export interface GatewayConfig extends ServiceConfig {
  supergraphPath: string;
  subgraphUrls: Record<string, string>;
  limits: GatewayLimits;
}

function rate(description: string, defaultValue: string): EnvVar<RateSpec | null> {
  return { description, default: parseRate(defaultValue), parse: parseRate };
}

function trustProxy(description: string): EnvVar<number> {
  return {
    description,
    default: 0,
    parse(raw) {
      if (/^(1|true|yes|on)$/i.test(raw)) return 1;
      if (/^(0|false|no|off)$/i.test(raw)) return 0;
      if (/^\d+$/.test(raw) && Number(raw) <= 10) return Number(raw);
      throw new Error('must be true, false or the number of reverse proxies in front (up to 10)');
    },
  };
}

export function gatewayEnvSpec(): EnvSpec {
  return {
    ...commonEnvSpec(),
    GATEWAY_PORT: env.port('Port of the gateway', GATEWAY_DEFAULT_PORT),
    SUPERGRAPH_PATH: env.string('The composed supergraph the gateway serves', { default: join(repoRoot(), 'schema', 'supergraph.graphql') }),
    ...Object.fromEntries(
      SUBGRAPHS.map(({ name, defaultPort }) => [
        urlVariable(name),
        env.url(`GraphQL endpoint of the ${name} subgraph`, { protocols: ['http', 'https'], default: defaultUrl(defaultPort) }),
      ]),
    ),
    GATEWAY_MAX_BODY_BYTES: env.int('Largest request body in bytes; larger ones are answered 413 PAYLOAD_TOO_LARGE', {
      default: 1024 * 1024,
      min: 1024,
      max: 64 * 1024 * 1024,
    }),
    GATEWAY_MAX_TOKENS: env.int('Most lexical tokens of a query document; more is GRAPHQL_PARSE_FAILED before parsing ends', {
      default: 5000,
      min: 100,
      max: 1_000_000,
    }),
    GATEWAY_MAX_DEPTH: env.int('Most levels of nested fields of an operation (QUERY_TOO_DEEP)', { default: 20, min: 1, max: 100 }),
    GATEWAY_MAX_ALIASES: env.int('Most aliased fields of an operation (TOO_MANY_ALIASES)', { default: 30, min: 0, max: 10_000 }),
    GATEWAY_MAX_COST: env.int('Highest cost of an operation, list fields weighted by their `first` (QUERY_TOO_COSTLY)', {
      default: 10_000,
      min: 1,
      max: 10_000_000,
    }),
    GATEWAY_MAX_BATCH_OPERATIONS: env.int('Most operations in one HTTP request (a JSON array); 1 means no batching (TOO_MANY_OPERATIONS)', {
      default: 1,
      min: 1,
      max: 100,
    }),
    GATEWAY_INTROSPECTION: env.optionalBool('Answer introspection and serve the landing page (default: true except in production)'),
    GATEWAY_SAFELIST_PATH: env.optionalString('JSON file of the only operations the gateway runs (safelist mode); unset: any operation'),
    GATEWAY_RATE_LIMIT: rate('Requests per client (token subject, else address) as <n>/<window>, or 0 for no limit (RATE_LIMITED)', '120/60s'),
    GATEWAY_ADMIN_RATE_LIMIT: rate('Requests per admin token subject as <n>/<window>, or 0 for no limit', '600/60s'),
    GATEWAY_TRUST_PROXY: trustProxy('Take the client address from x-forwarded-for, appended by this many reverse proxies (true: 1)'),
  };
}

function loadSafelist(path: string | undefined): Safelist | undefined {
  if (path === undefined) return undefined;
  try {
    return Safelist.load(resolve(path));
  } catch (error) {
    throw new ConfigError([`GATEWAY_SAFELIST_PATH=${JSON.stringify(path)} is invalid: the file ${(error as Error).message}`]);
  }
}

export function loadGatewayConfig(source: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const values = loadEnv(gatewayEnvSpec(), source, [commonProblems]) as Record<string, unknown>;
  const service = serviceConfigFrom('gateway', values.GATEWAY_PORT as number, values);
  return {
    ...service,
    supergraphPath: values.SUPERGRAPH_PATH as string,
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, values[urlVariable(name)] as string])),
    limits: {
      maxBodyBytes: values.GATEWAY_MAX_BODY_BYTES as number,
      maxTokens: values.GATEWAY_MAX_TOKENS as number,
      maxDepth: values.GATEWAY_MAX_DEPTH as number,
      maxAliases: values.GATEWAY_MAX_ALIASES as number,
      maxCost: values.GATEWAY_MAX_COST as number,
      maxBatchOperations: values.GATEWAY_MAX_BATCH_OPERATIONS as number,
      introspection: (values.GATEWAY_INTROSPECTION as boolean | undefined) ?? service.env !== 'production',
      safelist: loadSafelist(values.GATEWAY_SAFELIST_PATH as string | undefined),
      rateLimit: values.GATEWAY_RATE_LIMIT as RateSpec | null,
      adminRateLimit: values.GATEWAY_ADMIN_RATE_LIMIT as RateSpec | null,
      trustedProxies: values.GATEWAY_TRUST_PROXY as number,
    },
  };
}
