import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLSchema } from 'graphql';
import gql from 'graphql-tag';
import { BuildSchemaOptions, buildSchema, createResolversMap } from 'type-graphql';
import { validateArgument } from './validation';

/** The Federation 2 directives the subgraphs may use. */
const FEDERATION_LINK = `
  extend schema
    @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@interfaceObject", "@inaccessible", "@tag"])
`;

export type ReferenceResolvers = Record<string, { __resolveReference: (reference: never, context: never, info: never) => unknown }>;

/**
 * Turns type-graphql classes into an Apollo subgraph schema: type-graphql builds the schema, its
 * SDL (with the federation directives) and resolvers go through `buildSubgraphSchema`, and the
 * entity reference resolvers are merged in.
 */
export async function buildTypeGraphQLSubgraph(
  options: Omit<BuildSchemaOptions, 'skipCheck' | 'validate' | 'validateFn'>,
  referenceResolvers: ReferenceResolvers = {},
): Promise<GraphQLSchema> {
  const schema = await buildSchema({ ...options, validateFn: validateArgument, skipCheck: true });
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...reference } as GraphQLResolverMap<unknown>[string];
  }
  return buildSubgraphSchema([{ typeDefs: gql(FEDERATION_LINK + printSchemaWithDirectives(schema)), resolvers }]);
}

/** The SDL of a subgraph as committed in schema/<name>.graphql. */
export function printSubgraphSdl(schema: GraphQLSchema): string {
  return printSubgraphSchema(schema).trimEnd() + '\n';
}
