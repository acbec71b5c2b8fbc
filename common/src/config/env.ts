/**
 * Typed, validated configuration from environment variables. Every service declares the variables
 * it reads as a spec; `loadEnv` parses them all at once and reports every bad or missing variable
 * by name, so a misconfigured service stops at start instead of failing later.
 */
export interface EnvVar<T> {
  description: string;
  /** Returned when the variable is unset or empty; omit to make the variable required. */
  default?: T;
  parse(raw: string): T;
  /** Printed as `***` in diagnostics. */
  secret?: boolean;
}

export type EnvSpec = Record<string, EnvVar<unknown>>;
export type EnvValues<S extends EnvSpec> = { [K in keyof S]: S[K] extends EnvVar<infer T> ? T : never };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * `checks` look at several variables together (e.g. production needs a secret); they see the
 * values that parsed and their problems are reported with the others, all at once.
 */
export function loadEnv<S extends EnvSpec>(
  spec: S,
  env: NodeJS.ProcessEnv = process.env,
  checks: ((values: Record<string, unknown>) => string[])[] = [],
): EnvValues<S> {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, variable] of Object.entries(spec)) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') {
      if ('default' in variable) values[name] = variable.default;
      else problems.push(`${name} is required: ${variable.description}`);
      continue;
    }
    try {
      values[name] = variable.parse(raw.trim());
    } catch (error) {
      const shown = variable.secret ? '***' : JSON.stringify(raw);
      problems.push(`${name}=${shown} is invalid: ${(error as Error).message}`);
    }
  }
  for (const check of checks) problems.push(...check(values));
  if (problems.length) throw new ConfigError(problems);
  return values as EnvValues<S>;
}

export const env = {
  string(description: string, options: { default?: string; secret?: boolean; pattern?: RegExp } = {}): EnvVar<string> {
    return {
      description,
      ...(options.default !== undefined ? { default: options.default } : {}),
      secret: options.secret,
      parse(raw) {
        if (options.pattern && !options.pattern.test(raw)) throw new Error(`must match ${options.pattern}`);
        return raw;
      },
    };
  },
  optionalString(description: string, options: { secret?: boolean } = {}): EnvVar<string | undefined> {
    return { description, default: undefined, secret: options.secret, parse: (raw) => raw };
  },
  int(description: string, options: { default?: number; min?: number; max?: number } = {}): EnvVar<number> {
    return {
      description,
      ...(options.default !== undefined ? { default: options.default } : {}),
      parse(raw) {
        if (!/^-?\d+$/.test(raw)) throw new Error('must be a whole number');
        const value = Number(raw);
        if (options.min !== undefined && value < options.min) throw new Error(`must be at least ${options.min}`);
        if (options.max !== undefined && value > options.max) throw new Error(`must be at most ${options.max}`);
        return value;
      },
    };
  },
  port(description: string, defaultPort?: number): EnvVar<number> {
    return env.int(description, { default: defaultPort, min: 0, max: 65535 });
  },
  bool(description: string, defaultValue: boolean): EnvVar<boolean> {
    return {
      description,
      default: defaultValue,
      parse(raw) {
        if (/^(1|true|yes|on)$/i.test(raw)) return true;
        if (/^(0|false|no|off)$/i.test(raw)) return false;
        throw new Error('must be true or false');
      },
    };
  },
  optionalBool(description: string): EnvVar<boolean | undefined> {
    const inner = env.bool(description, false);
    return { description, default: undefined, parse: (raw) => inner.parse(raw) };
  },
  oneOf<T extends string>(description: string, values: readonly T[], defaultValue?: T): EnvVar<T> {
    return {
      description,
      ...(defaultValue !== undefined ? { default: defaultValue } : {}),
      parse(raw) {
        if (!(values as readonly string[]).includes(raw)) throw new Error(`must be one of ${values.join(', ')}`);
        return raw as T;
      },
    };
  },
  url(description: string, options: { protocols: string[]; default?: string; secret?: boolean }): EnvVar<string> {
    return {
      description,
      ...(options.default !== undefined ? { default: options.default } : {}),
      secret: options.secret,
      parse(raw) {
        let url: URL;
        try {
          url = new URL(raw);
        } catch {
          throw new Error('is not a URL');
        }
        if (!options.protocols.includes(url.protocol.replace(/:$/, ''))) {
          throw new Error(`must use ${options.protocols.join(' or ')}`);
        }
        return raw;
      },
    };
  },
  optionalUrl(description: string, protocols: string[], options: { secret?: boolean } = {}): EnvVar<string | undefined> {
    const inner = env.url(description, { protocols, secret: options.secret });
    return { description, default: undefined, secret: options.secret, parse: (raw) => inner.parse(raw) };
  },
};
