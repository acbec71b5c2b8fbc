import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { schemaDir, writeOrCheck } from '@practice/common';
import { parse } from 'graphql';
import { SUBGRAPHS, defaultUrl } from '../subgraphs';

/**
 * `npm run compose [-- --check]`: composes schema/supergraph.graphql from the printed subgraph
 * schemas. Composition errors, or with --check a stale file, fail the command.
 */
function main(): void {
  const check = process.argv.includes('--check');
  const dir = schemaDir();
  const services = SUBGRAPHS.map(({ name, defaultPort }) => {
    const file = join(dir, `${name}.graphql`);
    if (!existsSync(file)) throw new Error(`schema/${name}.graphql is missing: run \`npm run compose\``);
    return { name, url: defaultUrl(defaultPort), typeDefs: parse(readFileSync(file, 'utf8')) };
  });
  const result = composeServices(services);
  if (result.errors) {
    process.stderr.write(`Composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}\n`);
    process.exit(1);
  }
  for (const hint of result.hints ?? []) process.stdout.write(`hint: ${hint.definition.code}: ${hint.message}\n`);
  const supergraph = result.supergraphSdl.trimEnd() + '\n';
  if (!writeOrCheck(join(dir, 'supergraph.graphql'), supergraph, check)) {
    process.stderr.write('schema/supergraph.graphql is stale: run `npm run compose` and commit schema/\n');
    process.exit(1);
  }
  process.stdout.write(`${check ? 'checked' : 'composed'} schema/supergraph.graphql from ${SUBGRAPHS.map((s) => s.name).join(', ')}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
