import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { isDatabaseUnreachable } from '../db/dialect';
import { AppError, ErrorCode } from '../errors/errors';
import type { Logger } from './logger';

/**
 * A stack trace that came from elsewhere — a subgraph running in development, behind a gateway
 * that does not — is dropped too.
 */
function withoutStacktrace(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (formatted.extensions?.stacktrace === undefined) return formatted;
  const { stacktrace: _dropped, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}

/**
 * Lets through what is meant for clients (our AppErrors and GraphQL's own parse, validation and
 * variable errors, and at the gateway the subgraphs' errors of that kind) and replaces anything
 * else, such as a SQL error, by a generic error, so that neither SQL nor stack traces leave the
 * service outside development. The original is logged.
 */
export function createErrorFormatter(log: Logger, development: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const shown = development ? formatted : withoutStacktrace(formatted);
    if (original instanceof AppError) return shown;
    const code = formatted.extensions?.code;
    if (
      typeof code === 'string' &&
      code !== ErrorCode.INTERNAL_SERVER_ERROR &&
      !(original instanceof Error && original.constructor.name === 'QueryFailedError')
    ) {
      return shown;
    }
    if (isDatabaseUnreachable(original)) {
      log.error('database unreachable', { error: original, path: formatted.path });
      return { message: 'The service cannot reach its database; try again shortly', path: formatted.path, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } };
    }
    log.error('unexpected error', { error: original, path: formatted.path });
    return {
      message: development && original instanceof Error ? original.message : 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(development ? { stacktrace: formatted.extensions?.stacktrace } : {}) },
    };
  };
}
