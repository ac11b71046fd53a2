import type { FieldIssue } from './error-body';

/**
 * The one error model. Domain and data code throw `AppError`; one function (`describeError` in
 * packages/api) turns anything thrown into a code, a message and field issues; the code decides the
 * HTTP status (`httpStatusOf`) for every transport: tRPC, REST, exports, feeds, downloads, and the
 * exit code of the CLI. Codes are named as tRPC names them.
 */
export const errorCodes = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'METHOD_NOT_SUPPORTED',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'TOO_MANY_REQUESTS',
  'INTERNAL_SERVER_ERROR',
  'SERVICE_UNAVAILABLE',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const httpStatusOf: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_SUPPORTED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
};

/** The codes domain code may throw (an internal error is never thrown on purpose). */
export const appErrorCodes = errorCodes.filter((c): c is Exclude<ErrorCode, 'INTERNAL_SERVER_ERROR'> => c !== 'INTERNAL_SERVER_ERROR');
export type AppErrorCode = Exclude<ErrorCode, 'INTERNAL_SERVER_ERROR'>;

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: { issues?: FieldIssue[]; retryAfterSeconds?: number } & Record<string, unknown>,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} was not found.`);

/** A BAD_REQUEST naming the field, shaped like a validation error so clients show it the same way. */
export function fieldError(path: string, message: string): AppError {
  return new AppError('BAD_REQUEST', `${path}: ${message}`, { issues: [{ path, message }] });
}
