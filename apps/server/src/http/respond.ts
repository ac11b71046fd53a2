import type { ServerResponse } from 'node:http';
import { diskFullMessage, unavailableMessage } from '@tracker/api';
import { isDatabaseUnavailable, isDiskFull } from '@tracker/db';
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
 * The one answer to an unexpected failure outside tRPC: 503 with Retry-After when the database is
 * unreachable (the pool reconnects by itself), else 500 with the details kept in the log.
 */
export function sendFailure(res: ServerResponse, error: unknown, context: Record<string, unknown>): void {
  if (isDiskFull(error) && !res.headersSent) {
    log.warn('disk full', { ...context });
    res.setHeader('retry-after', '30');
    sendJson(res, 503, { error: { message: diskFullMessage } });
    return;
  }
  const unavailable = isDatabaseUnavailable(error);
  if (unavailable) log.warn('database unavailable', { ...context, error: String(error) });
  else log.error('request failed', { ...context, error });
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (unavailable) res.setHeader('retry-after', '5');
  sendJson(res, unavailable ? 503 : 500, { error: { message: unavailable ? unavailableMessage : 'Something went wrong on the server; it has been logged.' } });
}
