import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { dropMysqlDatabase } from '@practice/common';
import { TEST_GATEWAY_CREDENTIAL, TEST_MYSQL_URL, graphqlClient, testDatabaseKind } from '@practice/common/testing';
import { ServiceProcess, startSitesProcess, within } from './service-process';

/**
 * SIGTERM, as an orchestrator sends it before it replaces a process: the process stops accepting
 * at once, finishes the request it is serving (its body still arriving), closes its pool and exits
 * 0 by itself. On SQLite its own file, on MySQL its own schema on the shared server.
 */
const mysql = testDatabaseKind() === 'mysql';
const prefix = `test_stop_${randomBytes(4).toString('hex')}`;
const databaseName = `${prefix}_sites`;
const folder = mkdtempSync(join(tmpdir(), 'sites-stop-'));
let service: ServiceProcess;

const QUERY = JSON.stringify({ query: '{ sites(first: 5) { totalCount edges { node { code } } } }' });

/** Connections the server holds for the process's schema. */
async function poolConnections(): Promise<number> {
  const connection = await createConnection({ uri: TEST_MYSQL_URL, connectTimeout: 5000 });
  try {
    const [rows] = await connection.query('SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = ?', [databaseName]);
    return Number((rows as { n: number | string }[])[0].n);
  } finally {
    await connection.end();
  }
}

/** Whether a new TCP connection to the port is refused. */
const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });

async function until(condition: () => Promise<boolean> | boolean, ms: number): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - started;
}

/**
 * A POST whose body is sent in two halves, the second when `finish` is called, from a client that
 * keeps its connections open for reuse as long as the server lets it (as the gateway does).
 */
const keepAlive = new Agent({ keepAlive: true });
async function slowRequest(port: number) {
  const body = Buffer.from(QUERY);
  const half = Math.floor(body.length / 2);
  const request = httpRequest({
    host: '127.0.0.1',
    port,
    path: '/graphql',
    method: 'POST',
    agent: keepAlive,
    headers: { 'content-type': 'application/json', 'content-length': body.length, 'x-service-authorization': await TEST_GATEWAY_CREDENTIAL.header() },
  });
  const response = new Promise<{ status: number; connection?: string; body: string }>((resolve, reject) => {
    request.once('response', (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.once('end', () =>
        resolve({ status: incoming.statusCode ?? 0, connection: incoming.headers.connection, body: Buffer.concat(chunks).toString('utf8') }),
      );
      incoming.once('error', reject);
    });
    request.once('error', reject);
  });
  request.flushHeaders();
  request.write(body.subarray(0, half));
  return { response, finish: () => request.end(body.subarray(half)) };
}

beforeAll(async () => {
  // Outside tests, as `npm start` runs it: Apollo Server's own signal handling is on there unless
  // the service turns it off, and it kept the process from exiting.
  const runtime = { NODE_ENV: 'development' };
  service = await startSitesProcess(
    mysql
      ? { ...runtime, DATABASE_URL: TEST_MYSQL_URL, DATABASE_PREFIX: prefix, MIGRATE_ON_START: 'true', DEMO_DATA: 'false' }
      : { ...runtime, DATA_DIR: folder, DEMO_DATA: 'false' },
  );
}, 90_000);
afterAll(async () => {
  keepAlive.destroy();
  await service?.stop();
  rmSync(folder, { recursive: true, force: true });
  if (mysql) {
    const location = new URL(TEST_MYSQL_URL);
    location.pathname = `/${databaseName}`;
    await dropMysqlDatabase({ kind: 'mysql', location: location.toString(), databaseName, poolSize: 1, demoData: false, migrateOnStart: false });
  }
});

it('finishes the request in flight, refuses new connections, closes its pool and exits 0', async () => {
  // A keep-alive connection left idle by an earlier client, and a pool with connections in it.
  expect((await graphqlClient(service.url)('{ sites { totalCount } }')).errors).toBeUndefined();
  if (mysql) expect(await poolConnections()).toBeGreaterThan(0);

  const slow = await slowRequest(service.port);
  await new Promise((resolve) => setTimeout(resolve, 300));
  service.child.kill('SIGTERM');
  await until(() => service.output.join('').includes('"stopping"'), 5000);
  await until(() => refused(service.port), 5000);
  // Still running: it waits for the request whose body has not all arrived.
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(service.child.exitCode).toBeNull();

  slow.finish();
  const answered = await slow.response;
  expect(answered.status).toBe(200);
  expect(answered.connection).toBe('close');
  expect(JSON.parse(answered.body)).toEqual({ data: { sites: { totalCount: 0, edges: [] } } });

  // Promptly: the connection of the request just answered does not keep it waiting.
  expect(await within(service.exited, 5000)).toBe(true);
  const exit = await service.exited;
  expect(exit).toEqual({ code: 0, signal: null });
  if (mysql) await until(async () => (await poolConnections()) === 0, 10_000);
  expect(service.output.join('')).not.toMatch(/"level":"error"/);
});
