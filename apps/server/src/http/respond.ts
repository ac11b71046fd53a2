import type { ServerResponse } from 'node:http';
import { describeError, errorBody } from '@tracker/api';
import { AppError, type AppErrorCode, type FieldIssue } from '@tracker/domain';
import { log } from '../log';

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
  });
  res.end(payload);
}

/** Headers every response carries. The dashboard has no inline script, so the CSP can forbid it. */
export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader(
    'content-security-policy',
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
      "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  );
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
}

/**
 * The one way an error leaves the server outside tRPC (REST, exports, feeds, downloads, routing):
 * the status, body and Retry-After that `describeError` decides. Unexpected failures are logged
 * with their details, which never reach the client.
 */
export function sendError(res: ServerResponse, error: unknown, context: Record<string, unknown> = {}): void {
  const described = describeError(error);
  if (described.internal) log.error('request failed', { ...context, error });
  else if (described.code === 'SERVICE_UNAVAILABLE') log.warn('unavailable', { ...context, error: String(error) });
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (described.retryAfterSeconds) res.setHeader('retry-after', String(described.retryAfterSeconds));
  sendJson(res, described.status, errorBody(described));
}

/** Refuses a request with one of the error model's codes. */
export const refuse = (res: ServerResponse, code: AppErrorCode, message: string, issues: FieldIssue[] = []) => sendError(res, new AppError(code, message, { issues }));
