import { TRPCError } from '@trpc/server';
import { isDatabaseUnavailable, isDiskFull } from '@tracker/db';
import { AppError, type AppErrorCode } from '@tracker/domain';
import { type ZodError } from 'zod';

type TRPCCode = TRPCError['code'];

/** The one place domain errors become transport errors. */
const codeFor: Record<AppErrorCode, TRPCCode> = {
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
};

export const unavailableMessage =
  'The database cannot be reached right now. Try again in a moment; a retry with the same idempotency key is safe.';

export const diskFullMessage =
  'The disk that holds the tracker’s data is full, so nothing can be saved right now; reading still works. Nothing you saved before is lost. Try again once space has been freed.';

export function toTRPCError(error: unknown): TRPCError | null {
  if (isDiskFull(error)) return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: diskFullMessage, cause: error });
  if (error instanceof AppError) return new TRPCError({ code: codeFor[error.code], message: error.message, cause: error });
  if (isDatabaseUnavailable(error)) return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: unavailableMessage, cause: error });
  return null;
}

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `iso3` or `evidenceIds.2`; empty for the whole input. */
  path: string;
  message: string;
}

export function fieldIssues(error: ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** A plain sentence naming each field, for clients that only show `message`. */
export function describeIssues(issues: FieldIssue[]): string {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
}
