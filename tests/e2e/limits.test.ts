import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getIntrospectionQuery } from 'graphql';
import { Role, createLogger } from '@practice/common';
import { tokenFor } from '@practice/common/testing';
import { safelistCommand } from '@practice/gateway/cli/safelist';
import { SUBGRAPHS } from '@practice/gateway/subgraphs';
import { Supergraph, TestGateway, startSupergraph } from './supergraph';

/**
 * The gateway's limits, each through a real gateway on a loopback port. Every refusal is checked
 * to reach no subgraph: each subgraph logs the requests it serves, and none may be added.
 */
const lines: Record<string, unknown>[] = [];
const logs = Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, createLogger('info', { service: name }, (line) => lines.push(JSON.parse(line)))]));
const subgraphRequests = () => lines.filter((line) => line.msg === 'request' && line.path === '/graphql').length;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const COUNT = '{ sites(first: 1) { totalCount } }';
const STATION = '320581101001-S';

interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

async function answerOf(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // HTML of the landing page
  }
  return { status: response.status, headers: response.headers, body };
}

async function post(gateway: TestGateway, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return answerOf(
    await fetch(gateway.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

async function get(gateway: TestGateway, params: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer> {
  const url = new URL(gateway.gateway.url);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  // A header that a browser cannot send without a preflight: Apollo Server's CSRF prevention wants one on GET.
  return answerOf(await fetch(url, { headers: { 'apollo-require-preflight': 'true', ...headers } }));
}

/** Sends, expects the refusal, and that no subgraph heard of it. */
async function refused(send: () => Promise<Answer>, code: string, status = 400): Promise<Answer> {
  const before = subgraphRequests();
  const answer = await send();
  expect({ status: answer.status, code: answer.body?.errors?.[0]?.extensions?.code }).toEqual({ status, code });
  expect(answer.body.data).toBeUndefined();
  expect(subgraphRequests()).toBe(before);
  return answer;
}

/** Sends and expects an answer without errors that a subgraph served. */
async function served(send: () => Promise<Answer>): Promise<Answer> {
  const before = subgraphRequests();
  const answer = await send();
  expect({ status: answer.status, errors: answer.body.errors }).toEqual({ status: 200, errors: undefined });
  expect(subgraphRequests()).toBeGreaterThan(before);
  return answer;
}

let supergraph: Supergraph;
let strict: TestGateway;
let folder: string;

beforeAll(async () => {
  supergraph = await startSupergraph({ logs });
  strict = await supergraph.startGateway({ GATEWAY_INTROSPECTION: 'false', GATEWAY_MAX_BODY_BYTES: '4096', GATEWAY_MAX_BATCH_OPERATIONS: '3' });
  folder = mkdtempSync(join(tmpdir(), 'limits-'));
});
afterAll(async () => {
  await supergraph?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('the shape of a query, with the default limits', () => {
  const parents = (levels: number) => `${'parent { '.repeat(levels)}name${' }'.repeat(levels)}`;

  it('refuses more than 20 levels of fields with QUERY_TOO_DEEP, and takes 20', async () => {
    const answer = await refused(() => post(supergraph, { query: `{ siteByCode(code: "${STATION}") { ${parents(19)} } }` }), 'QUERY_TOO_DEEP');
    expect(answer.body.errors[0].extensions).toEqual({ code: 'QUERY_TOO_DEEP', limit: 20, depth: 21 });
    await served(() => post(supergraph, { query: `{ siteByCode(code: "${STATION}") { ${parents(18)} } }` }));
  });

  it('counts the depth of fragments where they are spread', async () => {
    const query = `{ sites(first: 1) { edges { node { ...Up } } } } fragment Up on Site { ${parents(17)} }`;
    await refused(() => post(supergraph, { query }), 'QUERY_TOO_DEEP');
  });

  it('refuses more than 30 aliases with TOO_MANY_ALIASES, counting a fragment each time it is spread', async () => {
    const names = (count: number) => Array.from({ length: count }, (_, i) => `n${i}: name`).join(' ');
    const query = (count: number) =>
      `{ a: siteByCode(code: "${STATION}") { ...Names } b: siteByCode(code: "${STATION}") { ...Names } } fragment Names on Site { ${names(count)} }`;
    const answer = await refused(() => post(supergraph, { query: query(15) }), 'TOO_MANY_ALIASES');
    expect(answer.body.errors[0].extensions).toMatchObject({ limit: 30, aliases: 32 });
    await served(() => post(supergraph, { query: query(14) }));
  });

  it('refuses a query costing more than 10,000 with QUERY_TOO_COSTLY, pages weighted by the first of the variables', async () => {
    const query =
      'query ($n: Int) { sites(first: $n) { edges { node { ...Volunteers } } } } fragment Volunteers on Site { volunteers(first: 100) { totalCount } }';
    const answer = await refused(() => post(supergraph, { query, variables: { n: 500 } }), 'QUERY_TOO_COSTLY');
    expect(answer.body.errors[0].extensions).toEqual({ code: 'QUERY_TOO_COSTLY', limit: 10_000, cost: 1 + 500 * (1 + 1 + 1 + 100) });
    await served(() => post(supergraph, { query, variables: { n: 2 } }));
  });

  it('refuses a recursion through the site tree, whose lists have no first', async () => {
    const query = `{ sites(first: 20) { edges { node { parent { children { parent { children { parent { children { name } } } } } } } } } }`;
    await refused(() => post(supergraph, { query }), 'QUERY_TOO_COSTLY');
  });

  it('refuses fragments that expand exponentially, quickly', async () => {
    const fragments = Array.from({ length: 30 }, (_, i) => `fragment F${i + 1} on Query { ...F${i} ...F${i} }`).join(' ');
    const started = Date.now();
    await refused(() => post(supergraph, { query: `{ ...F30 } fragment F0 on Query { sites { totalCount } } ${fragments}` }), 'QUERY_TOO_COSTLY');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses a document of more than 5,000 tokens before parsing it all', async () => {
    const answer = await refused(() => post(supergraph, { query: `{ ${'__typename '.repeat(5001)}}` }), 'GRAPHQL_PARSE_FAILED');
    expect(answer.body.errors[0].message).toMatch(/5000 tokens/);
  });

  it('answers the standard introspection query, which is counted and within the limits, without asking a subgraph', async () => {
    const before = subgraphRequests();
    const answer = await post(supergraph, { query: getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }) });
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.__schema.types.some((type: { name: string }) => type.name === 'Site')).toBe(true);
    expect(subgraphRequests()).toBe(before);
  });

  it('leaves introspection lists nested deeper than the standard query to graphql-js, which refuses them', async () => {
    const query = '{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }';
    const answer = await refused(() => post(supergraph, { query }), 'GRAPHQL_VALIDATION_FAILED');
    expect(answer.body.errors[0].message).toBe('Maximum introspection depth exceeded');
  });
});

describe('the size of a request', () => {
  it('answers a body over GATEWAY_MAX_BODY_BYTES with 413 and a GraphQL error, declared or streamed', async () => {
    const body = JSON.stringify({ query: `${COUNT} #${'x'.repeat(5000)}` });
    const declared = await refused(() => post(strict, body), 'PAYLOAD_TOO_LARGE', 413);
    expect(declared.body.errors[0].message).toBe('The request body exceeds 4096 bytes');
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(new TextEncoder().encode(body.slice(i * 1100, (i + 1) * 1100)));
        controller.close();
      },
    });
    await refused(
      async () =>
        answerOf(
          await fetch(strict.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit),
        ),
      'PAYLOAD_TOO_LARGE',
      413,
    );
    await served(() => post(strict, { query: COUNT }));
  });

  it('takes one operation per request by default, and refuses a batch with TOO_MANY_OPERATIONS', async () => {
    const answer = await refused(() => post(supergraph, [{ query: COUNT }, { query: COUNT }]), 'TOO_MANY_OPERATIONS');
    expect(answer.body.errors[0].extensions).toEqual({ code: 'TOO_MANY_OPERATIONS', limit: 1, operations: 2 });
  });

  it('takes batches up to GATEWAY_MAX_BATCH_OPERATIONS when batching is on', async () => {
    const answer = await served(() =>
      post(strict, [{ query: COUNT }, { query: '{ sites(first: 1, filter: { kinds: [INSTITUTE] }) { totalCount } }' }, { query: COUNT }]),
    );
    expect(answer.body.map((result: { data: { sites: { totalCount: number } } }) => result.data.sites.totalCount)).toEqual([
      expect.any(Number),
      14,
      expect.any(Number),
    ]);
    await refused(
      () =>
        post(
          strict,
          Array.from({ length: 4 }, () => ({ query: COUNT })),
        ),
      'TOO_MANY_OPERATIONS',
    );
  });
});

describe('introspection and the explorer', () => {
  /** The explorer is the gateway's root page. */
  const explorer = (gateway: TestGateway) => fetch(new URL('/', gateway.gateway.url), { headers: { accept: 'text/html' } });

  it('are on outside production', async () => {
    const page = await explorer(supergraph);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const answer = await post(supergraph, { query: '{ sitez { totalCount } }' });
    expect(answer.body.errors[0].message).toMatch(/Did you mean/);
  });

  it('can be switched off: introspection is INTROSPECTION_DISABLED, no explorer, no schema in suggestions', async () => {
    for (const query of ['{ __schema { queryType { name } } }', '{ __type(name: "Site") { fields { name } } }', getIntrospectionQuery()]) {
      await refused(() => post(strict, { query }), 'INTROSPECTION_DISABLED');
    }
    await served(() => post(strict, { query: `{ __typename ${COUNT.slice(1)}` }));
    const page = await explorer(strict);
    expect(page.headers.get('content-type')).not.toMatch(/text\/html/);
    const answer = await post(strict, { query: '{ sitez { totalCount } }' });
    expect(answer.body.errors[0].message).not.toMatch(/Did you mean|sites/);
  });
});

describe('automatic persisted queries', () => {
  const query = '{ sites(first: 2, filter: { kinds: [INSTITUTE] }) { totalCount } }';
  const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

  it('answer an unknown hash PERSISTED_QUERY_NOT_FOUND, register it with its text, then run it by hash', async () => {
    const hash = sha256(query);
    await refused(() => post(supergraph, { extensions: persisted(hash) }), 'PERSISTED_QUERY_NOT_FOUND', 200);
    await served(() => post(supergraph, { query, extensions: persisted(hash) }));
    const byHash = await served(() => post(supergraph, { extensions: persisted(hash) }));
    expect(byHash.body.data.sites.totalCount).toBe(14);
    const byGet = await served(() => get(supergraph, { extensions: JSON.stringify(persisted(hash)) }));
    expect(byGet.body.data.sites.totalCount).toBe(14);
  });

  it('do not register a query the limits refuse', async () => {
    const deep = `{ siteByCode(code: "${STATION}") { ${'parent { '.repeat(25)}name${' }'.repeat(25)} } }`;
    await refused(() => post(supergraph, { query: deep, extensions: persisted(sha256(deep)) }), 'QUERY_TOO_DEEP');
    await refused(() => post(supergraph, { extensions: persisted(sha256(deep)) }), 'PERSISTED_QUERY_NOT_FOUND', 200);
  });
});

describe('safelist mode', () => {
  let safe: TestGateway;
  let registered: Record<string, string>;

  beforeAll(async () => {
    writeFileSync(
      join(folder, 'front-end.graphql'),
      `query Institutes { sites(filter: { kinds: [INSTITUTE] }, first: 3) { totalCount edges { node { ...SiteName } } } }
       query StationByCode($code: String!) { siteByCode(code: $code) { ...SiteName } }
       fragment SiteName on Site { code name }`,
    );
    // What `npm run safelist -- front-end.graphql --out safelist.json` does, in this process.
    const { out, operations } = safelistCommand(['front-end.graphql', '--out', 'safelist.json'], folder);
    expect(operations).toBe(2);
    registered = JSON.parse((await import('node:fs')).readFileSync(out!, 'utf8'));
    safe = await supergraph.startGateway({ GATEWAY_SAFELIST_PATH: out! });
  });

  const [institutes, station] = [0, 1].map((index) => () => Object.entries(registered)[index]!);

  it('runs a registered operation by its hash from the first request on', async () => {
    const [hash] = station();
    const answer = await served(() => post(safe, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } }, variables: { code: STATION } }));
    expect(answer.body.data.siteByCode.code).toBe(STATION);
  });

  it('runs a registered operation sent with exactly its text', async () => {
    const [, text] = institutes();
    const answer = await served(() => post(safe, { query: text }));
    expect(answer.body.data.sites.totalCount).toBe(14);
  });

  it('refuses anything else with OPERATION_NOT_IN_SAFELIST', async () => {
    const [, text] = institutes();
    const other = [
      { query: COUNT },
      // The same operation, written differently
      { query: text.replace(/\s+/g, ' ') },
      { query: getIntrospectionQuery() },
      { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(COUNT) } } },
      // An attempt to register another operation as a persisted query
      { query: COUNT, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(COUNT) } } },
    ];
    for (const body of other) await refused(() => post(safe, body), 'OPERATION_NOT_IN_SAFELIST');
    await refused(() => get(safe, { query: COUNT }), 'OPERATION_NOT_IN_SAFELIST');
    await refused(() => post(safe, [{ query: COUNT }]), 'OPERATION_NOT_IN_SAFELIST');
  });
});

describe('the rate limit', () => {
  let limited: TestGateway;
  const retryAfter = (answer: Answer) => Number(answer.headers.get('retry-after'));

  beforeAll(async () => {
    limited = await supergraph.startGateway({ GATEWAY_RATE_LIMIT: '3/60s', GATEWAY_ADMIN_RATE_LIMIT: '0', GATEWAY_MAX_BATCH_OPERATIONS: '3' });
  });

  it('answers the request after the last one a client may make RATE_LIMITED, with 429 and retry-after', async () => {
    for (let i = 0; i < 3; i++) await served(() => post(limited, { query: COUNT }));
    const answer = await refused(() => post(limited, { query: COUNT }), 'RATE_LIMITED', 429);
    expect(retryAfter(answer)).toBe(20);
    expect(answer.body.errors[0].extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: 20 });
    // Refusals count too: probing does not wait out the limit.
    await refused(() => post(limited, { query: '{ nope }' }), 'RATE_LIMITED', 429);
  });

  it('counts signed-in callers by their token subject, each on their own', async () => {
    const [one, other] = await Promise.all([tokenFor({ role: Role.CITIZEN, subject: 'wx-one' }), tokenFor({ role: Role.CITIZEN, subject: 'wx-other' })]);
    const as = (token: string) => () => post(limited, { query: COUNT }, { authorization: `Bearer ${token}` });
    for (let i = 0; i < 3; i++) await served(as(one));
    await refused(as(one), 'RATE_LIMITED', 429);
    await served(as(other));
  });

  it('counts each operation of a batch', async () => {
    const token = await tokenFor({ role: Role.SITE_MANAGER, subject: 'desk-7', siteIds: ['any'] });
    const headers = { authorization: `Bearer ${token}` };
    await served(() => post(limited, [{ query: COUNT }, { query: COUNT }, { query: COUNT }], headers));
    await refused(() => post(limited, { query: COUNT }, headers), 'RATE_LIMITED', 429);
  });

  it('has a limit of its own for admins, here none', async () => {
    const admin = await tokenFor({ role: Role.ADMIN, subject: 'ops' });
    for (let i = 0; i < 8; i++) await served(() => post(limited, { query: COUNT }, { authorization: `Bearer ${admin}` }));
  });

  it('ignores x-forwarded-for unless the proxy is trusted', async () => {
    // Anonymous callers of this test all come from 127.0.0.1, whose bucket the first test emptied.
    await refused(() => post(limited, { query: COUNT }, { 'x-forwarded-for': '198.51.100.1' }), 'RATE_LIMITED', 429);
    const proxied = await supergraph.startGateway({ GATEWAY_RATE_LIMIT: '1/60s', GATEWAY_TRUST_PROXY: 'true' });
    const from = (forwarded: string) => () => post(proxied, { query: COUNT }, { 'x-forwarded-for': forwarded });
    await served(from('198.51.100.1'));
    await refused(from('198.51.100.1'), 'RATE_LIMITED', 429);
    await served(from('198.51.100.2'));
    // The proxy appends what it sees: an address the client wrote before it changes nothing.
    await refused(from('203.0.113.50, 198.51.100.1'), 'RATE_LIMITED', 429);
  });
});
