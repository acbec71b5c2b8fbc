import { GraphQLError, GraphQLFormattedError, locatedError } from 'graphql';
import { QueryFailedError } from 'typeorm';
import { AppError, ErrorCode, notFound } from '../errors/errors';
import { createErrorFormatter } from './format-error';
import type { Logger } from './logger';

const SQL = 'SELECT `site`.`id` FROM `site` WHERE `site`.`code` = ?';
const PATH = ['site', 'parent'];
const LOCATIONS = [{ line: 2, column: 3 }];

function mockLogger(): jest.Mocked<Logger> {
  const log: jest.Mocked<Logger> = { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn(), child: jest.fn() };
  log.child.mockReturnValue(log);
  return log;
}

/**
 * The two arguments Apollo Server passes to `formatError` for an error thrown by a resolver:
 * the formatted error, with the code it defaults to and the stack trace in development, and the
 * GraphQLError that graphql-js wrapped around the thrown error.
 */
function asApolloReports(thrown: unknown, development: boolean): [GraphQLFormattedError, GraphQLError] {
  const error = locatedError(thrown, undefined, PATH);
  const formatted: GraphQLFormattedError = {
    message: error.message,
    locations: LOCATIONS,
    path: PATH,
    extensions: {
      ...error.extensions,
      code: error.extensions.code ?? ErrorCode.INTERNAL_SERVER_ERROR,
      ...(development ? { stacktrace: error.stack?.split('\n') } : {}),
    },
  };
  return [formatted, error];
}

function format(thrown: unknown, development = false) {
  const log = mockLogger();
  const result = createErrorFormatter(log, development)(...asApolloReports(thrown, development));
  return { result, log };
}

/** A TypeORM query error, whose message the driver fills with SQL. */
function sqlError(driverFields: object = {}): QueryFailedError {
  const driverError = Object.assign(new Error(`You have an error in your SQL syntax near '${SQL}'`), { code: 'ER_PARSE_ERROR', sql: SQL }, driverFields);
  return new QueryFailedError(SQL, ['X1'], driverError);
}

describe('createErrorFormatter', () => {
  describe('lets through what is meant for clients', () => {
    it('an AppError, unchanged and not logged', () => {
      const log = mockLogger();
      const [formatted, error] = asApolloReports(notFound('Site', 'abc'), false);
      expect(createErrorFormatter(log, false)(formatted, error)).toBe(formatted);
      expect(formatted).toMatchObject({ message: 'Site abc does not exist', extensions: { code: ErrorCode.NOT_FOUND, field: 'id' } });
      expect(log.error).not.toHaveBeenCalled();
    });

    it('an AppError thrown outside a resolver, without path', () => {
      const error = new AppError(ErrorCode.UNAUTHENTICATED, 'A valid bearer token is required');
      const formatted: GraphQLFormattedError = { message: error.message, extensions: { code: ErrorCode.UNAUTHENTICATED } };
      expect(createErrorFormatter(mockLogger(), false)(formatted, error)).toBe(formatted);
    });

    it("GraphQL's own validation errors", () => {
      const error = new GraphQLError('Cannot query field "nope" on type "Query".', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
      const formatted: GraphQLFormattedError = { message: error.message, locations: LOCATIONS, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
      expect(createErrorFormatter(mockLogger(), false)(formatted, error)).toBe(formatted);
    });
  });

  describe('outside development', () => {
    it('replaces an unexpected error by a generic one and logs the original', () => {
      const thrown = new TypeError("Cannot read properties of undefined (reading 'parentId')");
      const { result, log } = format(thrown);
      expect(result).toEqual({ message: 'Internal server error', locations: LOCATIONS, path: PATH, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } });
      expect(log.error).toHaveBeenCalledWith(expect.any(String), expect.objectContaining({ error: thrown, path: PATH }));
    });

    it('shows neither SQL nor a stack trace for a query error', () => {
      const thrown = sqlError();
      const { result, log } = format(thrown);
      expect(result).toEqual({ message: 'Internal server error', locations: LOCATIONS, path: PATH, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } });
      const text = JSON.stringify(result);
      expect(text).not.toContain('SELECT');
      expect(text).not.toContain('stacktrace');
      expect(log.error).toHaveBeenCalledWith(expect.any(String), expect.objectContaining({ error: thrown }));
    });

    it('drops a stack trace that came from elsewhere, such as a subgraph in development behind a gateway', () => {
      // What the gateway hands its formatter for a subgraph's error: the subgraph's extensions, kept.
      const stacktrace = ['AppError: Site abc does not exist', '    at SiteService.get (/app/subgraphs/sites/dist/site/site.service.js:42:11)'];
      const error = new GraphQLError('Site abc does not exist', { path: PATH, extensions: { code: ErrorCode.NOT_FOUND, serviceName: 'sites', stacktrace } });
      const formatted: GraphQLFormattedError = { message: error.message, path: PATH, extensions: error.extensions };
      const result = createErrorFormatter(mockLogger(), false)(formatted, error);
      expect(result).toEqual({ message: 'Site abc does not exist', path: PATH, extensions: { code: ErrorCode.NOT_FOUND, serviceName: 'sites' } });
      expect(createErrorFormatter(mockLogger(), true)(formatted, error)).toBe(formatted);
    });

    it('replaces a query error even when it carries a code of its own', () => {
      const thrown = sqlError();
      const [formatted, error] = asApolloReports(thrown, false);
      const result = createErrorFormatter(mockLogger(), false)({ ...formatted, extensions: { code: 'ER_PARSE_ERROR', sql: SQL } }, error);
      expect(result).toMatchObject({ message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } });
      expect(JSON.stringify(result)).not.toContain('SELECT');
    });
  });

  describe('in development', () => {
    it('keeps the message and the stack trace of an unexpected error', () => {
      const thrown = sqlError();
      const [formatted, error] = asApolloReports(thrown, true);
      const result = createErrorFormatter(mockLogger(), true)(formatted, error);
      expect(result).toEqual({
        message: thrown.message,
        locations: LOCATIONS,
        path: PATH,
        extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, stacktrace: formatted.extensions?.stacktrace },
      });
      expect(result.extensions?.stacktrace).toEqual(expect.arrayContaining([expect.any(String)]));
    });
  });

  describe('an unreachable database', () => {
    it.each([
      ['a connection error', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' })],
      ['a query error around a lost connection', sqlError({ code: 'PROTOCOL_CONNECTION_LOST' })],
      ['an error with the code under driverError', Object.assign(new Error('failed'), { driverError: { code: 'ETIMEDOUT' } })],
    ])('answers SERVICE_UNAVAILABLE for %s', (_, thrown) => {
      const { result, log } = format(thrown);
      expect(result).toEqual({ message: expect.stringContaining('database'), path: PATH, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } });
      expect(JSON.stringify(result)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|SELECT/);
      expect(log.error).toHaveBeenCalledWith(expect.any(String), expect.objectContaining({ error: thrown }));
    });
  });
});
