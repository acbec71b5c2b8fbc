import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { operationCost } from './cost';
import { LimitCode, limitError } from './errors';
import { operationShape } from './operation-shape';

export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  introspection: boolean;
}

/**
 * Checks the operation a request runs once Apollo Server has parsed and validated it and before the
 * gateway plans it, so that a refused operation reaches no subgraph (nor the query planner). Here
 * rather than in validation rules: the cost depends on the variables (`first: $size`), which
 * validation does not see, and Apollo Server would replace a validation rule's code by its own.
 */
export function limitsPlugin<TContext extends BaseContext>(limits: OperationLimits): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema }) {
          if (!operation) return;
          const shape = operationShape(document, operation);
          if (shape.introspection && !limits.introspection) {
            throw limitError(LimitCode.INTROSPECTION_DISABLED, 'Introspection is switched off on this gateway');
          }
          if (shape.depth > limits.maxDepth) {
            throw limitError(LimitCode.QUERY_TOO_DEEP, `The query nests ${shape.depth} levels of fields; at most ${limits.maxDepth} are allowed`, {
              details: { limit: limits.maxDepth, depth: shape.depth },
            });
          }
          if (shape.aliases > limits.maxAliases) {
            throw limitError(LimitCode.TOO_MANY_ALIASES, `The query has ${shape.aliases} aliases; at most ${limits.maxAliases} are allowed`, {
              details: { limit: limits.maxAliases, aliases: shape.aliases },
            });
          }
          // Nearly every selection is a field, which costs at least 1: a query that expands to more
          // selections than the cost allows is refused unmeasured, which bounds the work of measuring.
          if (shape.selections > limits.maxCost) {
            throw limitError(LimitCode.QUERY_TOO_COSTLY, `The query expands to ${shape.selections} selections; at most ${limits.maxCost} are allowed`, {
              details: { limit: limits.maxCost, selections: shape.selections },
            });
          }
          const cost = operationCost(schema, document, { operationName: operation.name?.value, variables: request.variables }, limits.maxCost);
          if (cost > limits.maxCost) {
            throw limitError(LimitCode.QUERY_TOO_COSTLY, `The query costs ${cost}; at most ${limits.maxCost} is allowed: ask for smaller pages`, {
              details: { limit: limits.maxCost, cost },
            });
          }
        },
      };
    },
  };
}
