import { GraphQLError } from 'graphql';

/**
 * The stable error codes every subgraph answers with, in `extensions.code`.
 * Clients branch on these, so they never change meaning; add new ones instead.
 */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  FORBIDDEN = 'FORBIDDEN',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  CONFLICT = 'CONFLICT',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

export interface FieldProblem {
  /** Path of the offending input field, e.g. `input.location.lat`. */
  field: string;
  message: string;
  /** For problems of bulk inputs: the line of the offending row in the caller's source file. */
  line?: number;
}

interface AppErrorOptions {
  field?: string;
  /** A finer, equally stable reason, e.g. `INVALID_PARENT_KIND`. */
  reason?: string;
  problems?: FieldProblem[];
}

/** An error meant for the client: its message and extensions are safe to show. */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    const extensions: Record<string, unknown> = { code };
    if (options.field) extensions.field = options.field;
    if (options.reason) extensions.reason = options.reason;
    if (options.problems?.length) extensions.problems = options.problems;
    super(message, { extensions });
    this.name = 'AppError';
  }

  get code(): ErrorCode {
    return this.extensions.code as ErrorCode;
  }
}

export function badInput(field: string, message: string, reason?: string): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, message, { field, reason });
}

export function invalidFields(problems: FieldProblem[]): AppError {
  const [first] = problems;
  const message =
    problems.length === 1 ? `${first.field}: ${first.message}` : `${problems.length} input fields are invalid; first ${first.field}: ${first.message}`;
  return new AppError(ErrorCode.BAD_USER_INPUT, message, { field: first.field, problems });
}

export function notFound(entity: string, id: string, field = 'id'): AppError {
  return new AppError(ErrorCode.NOT_FOUND, `${entity} ${id} does not exist`, { field });
}

export function forbidden(message: string, reason?: string): AppError {
  return new AppError(ErrorCode.FORBIDDEN, message, { reason });
}

export function unauthenticated(message = 'A valid bearer token is required'): AppError {
  const error = new AppError(ErrorCode.UNAUTHENTICATED, message);
  // Read by Apollo Server for the HTTP status and removed from the response.
  error.extensions.http = { status: 401 };
  return error;
}

export function conflict(message: string, options: { field?: string; reason?: string } = {}): AppError {
  return new AppError(ErrorCode.CONFLICT, message, options);
}

export function serviceUnavailable(message: string): AppError {
  return new AppError(ErrorCode.SERVICE_UNAVAILABLE, message);
}
