import { DocumentNode, GraphQLCompositeType, GraphQLError, GraphQLSchema, getNullableType, isListType } from 'graphql';
import { ComplexityEstimator, getComplexity } from 'graphql-query-complexity';

/** The page size of a paged field whose `first` is not given, as the subgraphs use. */
export const DEFAULT_PAGE_SIZE = 20;
/** The largest page a subgraph serves: a larger `first` is refused there, so costs no more here. */
export const MAX_PAGE_SIZE = 500;
/**
 * What a list without `first` (a site's children, a resource's order form) is taken to hold: most
 * are short, but one inside another (`parent { children { parent { children … } } }`) multiplies.
 */
export const UNPAGED_LIST_ITEMS = 10;

const hasPageInfo = (type: GraphQLCompositeType): boolean => 'getFields' in type && 'pageInfo' in type.getFields();

/**
 * A field costs 1, plus what its selections cost times the items it may return: its `first` for
 * a field that takes one (connections, leaderboards, candidates…); 1 for the `edges` of a
 * connection (their number is the connection's `first`, counted already) and for introspection
 * lists (the schema is not data, and graphql-js's validation refuses them nested deeper than the
 * standard introspection query does); UNPAGED_LIST_ITEMS for any other list; 1 for the rest.
 */
const pageSizeEstimator: ComplexityEstimator = ({ field, args, childComplexity, type }) => {
  if (field.args.some((argument) => argument.name === 'first')) {
    const first = typeof args.first === 'number' ? args.first : DEFAULT_PAGE_SIZE;
    return 1 + Math.min(Math.max(first, 0), MAX_PAGE_SIZE) * childComplexity;
  }
  const list = isListType(getNullableType(field.type));
  const items = list && !type.name.startsWith('__') && !hasPageInfo(type) ? UNPAGED_LIST_ITEMS : 1;
  return 1 + items * childComplexity;
};

/**
 * The cost of the operation a request runs, with its variables (`first: $size` counts what the
 * caller passes) and every fragment expanded. The caller has checked that the operation expands
 * to at most `maxSelections` selections, which bounds the work here. Variables that do not fit
 * the operation answer BAD_USER_INPUT, as execution would.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  request: { operationName?: string; variables?: Record<string, unknown> },
  maxSelections: number,
): number {
  try {
    return getComplexity({
      schema,
      query: document,
      operationName: request.operationName,
      variables: request.variables,
      estimators: [pageSizeEstimator],
      maxQueryNodes: maxSelections + 1,
    });
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    throw new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
  }
}
