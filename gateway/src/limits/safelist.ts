import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DefinitionNode, DocumentNode, FragmentDefinitionNode, GraphQLSchema, Kind, OperationDefinitionNode, parse, print, validate, visit } from 'graphql';

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

const HASH = /^[0-9a-f]{64}$/;

/**
 * The operations a public front-end may run, by the SHA-256 of their text (the hash of Apollo's
 * persisted queries). With a safelist the gateway runs nothing else: a request names one by its
 * hash alone, or sends its text exactly as registered.
 */
export class Safelist {
  private constructor(private readonly byHash: ReadonlyMap<string, string>) {}

  /**
   * From the JSON of a safelist file: `{ "<sha256>": "<query>" }`, a list of queries, or Apollo's
   * persisted query manifest (`{ "operations": [{ "id", "body" }] }`). A hash that is not the
   * SHA-256 of its query is an error: the file was edited by hand or built from other text.
   */
  static fromJson(json: unknown): Safelist {
    let entries: [string | undefined, unknown][];
    if (Array.isArray(json)) entries = json.map((query) => [undefined, query]);
    else if (json !== null && typeof json === 'object' && Array.isArray((json as { operations?: unknown }).operations)) {
      entries = ((json as { operations: unknown[] }).operations ?? []).map((operation) => {
        const { id, body } = (operation ?? {}) as { id?: unknown; body?: unknown };
        return [typeof id === 'string' ? id : undefined, body];
      });
    } else if (json !== null && typeof json === 'object') entries = Object.entries(json);
    else throw new Error('must hold an object of "<sha256>": "<query>", a list of queries or a persisted query manifest');
    const byHash = new Map<string, string>();
    for (const [hash, query] of entries) {
      if (typeof query !== 'string' || query.trim() === '') throw new Error(`has an entry${hash ? ` ${hash}` : ''} whose query is not a text`);
      const actual = sha256(query);
      if (hash !== undefined && hash.toLowerCase() !== actual) throw new Error(`names ${hash} for a query whose SHA-256 is ${actual}`);
      byHash.set(actual, query);
    }
    if (!byHash.size) throw new Error('registers no operation');
    return new Safelist(byHash);
  }

  static load(path: string): Safelist {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new Error(`cannot be read: ${(error as Error).message}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new Error(`is not JSON: ${(error as Error).message}`);
    }
    return Safelist.fromJson(json);
  }

  get size(): number {
    return this.byHash.size;
  }

  /** The registered text of a hash. */
  queryOf(hash: string): string | undefined {
    return HASH.test(hash) ? this.byHash.get(hash) : undefined;
  }

  allowsQuery(query: string): boolean {
    return this.byHash.has(sha256(query));
  }

  /**
   * The cache of Apollo Server's persisted queries in safelist mode: it knows the registered
   * operations, so a hash alone runs one from the first request on (also after a restart), and
   * registers nothing else.
   */
  asPersistedQueryCache() {
    return {
      // Apollo Server prefixes the keys of its persisted queries (`apq:<hash>`).
      get: async (key: string) => this.queryOf(key.slice(key.lastIndexOf(':') + 1)),
      set: async () => undefined,
      delete: async () => false,
    };
  }
}

/** A `.graphql` file's name and text, for `buildSafelist`. */
export interface OperationSource {
  name: string;
  body: string;
}

function fragmentsUsed(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>, source: string): FragmentDefinitionNode[] {
  const used = new Map<string, FragmentDefinitionNode>();
  const pending: DefinitionNode[] = [operation];
  while (pending.length) {
    visit(pending.pop()!, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        if (used.has(name)) return;
        const fragment = fragments.get(name);
        if (!fragment) throw new Error(`${source}: fragment ${name} is not defined in any of the files`);
        used.set(name, fragment);
        pending.push(fragment);
      },
    });
  }
  return [...used.values()].sort((a, b) => a.name.value.localeCompare(b.name.value));
}

/**
 * The safelist of the operations in some `.graphql` files: each operation with the fragments it
 * uses (from any of the files, by name), printed by graphql-js — the text Apollo Client sends and
 * hashes for a document it parsed — under its SHA-256. With a schema, an operation that does not
 * validate against it is an error.
 */
export function buildSafelist(sources: OperationSource[], schema?: GraphQLSchema): Record<string, string> {
  const operations: { operation: OperationDefinitionNode; source: string }[] = [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  const names = new Map<string, string>();
  for (const { name, body } of sources) {
    let document: DocumentNode;
    try {
      document = parse(body);
    } catch (error) {
      throw new Error(`${name}: ${(error as Error).message}`);
    }
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        if (fragments.has(definition.name.value)) throw new Error(`${name}: fragment ${definition.name.value} is defined twice`);
        fragments.set(definition.name.value, definition);
      } else if (definition.kind === Kind.OPERATION_DEFINITION) {
        const operationName = definition.name?.value;
        if (operationName && names.has(operationName)) throw new Error(`${name}: operation ${operationName} is also defined in ${names.get(operationName)}`);
        if (operationName) names.set(operationName, name);
        operations.push({ operation: definition, source: name });
      } else {
        throw new Error(`${name}: only operations and fragments belong in a safelist, not ${definition.kind}`);
      }
    }
  }
  if (!operations.length) throw new Error('the files define no operation');
  const safelist: Record<string, string> = {};
  for (const { operation, source } of operations) {
    const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...fragmentsUsed(operation, fragments, source)] };
    const label = `${source}: ${operation.name ? `operation ${operation.name.value}` : 'an anonymous operation'}`;
    if (schema) {
      const [problem] = validate(schema, document);
      if (problem) throw new Error(`${label}: ${problem.message}`);
    }
    const text = print(document);
    safelist[sha256(text)] = text;
  }
  return safelist;
}
