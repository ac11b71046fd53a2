import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { isDatabaseUnavailable, isDiskFull } from '@tracker/db';
import { AppError, DISK_FULL_RETRY_AFTER_SECONDS, errorCodes, RETRY_AFTER_SECONDS, httpStatusOf, type ErrorBody, type ErrorCode, type FieldIssue } from '@tracker/domain';
import { ZodError } from 'zod';

export const unavailableMessage =
  'The database cannot be reached right now. Try again in a moment; a retry with the same idempotency key is safe.';

export const diskFullMessage =
  'The disk that holds the tracker’s data is full, so nothing can be saved right now; reading still works. Nothing you saved before is lost. Try again once space has been freed.';

export const internalMessage = 'Something went wrong on the server; it has been logged.';

/** Anything thrown, as the one error model: a code, a message for people, field issues, when to retry. */
export interface DescribedError {
  code: ErrorCode;
  status: number;
  message: string;
  issues: FieldIssue[];
  retryAfterSeconds?: number;
  /** An error nobody meant: logged with its stack, its text never shown. */
  internal: boolean;
}

export function fieldIssues(error: ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** A plain sentence naming each field, for clients that only show `message`. */
export function describeIssues(issues: readonly FieldIssue[]): string {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
}

const known = (code: string): code is ErrorCode => (errorCodes as readonly string[]).includes(code);

/**
 * The one function that decides what an error means to a client. tRPC's formatter, the REST
 * adapter, the exports, feeds and downloads, and the CLI all go through it.
 */
export function describeError(error: unknown): DescribedError {
  const cause = error instanceof TRPCError && error.cause ? error.cause : error;
  const make = (code: ErrorCode, message: string, issues: FieldIssue[] = [], retryAfterSeconds?: number): DescribedError => ({
    code,
    status: httpStatusOf[code],
    message,
    issues,
    ...(retryAfterSeconds ? { retryAfterSeconds } : {}),
    internal: code === 'INTERNAL_SERVER_ERROR',
  });
  if (cause instanceof ZodError) {
    const issues = fieldIssues(cause);
    return make('BAD_REQUEST', describeIssues(issues), issues);
  }
  if (cause instanceof AppError) {
    const issues = cause.details?.issues ?? [];
    return make(cause.code, cause.message, issues, cause.details?.retryAfterSeconds ?? (cause.code === 'SERVICE_UNAVAILABLE' ? RETRY_AFTER_SECONDS : undefined));
  }
  if (isDiskFull(cause)) return make('SERVICE_UNAVAILABLE', diskFullMessage, [], DISK_FULL_RETRY_AFTER_SECONDS);
  if (isDatabaseUnavailable(cause)) return make('SERVICE_UNAVAILABLE', unavailableMessage, [], RETRY_AFTER_SECONDS);
  if (error instanceof TRPCError && error.code !== 'INTERNAL_SERVER_ERROR') {
    // tRPC's own refusals (a procedure that does not exist, a body it cannot parse, a batch too large).
    const code = known(error.code) ? error.code : getHTTPStatusCodeFromError(error) === 404 ? 'NOT_FOUND' : 'BAD_REQUEST';
    return make(code, error.message);
  }
  return make('INTERNAL_SERVER_ERROR', internalMessage);
}

/** The body every error answer outside tRPC carries (`ErrorBody` in the OpenAPI document). */
export const errorBody = (described: DescribedError): ErrorBody => ({ error: { message: described.message, code: described.code, issues: described.issues } });

/** The same error as tRPC throws it, so its status and code follow the one model. */
export function toTRPCError(error: unknown): TRPCError | null {
  if (error instanceof TRPCError) return null;
  const described = describeError(error);
  if (described.internal) return null;
  return new TRPCError({ code: described.code, message: described.message, cause: error instanceof Error ? error : new Error(String(error)) });
}
