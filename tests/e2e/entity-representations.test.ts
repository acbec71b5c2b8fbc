import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Role } from '@practice/common';
import { tokenFor } from '@practice/common/testing';
import { ok } from './authorization-helpers';
import { Supergraph, TestGateway, startSupergraph, startTestGateway } from './supergraph';

/**
 * The gateway asks a subgraph for each distinct entity once, however many places of the answer
 * name it: three resources of one publisher cost the sites subgraph one representation, and each
 * resource still gets its publisher. Seen by a proxy in front of the sites subgraph.
 */
let supergraph: Supergraph;
let gateway: TestGateway;
let proxy: Server;
const representationsSent: number[] = [];
let admin: string;

beforeAll(async () => {
  supergraph = await startSupergraph();
  admin = await tokenFor({ role: Role.ADMIN, subject: 'e2e-admin' });
  proxy = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const representations: unknown = body.length
        ? (JSON.parse(body.toString('utf8')) as { variables?: { representations?: unknown } }).variables?.representations
        : undefined;
      if (Array.isArray(representations)) representationsSent.push(representations.length);
      const headers = Object.fromEntries(
        Object.entries(request.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name)),
      ) as Record<string, string>;
      void fetch(new URL(request.url ?? '/', supergraph.sites.url), { method: request.method, headers, body: body.length ? body : undefined }).then(
        async (answer) => {
          response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
          response.end(Buffer.from(await answer.arrayBuffer()));
        },
      );
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  const { volunteers, resources, tickets } = supergraph;
  gateway = await startTestGateway({ sites: { url: `http://127.0.0.1:${port}/` }, volunteers, resources, tickets });
});
afterAll(async () => {
  await gateway?.gateway.close();
  await new Promise((resolve) => proxy?.close(resolve));
  await supergraph?.close();
});

it('sends one representation per distinct entity and gives every place that names it the entity', async () => {
  const station = ok(
    await supergraph.request<{ sites: { edges: { node: { id: string; name: string; parent: { name: string } } }[] } }>(
      `{ sites(filter: { kinds: [STATION] }, first: 1) { edges { node { id name parent { name } } } } }`,
    ),
  ).sites.edges[0].node;
  for (const title of ['理发', '测血压', '读报']) {
    const created = ok(
      await supergraph.request<{ createResource: { id: string } }>(
        `mutation($input: CreateResourceInput!) { createResource(input: $input) { id } }`,
        {
          input: {
            publisherId: station.id,
            kind: 'SERVICE',
            title,
            description: `${title}上门服务。`,
            categoryCodes: ['SERVICE.LIVELIHOOD'],
            deliveryModes: ['AT_REQUESTER'],
          },
        },
        { token: admin },
      ),
    );
    ok(await supergraph.request(`mutation($id: ID!) { publishResource(id: $id) { id } }`, { id: created.createResource.id }, { token: admin }));
  }

  representationsSent.length = 0;
  const data = ok(
    await gateway.request<{ resources: { edges: { node: { title: string; publisher: { id: string; name: string; parent: { name: string } } } }[] } }>(
      `query($publisher: ID!) { resources(filter: { publisherIds: [$publisher] }, first: 10) { edges { node { title publisher { id name parent { name } } } } } }`,
      { publisher: station.id },
      { token: admin },
    ),
  );
  expect(data.resources.edges.map(({ node }) => node.title).sort()).toEqual(['理发', '测血压', '读报'].sort());
  for (const { node } of data.resources.edges) expect(node.publisher).toEqual({ id: station.id, name: station.name, parent: { name: station.parent.name } });
  expect(representationsSent).toEqual([1]);
});
