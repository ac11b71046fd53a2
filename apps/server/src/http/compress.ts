import compression from 'compression';
import Negotiator from 'negotiator';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** Answers smaller than this go out as they are: compressing them saves less than it costs. */
export const COMPRESS_MIN_BYTES = 1024;

/** Brotli at quality 4: near gzip's speed, smaller. */
const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } };

const middleware = compression({ threshold: COMPRESS_MIN_BYTES, brotli: BROTLI });

/**
 * Compresses an answer for a client that accepts it (Brotli at quality 4, else gzip, negotiated from
 * `Accept-Encoding`, with `Vary: Accept-Encoding`): JSON from tRPC and REST, CSV and JSON exports, feeds,
 * the dashboard's HTML. Built assets are precompressed at build time and sent as such, as are kept
 * answers (`compressedAs`); their `Content-Encoding` is already set, so nothing is compressed twice.
 * HEAD, 304 and small answers are left alone.
 */
export function compress(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  // The middleware is written for Express but uses only node:http's request and response.
  (middleware as unknown as (req: IncomingMessage, res: ServerResponse, next: () => void) => void)(req, res, next);
}

export type Encoding = 'br' | 'gzip';

/** The encoding `compress` would choose for a body of `length` bytes, or null for none. */
export function negotiateEncoding(req: IncomingMessage, length: number): Encoding | null {
  if (length < COMPRESS_MIN_BYTES || req.method === 'HEAD' || !req.headers['accept-encoding']) return null;
  // As the middleware asks (0.6's second argument, preferred order on equal weights, is not in its types).
  const negotiator = new Negotiator(req) as unknown as { encoding(available: string[], preferred: string[]): string | undefined };
  const chosen = negotiator.encoding(['br', 'gzip', 'identity'], ['br', 'gzip']);
  return chosen === 'br' || chosen === 'gzip' ? chosen : null;
}

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** `body` compressed as `compress` would send it, off the main thread. */
export function compressedAs(body: Buffer, encoding: Encoding): Promise<Buffer> {
  return encoding === 'br' ? brotliAsync(body, BROTLI) : gzipAsync(body);
}
