import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { EnvSpec, SubgraphConfig, commonEnvSpec, loadDefinitionConfig, repoRoot, subgraphEnvSpec } from '@practice/common';
import { gatewayEnvSpec, loadGatewayConfig } from '@practice/gateway/config';
import { SUBGRAPHS, SubgraphName, urlVariable } from '@practice/gateway/subgraphs';
import { SUBGRAPH_DEFINITIONS } from './definitions';

/**
 * docker-compose.yml against the services' own configuration: a subgraph added to SUBGRAPHS, a
 * variable renamed in a spec or a port changed fails here instead of in a container that never
 * becomes healthy.
 */
interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  ports?: (string | number | { target?: number; published?: number | string })[];
}

const root = repoRoot();
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as { services?: Record<string, ComposeService> };
const services = compose.services ?? {};

/** Resolves compose interpolation as if no variable were set: `${VAR:-default}` gives the default. */
function interpolate(value: string): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (match, braced, operator, argument) => {
    if (match === '$$') return '$';
    const name = (braced ?? match.slice(1)) as string;
    switch (operator as string | undefined) {
      case ':-':
      case '-':
        return argument as string;
      case ':?':
      case '?':
        throw new Error(`docker-compose.yml requires ${name} to be set (${match}); give it a development default instead`);
      default:
        // `${VAR}`, `$VAR`, `${VAR:+alt}` and `${VAR+alt}`: empty when VAR is unset.
        return '';
    }
  });
}

/** A service's environment as its process sees it: unset entries (`- NAME`, `NAME:`) are left out. */
function environmentOf(service: ComposeService): Record<string, string> {
  const entries: [string, string | undefined][] = Array.isArray(service.environment)
    ? service.environment.map((line) => {
        const at = line.indexOf('=');
        return at < 0 ? [line, undefined] : [line.slice(0, at), line.slice(at + 1)];
      })
    : Object.entries(service.environment ?? {}).map(([name, value]) => [name, value === null ? undefined : String(value)]);
  return Object.fromEntries(entries.filter((entry): entry is [string, string] => entry[1] !== undefined).map(([name, value]) => [name, interpolate(value)]));
}

function dependenciesOf(service: ComposeService): Record<string, string | undefined> {
  const dependsOn = service.depends_on ?? {};
  if (Array.isArray(dependsOn)) return Object.fromEntries(dependsOn.map((name) => [name, undefined]));
  return Object.fromEntries(Object.entries(dependsOn).map(([name, options]) => [name, options?.condition]));
}

function healthcheckOf(service: ComposeService): string {
  const test = service.healthcheck?.test;
  return interpolate(Array.isArray(test) ? test.join(' ') : (test ?? ''));
}

function commandOf(service: ComposeService): string {
  return Array.isArray(service.command) ? service.command.join(' ') : (service.command ?? '');
}

/** A subgraph's configuration as its compose service's environment gives it. */
const subgraphConfig = (name: SubgraphName): SubgraphConfig => loadDefinitionConfig(SUBGRAPH_DEFINITIONS[name], environmentOf(services[name]!));
const subgraphSpec = (name: SubgraphName, defaultPort: number): EnvSpec => subgraphEnvSpec(name, defaultPort, SUBGRAPH_DEFINITIONS[name].env?.spec);

const requiredVariables = (spec: EnvSpec) =>
  Object.entries(spec)
    .filter(([, variable]) => !('default' in variable))
    .map(([name]) => name);

/** The checks every application service shares: the subgraphs and the gateway. */
function describeService(name: string, spec: () => EnvSpec, port: () => number, script: string): void {
  const service = () => services[name]!;

  test('is a service of docker-compose.yml', () => {
    expect(Object.keys(services)).toContain(name);
  });

  test(`runs ${script}`, () => {
    expect(service()).toBeDefined();
    expect(commandOf(service())).toContain(script);
  });

  test('sets every variable its spec requires', () => {
    const environment = environmentOf(service());
    expect(requiredVariables(spec()).filter((variable) => !environment[variable]?.trim())).toEqual([]);
  });

  test('sets only variables its spec knows', () => {
    expect(Object.keys(environmentOf(service())).filter((variable) => !(variable in spec()))).toEqual([]);
  });

  test('listens on all interfaces, so that other containers reach it', () => {
    expect(environmentOf(service()).HOST).toBe('0.0.0.0');
  });

  test('has a healthcheck on its /readyz', () => {
    expect(service().healthcheck?.disable).not.toBe(true);
    expect(healthcheckOf(service())).toContain(`:${port()}/readyz`);
  });

  test('starts once every service it depends on is healthy', () => {
    const dependencies = dependenciesOf(service());
    expect(Object.keys(dependencies).length).toBeGreaterThan(0);
    for (const [dependency, condition] of Object.entries(dependencies)) {
      expect(Object.keys(services)).toContain(dependency);
      expect({ dependency, condition }).toEqual({ dependency, condition: 'service_healthy' });
      expect(services[dependency]?.healthcheck?.test).toBeDefined();
    }
  });
}

describe.each(SUBGRAPHS.map(({ name, defaultPort }) => ({ name, defaultPort })))('docker-compose.yml: the $name subgraph', ({ name, defaultPort }) => {
  const config = () => subgraphConfig(name);

  describeService(
    name,
    () => subgraphSpec(name, defaultPort),
    () => config().port,
    `subgraphs/${name}/dist/index.js`,
  );

  test('has a valid configuration in production', () => {
    expect(services[name]).toBeDefined();
    expect(() => config()).not.toThrow();
    expect(config().env).toBe('production');
  });

  test('uses a database of a compose service it depends on, not a file inside the container', () => {
    expect(services[name]).toBeDefined();
    const { database } = config();
    expect(database.kind).toBe('mysql');
    const host = new URL(database.location).hostname;
    expect(Object.keys(services)).toContain(host);
    expect(dependenciesOf(services[name]!)[host]).toBe('service_healthy');
  });
});

describe('docker-compose.yml: the gateway', () => {
  const config = () => loadGatewayConfig(environmentOf(services.gateway!));

  describeService('gateway', gatewayEnvSpec, () => config().port, 'gateway/dist/index.js');

  test('has a valid configuration in production', () => {
    expect(services.gateway).toBeDefined();
    expect(() => config()).not.toThrow();
    expect(config().env).toBe('production');
  });

  test('publishes its port', () => {
    const port = config().port;
    const targets = (services.gateway!.ports ?? []).map((entry) =>
      typeof entry === 'object' ? Number(entry.target) : Number(String(entry).split('/')[0]!.split(':').pop()),
    );
    expect(targets).toContain(port);
  });

  test.each(SUBGRAPHS.map(({ name }) => ({ name })))('reaches the $name subgraph at its compose service and port, once it is healthy', ({ name }) => {
    expect(Object.keys(services)).toContain(name);
    expect(environmentOf(services.gateway!)).toHaveProperty(urlVariable(name));
    const url = new URL(config().subgraphUrls[name]!);
    const subgraphPort = subgraphConfig(name).port;
    expect({ host: url.hostname, port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)), path: url.pathname }).toEqual({
      host: name,
      port: subgraphPort,
      path: '/graphql',
    });
    expect(dependenciesOf(services.gateway!)[name]).toBe('service_healthy');
  });

  test('verifies tokens exactly like every subgraph, which verify them again, and shares their internal secret', () => {
    const { auth, internalSecret } = config();
    for (const { name } of SUBGRAPHS) {
      const subgraph = subgraphConfig(name);
      expect({ name, auth: subgraph.auth, internalSecret: subgraph.internalSecret }).toEqual({ name, auth, internalSecret });
    }
  });
});

describe('.env.example', () => {
  const named = new Set(
    readFileSync(join(root, '.env.example'), 'utf8')
      .split('\n')
      .map((line) => /^\s*(?:#\s*)?([A-Z][A-Z0-9_]*)=/.exec(line)?.[1])
      .filter((name): name is string => name !== undefined),
  );
  const specs: [string, EnvSpec][] = [
    ['common', commonEnvSpec()],
    ...SUBGRAPHS.map(({ name, defaultPort }): [string, EnvSpec] => [name, subgraphSpec(name, defaultPort)]),
    ['gateway', gatewayEnvSpec()],
  ];

  test.each(specs)('names every variable of the %s spec', (_, spec) => {
    expect(Object.keys(spec).filter((variable) => !named.has(variable))).toEqual([]);
  });

  test('names the variables of the test runner', () => {
    expect(['TEST_MYSQL_URL', 'REQUIRE_MYSQL'].filter((variable) => !named.has(variable))).toEqual([]);
  });
});
