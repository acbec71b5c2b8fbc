import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@practice/common';
import { loadGatewayConfig } from './config';

const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET: 'a-private-production-secret-of-48-characters-xyz',
  INTERNAL_SECRET: 'another-private-secret-for-services-of-48-chars',
};

function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadGatewayConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('the gateway limits of loadGatewayConfig', () => {
  it('has safe defaults', () => {
    expect(loadGatewayConfig({}).limits).toEqual({
      maxBodyBytes: 1024 * 1024,
      maxTokens: 5000,
      maxDepth: 20,
      maxAliases: 30,
      maxCost: 10_000,
      maxBatchOperations: 1,
      introspection: true,
      safelist: undefined,
      rateLimit: { requests: 120, windowMs: 60_000 },
      adminRateLimit: { requests: 600, windowMs: 60_000 },
      trustedProxies: 0,
    });
  });

  it('switches introspection off in production unless asked for', () => {
    expect(loadGatewayConfig({ NODE_ENV: 'test' }).limits.introspection).toBe(true);
    expect(loadGatewayConfig(PRODUCTION).limits.introspection).toBe(false);
    expect(loadGatewayConfig({ ...PRODUCTION, GATEWAY_INTROSPECTION: 'true' }).limits.introspection).toBe(true);
    expect(loadGatewayConfig({ GATEWAY_INTROSPECTION: 'off' }).limits.introspection).toBe(false);
  });

  it('reads every limit', () => {
    const { limits } = loadGatewayConfig({
      GATEWAY_MAX_BODY_BYTES: '65536',
      GATEWAY_MAX_TOKENS: '800',
      GATEWAY_MAX_DEPTH: '8',
      GATEWAY_MAX_ALIASES: '0',
      GATEWAY_MAX_COST: '2000',
      GATEWAY_MAX_BATCH_OPERATIONS: '10',
      GATEWAY_RATE_LIMIT: '10/s',
      GATEWAY_ADMIN_RATE_LIMIT: '0',
      GATEWAY_TRUST_PROXY: 'true',
    });
    expect(limits).toMatchObject({
      maxBodyBytes: 65536,
      maxTokens: 800,
      maxDepth: 8,
      maxAliases: 0,
      maxCost: 2000,
      maxBatchOperations: 10,
      rateLimit: { requests: 10, windowMs: 1000 },
      adminRateLimit: null,
      trustedProxies: 1,
    });
    expect(loadGatewayConfig({ GATEWAY_TRUST_PROXY: '2' }).limits.trustedProxies).toBe(2);
    expect(loadGatewayConfig({ GATEWAY_RATE_LIMIT: '1000/1h' }).limits.rateLimit).toEqual({ requests: 1000, windowMs: 3_600_000 });
  });

  it('names each bad variable', () => {
    const found = problems({
      GATEWAY_MAX_DEPTH: '0',
      GATEWAY_MAX_BODY_BYTES: 'lots',
      GATEWAY_RATE_LIMIT: '120 per minute',
      GATEWAY_TRUST_PROXY: 'maybe',
      GATEWAY_MAX_BATCH_OPERATIONS: '1000',
    });
    for (const variable of ['GATEWAY_MAX_DEPTH', 'GATEWAY_MAX_BODY_BYTES', 'GATEWAY_RATE_LIMIT', 'GATEWAY_TRUST_PROXY', 'GATEWAY_MAX_BATCH_OPERATIONS']) {
      expect(found.some((problem) => problem.startsWith(`${variable}=`))).toBe(true);
    }
  });

  describe('GATEWAY_SAFELIST_PATH', () => {
    const folder = mkdtempSync(join(tmpdir(), 'safelist-'));
    const file = (name: string, text: string) => {
      const path = join(folder, name);
      writeFileSync(path, text);
      return path;
    };

    it('loads the safelist', () => {
      const path = file('ok.json', JSON.stringify(['{ sites { totalCount } }']));
      expect(loadGatewayConfig({ GATEWAY_SAFELIST_PATH: path }).limits.safelist?.allowsQuery('{ sites { totalCount } }')).toBe(true);
    });

    it.each([
      ['a missing file', join(folder, 'nowhere.json'), /cannot be read/],
      ['a file that is not JSON', 'not-json.json', /is not JSON/],
      ['a hash that is not the query’s', 'wrong-hash.json', /SHA-256/],
      ['an empty list', 'empty.json', /no operation/],
    ])('stops the gateway on %s, naming the variable', (_, name, message) => {
      const contents: Record<string, string> = {
        'not-json.json': '{ sites',
        'wrong-hash.json': JSON.stringify({ ['0'.repeat(64)]: '{ sites { totalCount } }' }),
        'empty.json': '[]',
      };
      const path = name in contents ? file(name, contents[name]!) : name;
      const [problem] = problems({ GATEWAY_SAFELIST_PATH: path });
      expect(problem).toMatch(/^GATEWAY_SAFELIST_PATH=/);
      expect(problem).toMatch(message);
    });
  });
});
