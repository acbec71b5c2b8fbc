import { GraphQLRequest, GraphQLResult, TEST_AUTH, TestSubgraph, graphqlClient, startTestSubgraph } from '@practice/common/testing';
import { RunningGateway, startGateway } from '@practice/gateway/gateway';
import { loadGatewayConfig } from '@practice/gateway/config';
import { sitesSubgraph } from '@practice/sites/subgraph';

/**
 * No stack trace and no SQL reach a client outside development: neither from a subgraph, nor
 * through a gateway in front of a subgraph that runs in development (and shows them) by mistake.
 */
let developers: TestSubgraph;
let deployed: TestSubgraph;
let gateway: RunningGateway;
let throughGateway: GraphQLRequest;

const COUNT = '{ sites { totalCount } }';
const leaks = (result: GraphQLResult<unknown>) => JSON.stringify(result.errors);

beforeAll(async () => {
  [developers, deployed] = await Promise.all([startTestSubgraph(sitesSubgraph, { runtime: 'development' }), startTestSubgraph(sitesSubgraph)]);
  const config = loadGatewayConfig({ GATEWAY_PORT: '0', SITES_URL: developers.url, LOG_LEVEL: 'silent', NODE_ENV: 'test' });
  gateway = await startGateway({ ...config, env: 'production', auth: TEST_AUTH });
  throughGateway = graphqlClient(gateway.url, { gatewayCredential: false });
});
afterAll(async () => {
  await gateway?.close();
  await Promise.all([developers?.close(), deployed?.close()]);
});

describe('error details', () => {
  it('a subgraph in development shows the stack of an error meant for the client; the gateway keeps the error and drops the stack', async () => {
    const invalid = '{ sites(filter: { regionCodePrefix: "32058" }) { totalCount } }';
    const shown = await graphqlClient(developers.url)(invalid);
    expect(shown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', stacktrace: expect.any(Array) });
    const passed = await throughGateway(invalid);
    expect(passed.errors?.[0]).toMatchObject({ message: shown.errors?.[0]?.message, extensions: { code: 'BAD_USER_INPUT', field: 'filter.regionCodePrefix' } });
    expect(leaks(passed)).not.toContain('stacktrace');
  });

  describe('of a failing SQL statement', () => {
    beforeAll(async () => {
      // A real failure of the real database: the statement names a table that is gone.
      await Promise.all([developers.db.query('DROP TABLE site'), deployed.db.query('DROP TABLE site')]);
    });

    it('reach the developer of a subgraph in development', async () => {
      const result = await graphqlClient(developers.url)(COUNT);
      expect(result.errors?.[0]).toMatchObject({
        message: expect.not.stringMatching(/^Internal server error$/),
        extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: expect.arrayContaining([expect.stringMatching(/\bat\b/)]) },
      });
    });

    it('never leave a subgraph outside development', async () => {
      const result = await graphqlClient(deployed.url)(COUNT);
      expect(result.errors).toEqual([
        { message: 'Internal server error', locations: expect.any(Array), path: ['sites'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      ]);
      expect(leaks(result)).not.toMatch(/site`|SELECT|no such table|stacktrace|\.ts:|\.js:/);
    });

    it('never leave a gateway outside development, whatever its subgraph shows', async () => {
      const result = await throughGateway(COUNT);
      expect(result.errors).toHaveLength(1);
      expect(result.errors?.[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      expect(leaks(result)).not.toMatch(/SELECT|no such table|stacktrace|\.ts:|\.js:/);
    });
  });
});
