import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ConfigError, repoRoot } from '@practice/common';
import { loadGatewayConfig } from '../config';
import { SUBGRAPHS, urlVariable } from '../subgraphs';

/**
 * `npm start`: every subgraph and then the gateway, each in its own process as in production,
 * on the embedded databases unless DATABASE_URL is set. One Ctrl-C stops them all.
 */
const root = repoRoot();
const children: ChildProcess[] = [];
let stopping = false;

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Asks every process to stop, waits for them (at most 15 s), then exits. */
async function stopAll(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (!exited(child)) child.kill('SIGTERM');
  const deadline = Date.now() + 15_000;
  while (!children.every(exited) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  process.exit(code);
}

function launch(name: string, script: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [script], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    process.stderr.write(`${name} stopped unexpectedly (${signal ?? `exit ${code}`}); stopping everything\n`);
    void stopAll(1);
  });
  children.push(child);
  return child;
}

async function waitReady(name: string, url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopping) throw new Error(`${name} did not start`);
    try {
      const response = await fetch(new URL('/readyz', url), { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${name} was not ready at ${url} within ${timeoutMs / 1000}s`);
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
    launch(name, join(root, 'subgraphs', name, 'dist', 'index.js'), env);
  }
  const config = loadGatewayConfig(env);
  await Promise.all(SUBGRAPHS.map(({ name }) => waitReady(name, env[urlVariable(name)]!)));
  launch('gateway', join(root, 'gateway', 'dist', 'index.js'), env);
  const gatewayUrl = `http://127.0.0.1:${config.port}/graphql`;
  await waitReady('gateway', gatewayUrl);
  process.stdout.write(`
  Supergraph ready at ${gatewayUrl}
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
