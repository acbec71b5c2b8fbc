import { join } from 'node:path';
import { ConfigError, repoRoot } from '@practice/common';
import { loadGatewayConfig } from '../config';
import { SUBGRAPHS, urlVariable } from '../subgraphs';
import { ProcessGroup } from './processes';

/**
 * `npm start`: every subgraph and then the gateway, each in its own process as in production,
 * on the embedded databases unless DATABASE_URL is set. One Ctrl-C stops them all.
 */
const root = repoRoot();
const processes = new ProcessGroup(root, (name, how) => {
  process.stderr.write(`${name} stopped unexpectedly (${how}); stopping everything\n`);
  void stopAll(1);
});

async function stopAll(code: number): Promise<void> {
  await processes.stopAll();
  process.exit(code);
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const { name, defaultPort } of SUBGRAPHS) {
    const portVariable = `${name.toUpperCase()}_PORT`;
    const port = env[portVariable] ?? String(defaultPort);
    env[portVariable] = port;
    env[urlVariable(name)] ??= `http://127.0.0.1:${port}/graphql`;
    processes.launch(name, join(root, 'subgraphs', name, 'dist', 'index.js'), env);
  }
  const config = loadGatewayConfig(env);
  await Promise.all(SUBGRAPHS.map(({ name }) => processes.waitReady(name, env[urlVariable(name)]!)));
  processes.launch('gateway', join(root, 'gateway', 'dist', 'index.js'), env);
  const gatewayUrl = `http://127.0.0.1:${config.port}/graphql`;
  await processes.waitReady('gateway', gatewayUrl);
  process.stdout.write(`
  Supergraph ready at ${gatewayUrl}
  Explorer (in a browser, works offline): http://127.0.0.1:${config.port}/
  Databases: ${env.DATABASE_URL ? 'MySQL' : `embedded SQLite files in ${env.DATA_DIR ?? 'data'}/`}

  Try:
    curl -s ${gatewayUrl} -H 'content-type: application/json' \\
      -d '{"query":"{ sites(filter: { kinds: [INSTITUTE] }, first: 3) { totalCount edges { node { code name volunteerCount teams { name } } } } }"}'

  A token for changes:  npm run token -- --role admin
  Stop everything with Ctrl-C.

`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error.stack ?? error)}\n`);
  void stopAll(1);
});
