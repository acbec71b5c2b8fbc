import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Supergraph } from '@apollo/federation-internals';
import type { GraphQLSchema } from 'graphql';
import { repoRoot } from '@practice/common';
import { buildSafelist } from '../limits/safelist';

const usage = `Builds a safelist (GATEWAY_SAFELIST_PATH) from the operations of .graphql files.

  npm run safelist -- <file.graphql>... [--out safelist.json] [--schema <supergraph>] [--no-validate]

  Each operation becomes one entry with the fragments it uses (from any of the files), printed by
  graphql-js under the SHA-256 of that text. Clients send the hash, or exactly that text.
  --out          write the file here instead of printing it
  --schema       the supergraph the operations must validate against (default schema/supergraph.graphql)
  --no-validate  do not validate them`;

/** The API schema clients see of a composed supergraph. */
export function apiSchemaOf(supergraphPath: string): GraphQLSchema {
  return Supergraph.build(readFileSync(supergraphPath, 'utf8')).apiSchema().toGraphQLJSSchema();
}

/**
 * `npm run safelist`: answers the JSON of the safelist and where it went. Relative paths are the
 * caller's: npm runs scripts in the repository root but says where it was called from (INIT_CWD).
 */
export function safelistCommand(argv: string[], cwd = process.env.INIT_CWD ?? process.cwd()): { json: string; out?: string; operations: number } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { out: { type: 'string' }, schema: { type: 'string' }, 'no-validate': { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help || !positionals.length) throw new Error(usage);
  const sources = positionals.map((file) => ({ name: file, body: readFileSync(resolve(cwd, file), 'utf8') }));
  const schema = values['no-validate']
    ? undefined
    : apiSchemaOf(values.schema ? resolve(cwd, values.schema) : resolve(repoRoot(), 'schema', 'supergraph.graphql'));
  const safelist = buildSafelist(sources, schema);
  const json = `${JSON.stringify(safelist, null, 2)}\n`;
  const out = values.out ? resolve(cwd, values.out) : undefined;
  if (out) writeFileSync(out, json);
  return { json, out, operations: Object.keys(safelist).length };
}

if (require.main === module) {
  if (process.argv.includes('--help')) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  try {
    const { json, out, operations } = safelistCommand(process.argv.slice(2));
    if (out) process.stderr.write(`wrote ${operations} operations to ${out}\n`);
    else process.stdout.write(json);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
