import { ConfigError, EnvSpec, env, loadEnv } from './env';

/** The problems of the ConfigError that `run` throws. */
function problemsOf(run: () => unknown): string[] {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ConfigError);
  return (thrown as ConfigError).problems;
}

/** Parses one variable named VALUE; throws the ConfigError when `raw` is rejected. */
const parseOne = (variable: EnvSpec[string], raw: string | undefined): unknown => loadEnv({ VALUE: variable }, { VALUE: raw }).VALUE;

describe('loadEnv', () => {
  it('returns the parsed values, and the defaults of unset or blank variables', () => {
    const spec = {
      NAME: env.string('Name'),
      COUNT: env.int('Count', { default: 3 }),
      MODE: env.string('Mode', { default: 'fast' }),
    };
    expect(loadEnv(spec, { NAME: 'practice', MODE: '   ' })).toEqual({ NAME: 'practice', COUNT: 3, MODE: 'fast' });
  });

  it('trims values before parsing them', () => {
    expect(loadEnv({ PORT: env.port('Port') }, { PORT: ' 8080 \n' })).toEqual({ PORT: 8080 });
  });

  it('reports a missing required variable by name, with its description', () => {
    const problems = problemsOf(() => loadEnv({ API_KEY: env.string('Key of the map service') }, {}));
    expect(problems).toEqual([expect.stringContaining('API_KEY is required')]);
    expect(problems[0]).toContain('Key of the map service');
  });

  it('treats an empty or blank required variable as missing', () => {
    expect(problemsOf(() => loadEnv({ API_KEY: env.string('Key') }, { API_KEY: '  ' }))).toEqual([expect.stringContaining('API_KEY is required')]);
  });

  it('reports a bad value by name, with the value and the reason', () => {
    const problems = problemsOf(() => loadEnv({ WORKERS: env.int('Workers') }, { WORKERS: 'many' }));
    expect(problems).toEqual(['WORKERS="many" is invalid: must be a whole number']);
  });

  it('reports every problem at once, in the message too', () => {
    const spec = {
      API_KEY: env.string('Key'),
      WORKERS: env.int('Workers', { default: 1 }),
      CALLBACK_URL: env.url('Callback', { protocols: ['https'] }),
      FINE: env.string('Fine'),
    };
    let thrown: unknown;
    try {
      loadEnv(spec, { WORKERS: 'x', CALLBACK_URL: 'http://example.org', FINE: 'ok' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const error = thrown as ConfigError;
    expect(error.name).toBe('ConfigError');
    expect(error.problems).toHaveLength(3);
    for (const name of ['API_KEY', 'WORKERS', 'CALLBACK_URL']) expect(error.message).toContain(name);
    expect(error.message).not.toContain('FINE');
  });

  it('shows a secret value as *** in the problem', () => {
    const spec = {
      TOKEN: env.string('Token', { secret: true, pattern: /^tk_/ }),
      SERVER: env.optionalUrl('Server', ['mysql'], { secret: true }),
    };
    const problems = problemsOf(() => loadEnv(spec, { TOKEN: 'hunter2-secret', SERVER: 'postgres://admin:pa55word@db' }));
    expect(problems).toEqual([expect.stringMatching(/^TOKEN=\*\*\* is invalid/), expect.stringMatching(/^SERVER=\*\*\* is invalid/)]);
    const text = problems.join('\n');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('pa55word');
  });

  it('reads process.env by default', () => {
    process.env.ENV_SPEC_PROBE = 'from-process';
    try {
      expect(loadEnv({ ENV_SPEC_PROBE: env.string('Probe') })).toEqual({ ENV_SPEC_PROBE: 'from-process' });
    } finally {
      delete process.env.ENV_SPEC_PROBE;
    }
  });
});

describe('env.string', () => {
  it('accepts a value matching the pattern and rejects others', () => {
    const name = env.string('Name', { pattern: /^[a-z]+$/ });
    expect(parseOne(name, 'abc')).toBe('abc');
    expect(problemsOf(() => parseOne(name, 'ABC'))).toEqual([expect.stringContaining('must match /^[a-z]+$/')]);
  });

  it('env.optionalString is undefined when unset', () => {
    expect(parseOne(env.optionalString('Optional'), undefined)).toBeUndefined();
    expect(parseOne(env.optionalString('Optional'), 'set')).toBe('set');
  });
});

describe('env.int', () => {
  it.each([
    ['42', 42],
    ['-7', -7],
    ['0', 0],
  ])('parses %p', (raw, value) => {
    expect(parseOne(env.int('Number'), raw)).toBe(value);
  });

  it.each(['4.2', '1e3', '0x10', 'abc', '12abc', '+5'])('rejects %p as not a whole number', (raw) => {
    expect(problemsOf(() => parseOne(env.int('Number'), raw))).toEqual([expect.stringContaining('must be a whole number')]);
  });

  it('enforces min and max', () => {
    const size = env.int('Size', { min: 1, max: 200 });
    expect(parseOne(size, '1')).toBe(1);
    expect(parseOne(size, '200')).toBe(200);
    expect(problemsOf(() => parseOne(size, '0'))).toEqual([expect.stringContaining('must be at least 1')]);
    expect(problemsOf(() => parseOne(size, '201'))).toEqual([expect.stringContaining('must be at most 200')]);
  });
});

describe('env.port', () => {
  it('accepts 0 to 65535 and uses the default when unset', () => {
    expect(parseOne(env.port('Port', 4001), undefined)).toBe(4001);
    expect(parseOne(env.port('Port'), '0')).toBe(0);
    expect(parseOne(env.port('Port'), '65535')).toBe(65535);
  });

  it.each(['65536', '-1', '80.5', 'http'])('rejects %p', (raw) => {
    expect(problemsOf(() => parseOne(env.port('Port'), raw))).toEqual([expect.stringContaining(`VALUE=${JSON.stringify(raw)} is invalid`)]);
  });

  it('is required without a default', () => {
    expect(problemsOf(() => parseOne(env.port('Port'), undefined))).toEqual([expect.stringContaining('VALUE is required')]);
  });
});

describe('env.bool', () => {
  it.each(['1', 'true', 'TRUE', 'yes', 'On'])('reads %p as true', (raw) => {
    expect(parseOne(env.bool('Flag', false), raw)).toBe(true);
  });

  it.each(['0', 'false', 'False', 'no', 'OFF'])('reads %p as false', (raw) => {
    expect(parseOne(env.bool('Flag', true), raw)).toBe(false);
  });

  it('uses the default when unset and rejects anything else', () => {
    expect(parseOne(env.bool('Flag', true), undefined)).toBe(true);
    expect(problemsOf(() => parseOne(env.bool('Flag', true), 'maybe'))).toEqual([expect.stringContaining('must be true or false')]);
  });

  it('env.optionalBool is undefined when unset and parses like bool', () => {
    expect(parseOne(env.optionalBool('Flag'), undefined)).toBeUndefined();
    expect(parseOne(env.optionalBool('Flag'), 'yes')).toBe(true);
    expect(problemsOf(() => parseOne(env.optionalBool('Flag'), '2'))).toEqual([expect.stringContaining('must be true or false')]);
  });
});

describe('env.oneOf', () => {
  it('accepts only the listed values', () => {
    const level = env.oneOf('Level', ['low', 'high'] as const, 'low');
    expect(parseOne(level, undefined)).toBe('low');
    expect(parseOne(level, 'high')).toBe('high');
    expect(problemsOf(() => parseOne(level, 'HIGH'))).toEqual([expect.stringContaining('must be one of low, high')]);
  });
});

describe('env.url', () => {
  const web = env.url('Web', { protocols: ['http', 'https'] });

  it('returns an allowed URL as written', () => {
    expect(parseOne(web, 'https://idp.example.org/.well-known/jwks.json')).toBe('https://idp.example.org/.well-known/jwks.json');
  });

  it('rejects what is not a URL', () => {
    expect(problemsOf(() => parseOne(web, 'idp.example.org'))).toEqual([expect.stringContaining('is not a URL')]);
  });

  it('rejects another protocol', () => {
    expect(problemsOf(() => parseOne(web, 'ftp://idp.example.org'))).toEqual([expect.stringContaining('must use http or https')]);
  });

  it('env.optionalUrl is undefined when unset and validates like url', () => {
    expect(parseOne(env.optionalUrl('Server', ['mysql']), undefined)).toBeUndefined();
    expect(parseOne(env.optionalUrl('Server', ['mysql']), 'mysql://db:3306')).toBe('mysql://db:3306');
    expect(problemsOf(() => parseOne(env.optionalUrl('Server', ['mysql']), 'http://db'))).toEqual([expect.stringContaining('must use mysql')]);
  });
});
