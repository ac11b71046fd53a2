import compression from 'compression';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Answers smaller than this go out as they are: compressing them saves less than it costs. */
export const COMPRESS_MIN_BYTES = 1024;

const middleware = compression({ threshold: COMPRESS_MIN_BYTES });

/**
 * Compresses an answer for a client that accepts it (Brotli at quality 4, else gzip, negotiated from
 * `Accept-Encoding`, with `Vary: Accept-Encoding`): JSON from tRPC and REST, CSV and JSON exports, feeds,
 * the dashboard's HTML. Built assets are precompressed at build time and sent as such (their
 * `Content-Encoding` is already set, so nothing is compressed twice); HEAD, 304 and small answers are
 * left alone.
 */
export function compress(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  // The middleware is written for Express but uses only node:http's request and response.
  (middleware as unknown as (req: IncomingMessage, res: ServerResponse, next: () => void) => void)(req, res, next);
}
