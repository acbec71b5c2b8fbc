import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { printSubgraphSdl, schemaDir } from '@practice/common';
import { SUBGRAPHS, SubgraphName, defaultUrl } from '@practice/gateway/subgraphs';
import { parse } from 'graphql';
import { SUBGRAPH_DEFINITIONS as definitions } from './definitions';

/**
 * The committed schema/ is what the code builds: each subgraph's printed SDL and the supergraph
 * composed from them, as `npm run compose` writes them. When this fails, run `npm run compose` and
 * commit schema/.
 */
const committed = (file: string) => readFileSync(join(schemaDir(), file), 'utf8');

const printed = new Map<string, Promise<string>>();
/** The subgraph's SDL as `npm run schema` prints it, built once per subgraph. */
function printedSchema(name: SubgraphName): Promise<string> {
  if (!printed.has(name)) printed.set(name, definitions[name].buildSchema().then(printSubgraphSdl));
  return printed.get(name)!;
}

describe('schema/ is current', () => {
  test.each(SUBGRAPHS.map(({ name }) => name))('schema/%s.graphql is the printed subgraph schema', async (name) => {
    expect(definitions[name]).toBeDefined();
    expect(definitions[name].name).toBe(name);
    expect(await printedSchema(name)).toBe(committed(`${name}.graphql`));
  });

  test('schema/supergraph.graphql is the composition of the subgraph schemas', async () => {
    // As gateway/src/compose/compose.ts composes it.
    const services = await Promise.all(
      SUBGRAPHS.map(async ({ name, defaultPort }) => ({ name, url: defaultUrl(defaultPort), typeDefs: parse(await printedSchema(name)) })),
    );
    const result = composeServices(services);
    expect(result.errors?.map((error) => error.message)).toBeUndefined();
    expect(result.supergraphSdl!.trimEnd() + '\n').toBe(committed('supergraph.graphql'));
  });
});
