import { ConfigError, env } from './env';
import { DEVELOPMENT_INTERNAL_SECRET, DEVELOPMENT_JWT_SECRET, loadSubgraphConfig } from './service-config';

const PRODUCTION_SECRET = 'a-private-production-secret-of-48-characters-xyz';
const PRODUCTION_INTERNAL = { INTERNAL_SECRET: 'another-private-secret-for-services-of-48-chars' };

const load = (env: NodeJS.ProcessEnv) => loadSubgraphConfig('sites', 4001, env);

function configError(run: () => unknown): ConfigError {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ConfigError);
  return thrown as ConfigError;
}

describe('loadSubgraphConfig', () => {
  it('has working development defaults', () => {
    expect(load({})).toEqual({
      service: 'sites',
      env: 'development',
      host: '127.0.0.1',
      port: 4001,
      logLevel: 'info',
      auth: { secret: DEVELOPMENT_JWT_SECRET, jwksUrl: undefined, issuer: 'civilization-practice', audience: 'civilization-practice-api' },
      internalSecret: DEVELOPMENT_INTERNAL_SECRET,
      database: { kind: 'sqlite', location: 'data/sites.sqlite', demoData: true, poolSize: 10, migrateOnStart: false },
      settings: {},
    });
  });

  it('reads the port from <SERVICE>_PORT', () => {
    expect(load({ SITES_PORT: '5001' }).port).toBe(5001);
  });

  it('reads the common variables', () => {
    const config = load({ NODE_ENV: 'test', HOST: '0.0.0.0', LOG_LEVEL: 'warn', JWT_ISSUER: 'iss', JWT_AUDIENCE: 'aud' });
    expect(config).toMatchObject({ env: 'test', host: '0.0.0.0', logLevel: 'warn', auth: { issuer: 'iss', audience: 'aud' } });
  });

  describe('database', () => {
    it('is an SQLite file under DATA_DIR without DATABASE_URL', () => {
      expect(load({ DATA_DIR: '/var/lib/practice' }).database).toMatchObject({ kind: 'sqlite', location: '/var/lib/practice/sites.sqlite' });
    });

    it('is the <prefix>_sites database on the DATABASE_URL server', () => {
      const { database } = load({ DATABASE_URL: 'mysql://api:pw@db.internal:3306', DATABASE_POOL_SIZE: '25', MIGRATE_ON_START: 'true' });
      expect(database).toEqual({
        kind: 'mysql',
        location: 'mysql://api:pw@db.internal:3306/practice_sites',
        databaseName: 'practice_sites',
        demoData: false,
        poolSize: 25,
        migrateOnStart: true,
      });
    });

    it('uses DATABASE_PREFIX, replaces any database in DATABASE_URL and keeps its options', () => {
      const { database } = load({ DATABASE_URL: 'mysql://api:pw@db.internal:3306/other?ssl=true', DATABASE_PREFIX: 'county7' });
      expect(database).toMatchObject({ databaseName: 'county7_sites', location: 'mysql://api:pw@db.internal:3306/county7_sites?ssl=true' });
    });

    it('uses SITES_DATABASE_URL as given, over DATABASE_URL', () => {
      const { database } = load({ DATABASE_URL: 'mysql://api:pw@shared:3306', SITES_DATABASE_URL: 'mysql://sites:pw@own:3307/sites_db' });
      expect(database).toMatchObject({ kind: 'mysql', location: 'mysql://sites:pw@own:3307/sites_db', databaseName: 'sites_db', demoData: false });
    });

    it('refuses a SITES_DATABASE_URL without a database name', () => {
      expect(configError(() => load({ SITES_DATABASE_URL: 'mysql://sites:pw@own:3307' })).problems).toEqual([
        expect.stringContaining('SITES_DATABASE_URL must name the database'),
      ]);
    });

    it('fills demo data by default on SQLite but not on MySQL, unless DEMO_DATA says otherwise', () => {
      expect(load({}).database.demoData).toBe(true);
      expect(load({ DEMO_DATA: 'false' }).database.demoData).toBe(false);
      expect(load({ DATABASE_URL: 'mysql://db' }).database.demoData).toBe(false);
      expect(load({ DATABASE_URL: 'mysql://db', DEMO_DATA: 'true' }).database.demoData).toBe(true);
    });

    it('refuses a database URL of another protocol, showing it as ***', () => {
      const error = configError(() => load({ DATABASE_URL: 'postgres://api:s3cr3t-pw@db/practice' }));
      expect(error.problems).toEqual(['DATABASE_URL=*** is invalid: must use mysql']);
      expect(error.message).not.toContain('s3cr3t-pw');
    });
  });

  it('reports every bad variable at once, each by name', () => {
    const error = configError(() =>
      load({
        SITES_PORT: '70000',
        NODE_ENV: 'staging',
        DATABASE_POOL_SIZE: '0',
        DATABASE_PREFIX: 'Bad-Prefix',
        DEMO_DATA: 'sometimes',
        JWT_JWKS_URL: 'ftp://idp',
      }),
    );
    expect(error.problems).toHaveLength(6);
    for (const name of ['SITES_PORT', 'NODE_ENV', 'DATABASE_POOL_SIZE', 'DATABASE_PREFIX', 'DEMO_DATA', 'JWT_JWKS_URL']) {
      expect(error.message).toContain(`${name}=`);
    }
  });

  describe('JWT secret', () => {
    it('uses JWT_SECRET when set', () => {
      expect(load({ JWT_SECRET: 'a-long-enough-secret' }).auth.secret).toBe('a-long-enough-secret');
    });

    it('refuses a JWT_SECRET shorter than 16 characters, without showing it', () => {
      const error = configError(() => load({ JWT_SECRET: 'short-1234' }));
      expect(error.problems).toEqual([expect.stringContaining('JWT_SECRET must be at least 16 characters')]);
      expect(error.message).not.toContain('short-1234');
    });

    it('uses JWT_JWKS_URL instead of any secret when set', () => {
      expect(load({ JWT_JWKS_URL: 'https://idp.example.org/jwks.json' }).auth).toMatchObject({
        secret: undefined,
        jwksUrl: 'https://idp.example.org/jwks.json',
      });
    });

    describe('in production', () => {
      it('refuses a missing JWT_SECRET', () => {
        expect(configError(() => load({ NODE_ENV: 'production', ...PRODUCTION_INTERNAL })).problems).toEqual([
          expect.stringContaining('JWT_SECRET is required in production'),
        ]);
      });

      it.each([
        ['a short secret', '0123456789abcdef0123'],
        ['the development secret', DEVELOPMENT_JWT_SECRET],
      ])('refuses %s, without showing it', (_, secret) => {
        const error = configError(() => load({ NODE_ENV: 'production', JWT_SECRET: secret, ...PRODUCTION_INTERNAL }));
        expect(error.problems).toEqual([expect.stringContaining('JWT_SECRET must be a private secret of at least 32 characters')]);
        expect(error.message).not.toContain(secret);
      });

      it('accepts a private secret of 32 characters or more', () => {
        expect(load({ NODE_ENV: 'production', JWT_SECRET: PRODUCTION_SECRET, ...PRODUCTION_INTERNAL }).auth.secret).toBe(PRODUCTION_SECRET);
      });

      it('accepts JWT_JWKS_URL without a secret', () => {
        const config = load({ NODE_ENV: 'production', JWT_JWKS_URL: 'https://idp.example.org/jwks.json', ...PRODUCTION_INTERNAL });
        expect(config.auth).toMatchObject({ secret: undefined, jwksUrl: 'https://idp.example.org/jwks.json' });
      });
    });
  });
});

describe('INTERNAL_SECRET', () => {
  it('uses INTERNAL_SECRET when set', () => {
    expect(load({ INTERNAL_SECRET: 'a-long-enough-internal' }).internalSecret).toBe('a-long-enough-internal');
  });

  it('must differ from JWT_SECRET, so that a client token never passes for a service', () => {
    const same = 'the-same-secret-for-both-kinds';
    expect(configError(() => load({ JWT_SECRET: same, INTERNAL_SECRET: same })).problems).toEqual([
      expect.stringContaining('INTERNAL_SECRET must differ from JWT_SECRET'),
    ]);
  });

  it.each([
    ['missing', {}],
    ['short', { INTERNAL_SECRET: '0123456789abcdef0123' }],
    ['the development secret', { INTERNAL_SECRET: DEVELOPMENT_INTERNAL_SECRET }],
  ])('is refused in production when %s', (_, variables) => {
    expect(configError(() => load({ NODE_ENV: 'production', JWT_SECRET: PRODUCTION_SECRET, ...variables })).problems).toEqual([
      expect.stringContaining('INTERNAL_SECRET must be a private secret of at least 32 characters in production'),
    ]);
  });
});

describe("a subgraph's own variables", () => {
  const own = {
    spec: { STAR_COLOUR: env.oneOf('colour', ['red', 'gold'] as const, 'red'), WIDTH: env.int('width', { min: 1 }) },
    checks: [(values: Record<string, unknown>) => (values.STAR_COLOUR === 'gold' && values.NODE_ENV === 'production' ? ['no gold in production'] : [])],
  };

  it('are parsed into settings with their defaults', () => {
    expect(loadSubgraphConfig('sites', 4001, { WIDTH: '3' }, own).settings).toEqual({ STAR_COLOUR: 'red', WIDTH: 3 });
  });

  it('report their problems and their checks with the others', () => {
    const error = configError(() => loadSubgraphConfig('sites', 4001, { NODE_ENV: 'production', STAR_COLOUR: 'gold', SITES_PORT: 'x' }, own));
    expect(error.problems).toEqual([
      expect.stringContaining('WIDTH is required'),
      expect.stringContaining('SITES_PORT'),
      expect.stringContaining('JWT_SECRET is required in production'),
      expect.stringContaining('INTERNAL_SECRET must be a private secret'),
      'no gold in production',
    ]);
  });
});

describe('loadSubgraphConfig reports every problem at once', () => {
  it('names a bad port, missing production secrets and a database URL without database together', () => {
    const error = configError(() => load({ NODE_ENV: 'production', SITES_PORT: 'x', SITES_DATABASE_URL: 'mysql://h' }));
    expect(error.problems).toEqual([
      expect.stringContaining('SITES_PORT'),
      expect.stringContaining('JWT_SECRET is required in production'),
      expect.stringContaining('INTERNAL_SECRET must be a private secret'),
      expect.stringContaining('SITES_DATABASE_URL must name the database'),
    ]);
  });
});
