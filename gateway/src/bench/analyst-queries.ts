/**
 * `npm run bench:analytics`: the documented analyst queries at county scale, through a real
 * gateway in front of the four subgraphs on MySQL, each in its own process as in production. A
 * script, not a test: it prints each query's median and slowest time over the runs.
 *
 *   npm run bench:analytics -- [--seed] [--runs 5] [--prefix county]
 *
 * `--seed` first fills the databases `<prefix>_sites` … `<prefix>_tickets` with
 * `npm run seed -- --scale county` (about 1,000 sites, 100,000 volunteers, 20,000 resources and
 * about a million tickets; it takes a while), else they must already hold it. DATABASE_URL names the server
 * (default mysql://root@127.0.0.1:3306).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Role, repoRoot, signToken, todayInChina } from '@practice/common';
import { ProcessGroup } from '../launch/processes';
import { SUBGRAPHS, urlVariable } from '../subgraphs';
import { ANALYST_QUERIES, analystContext } from './analyst-queries.catalog';

const { values } = parseArgs({
  options: {
    seed: { type: 'boolean' },
    runs: { type: 'string', default: '5' },
    prefix: { type: 'string', default: 'county' },
    port: { type: 'string', default: '4400' },
  },
});
const root = repoRoot();
const processes = new ProcessGroup(root, (name, how) => {
  process.stderr.write(`${name} stopped (${how})\n`);
  process.exit(1);
});

async function seed(env: NodeJS.ProcessEnv): Promise<void> {
  for (const { name } of SUBGRAPHS) {
    const started = Date.now();
    const child = processes.launch(`${name} seed`, join(root, 'subgraphs', name, 'dist', 'cli', 'seed.js'), env, ['--scale', 'county']);
    await new Promise<void>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${name} seed failed`)))));
    process.stdout.write(`seeded ${name} in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  }
}

async function main(): Promise<void> {
  const base = Number(values.port);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306',
    DATABASE_PREFIX: values.prefix,
    DEMO_DATA: 'false',
    MIGRATE_ON_START: 'true',
    LOG_LEVEL: 'warn',
    GATEWAY_PORT: String(base),
    GATEWAY_RATE_LIMIT: '0',
  };
  SUBGRAPHS.forEach(({ name }, index) => {
    env[`${name.toUpperCase()}_PORT`] = String(base + 1 + index);
    env[urlVariable(name)] = `http://127.0.0.1:${base + 1 + index}/graphql`;
  });
  if (values.seed) await seed(env);
  // Served as in production, where graphql-js skips the checks it makes in development (about a
  // tenth of a large answer's time), with secrets of this run only. The personal data the seed
  // sealed under the development key is then unreadable; no analyst query reads it.
  const served: NodeJS.ProcessEnv = {
    ...env,
    NODE_ENV: 'production',
    JWT_SECRET: process.env.JWT_SECRET || randomBytes(32).toString('base64'),
    INTERNAL_SECRET: process.env.INTERNAL_SECRET || randomBytes(32).toString('base64'),
    PERSONAL_DATA_KEY: process.env.PERSONAL_DATA_KEY || randomBytes(32).toString('base64'),
  };
  for (const { name } of SUBGRAPHS) processes.launch(name, join(root, 'subgraphs', name, 'dist', 'index.js'), served);
  await Promise.all(SUBGRAPHS.map(({ name }) => processes.waitReady(name, served[urlVariable(name)]!, 600_000)));
  processes.launch('gateway', join(root, 'gateway', 'dist', 'index.js'), served);
  const url = `http://127.0.0.1:${base}/graphql`;
  await processes.waitReady('gateway', url);

  const token = await signToken({ secret: served.JWT_SECRET!, issuer: 'civilization-practice', audience: 'civilization-practice-api' }, 'bench-analyst', {
    role: Role.ANALYST,
  });
  const context = analystContext(todayInChina());
  const runs = Number(values.runs);
  let slow = 0;
  for (const { name, query } of ANALYST_QUERIES) {
    const text = query(context);
    const times: number[] = [];
    for (let run = 0; run < runs + 1; run++) {
      const started = performance.now();
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: text }),
      });
      const body = (await response.json()) as { errors?: unknown[] };
      const ms = performance.now() - started;
      if (body.errors) throw new Error(`${name}: ${JSON.stringify(body.errors)}`);
      // The first run warms the caches and the query planner; it is not counted.
      if (run > 0) times.push(ms);
    }
    times.sort((a, b) => a - b);
    const median = times[times.length >> 1];
    if (median >= 1000) slow++;
    process.stdout.write(`${median < 1000 ? 'ok  ' : 'SLOW'} ${name}: median ${median.toFixed(0)} ms, slowest ${times[times.length - 1].toFixed(0)} ms\n`);
  }
  await processes.stopAll();
  process.stdout.write(slow ? `${slow} queries took a second or more\n` : 'every query under a second\n');
}

main().catch(async (error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  await processes.stopAll();
  process.exit(1);
});
