import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';

/**
 * The codes of the gateway's refusals, in `extensions.code`. Clients branch on them, so they never
 * change meaning. Two more belong to the same family but are answered by others: PAYLOAD_TOO_LARGE
 * (the HTTP server, 413) and PERSISTED_QUERY_NOT_FOUND (Apollo Server's persisted queries).
 */
export enum LimitCode {
  QUERY_TOO_DEEP = 'QUERY_TOO_DEEP',
  TOO_MANY_ALIASES = 'TOO_MANY_ALIASES',
  QUERY_TOO_COSTLY = 'QUERY_TOO_COSTLY',
  TOO_MANY_OPERATIONS = 'TOO_MANY_OPERATIONS',
  RATE_LIMITED = 'RATE_LIMITED',
  OPERATION_NOT_IN_SAFELIST = 'OPERATION_NOT_IN_SAFELIST',
  INTROSPECTION_DISABLED = 'INTROSPECTION_DISABLED',
}

/**
 * A refusal: Apollo Server answers it with the status and headers of `extensions.http` and removes
 * them from the body. `details` (such as the limit and the actual value) are for the client.
 */
export function limitError(
  code: LimitCode,
  message: string,
  options: { status?: number; headers?: Record<string, string>; details?: Record<string, unknown> } = {},
): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code,
      ...options.details,
      http: { status: options.status ?? 400, headers: new HeaderMap(Object.entries(options.headers ?? {})) },
    },
  });
}
