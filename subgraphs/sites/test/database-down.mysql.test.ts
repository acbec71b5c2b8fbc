import { randomBytes } from 'node:crypto';
import { dropMysqlDatabase } from '@practice/common';
import { GraphQLRequest, TEST_MYSQL_URL, TcpProxy, graphqlClient, startTcpProxy } from '@practice/common/testing';
import { ServiceProcess, startSitesProcess } from './service-process';

/**
 * The database going away and coming back, seen by a sites process: it says so at once (/readyz
 * and SERVICE_UNAVAILABLE instead of a hang) and serves again by itself once the database answers.
 * The MySQL server is shared, so the outage is a proxy between this process and the server.
 */
const prefix = `test_dbdown_${randomBytes(4).toString('hex')}`;
const databaseName = `${prefix}_sites`;
let proxy: TcpProxy;
let service: ServiceProcess;
let request: GraphQLRequest;

const readyz = async () => (await fetch(new URL('/readyz', service.url), { signal: AbortSignal.timeout(20_000) })).status;
const COUNT = '{ sites { totalCount } }';

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work();
  return { value, ms: Date.now() - started };
}

async function until(condition: () => Promise<boolean>, ms: number): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return Date.now() - started;
}

beforeAll(async () => {
  const server = new URL(TEST_MYSQL_URL);
  proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 3306) });
  const proxied = new URL(TEST_MYSQL_URL);
  proxied.host = `127.0.0.1:${proxy.port}`;
  service = await startSitesProcess({ DATABASE_URL: proxied.toString(), DATABASE_PREFIX: prefix, MIGRATE_ON_START: 'true', DEMO_DATA: 'false' });
  request = graphqlClient(service.url);
}, 90_000);
afterAll(async () => {
  await service?.stop();
  await proxy?.close();
  const location = new URL(TEST_MYSQL_URL);
  location.pathname = `/${databaseName}`;
  await dropMysqlDatabase({ kind: 'mysql', location: location.toString(), databaseName, poolSize: 1, demoData: false, migrateOnStart: false });
});

describe('the database down and back', () => {
  it('serves while the database answers', async () => {
    expect(await readyz()).toBe(200);
    const result = await request<{ sites: { totalCount: number } }>(COUNT);
    expect(result.errors).toBeUndefined();
    expect(result.data!.sites.totalCount).toBe(0);
    expect(proxy.connections).toBeGreaterThan(0);
  });

  it('fails /readyz and answers SERVICE_UNAVAILABLE within seconds once it is gone', async () => {
    await proxy.cut();
    const ready = await timed(readyz);
    expect(ready.value).toBe(503);
    expect(ready.ms).toBeLessThan(10_000);
    const result = await timed(() => request(COUNT));
    expect(result.ms).toBeLessThan(10_000);
    expect(result.value.status).toBe(200);
    expect(result.value.errors).toEqual([{ message: expect.stringContaining('database'), path: ['sites'], extensions: { code: 'SERVICE_UNAVAILABLE' } }]);
    expect(JSON.stringify(result.value.errors)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|SELECT/);
    expect((await fetch(new URL('/healthz', service.url))).status).toBe(200);
  });

  it('serves again by itself once the database is back', async () => {
    await proxy.restore();
    // The pool opens new connections on demand: no restart, no reconnect loop to wait for.
    expect(await until(async () => (await readyz()) === 200, 20_000)).toBeLessThan(10_000);
    const result = await request<{ sites: { totalCount: number } }>(COUNT);
    expect(result.errors).toBeUndefined();
    expect(result.data!.sites.totalCount).toBe(0);
    expect(service.child.exitCode).toBeNull();
  });
});
