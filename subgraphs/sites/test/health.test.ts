import { SitesFixture, startSites } from './fixture';

let f: SitesFixture;
beforeAll(async () => {
  f = await startSites({ demo: false });
});
afterAll(() => f.close());

const endpoint = (path: string) => new URL(path, f.server.url).toString();

describe('health endpoints and request ids', () => {
  it('answers /healthz and /readyz while the database answers', async () => {
    expect((await fetch(endpoint('/healthz'))).status).toBe(200);
    expect((await fetch(endpoint('/readyz'))).status).toBe(200);
  });

  it('echoes a sane x-request-id and makes one otherwise', async () => {
    const echoed = await f.request('{ sites { totalCount } }', {}, { headers: { 'x-request-id': 'desk-42.req-7' } });
    expect(echoed.headers.get('x-request-id')).toBe('desk-42.req-7');
    const made = await f.request('{ sites { totalCount } }', {}, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a body over the limit with 413', async () => {
    const response = await fetch(f.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ sites { totalCount } } #${'x'.repeat(1_100_000)}` }),
    });
    expect(response.status).toBe(413);
  });

  it('fails /readyz once the database is gone', async () => {
    await f.server.db.destroy();
    expect((await fetch(endpoint('/readyz'))).status).toBe(503);
    expect((await fetch(endpoint('/healthz'))).status).toBe(200);
  });
});
