import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sessionlessReads } from '@tracker/api';
import { currentDataVersion, ReadCache, type Database } from '@tracker/db';
import { todayUtc } from '@tracker/domain';
import { COMPRESS_MIN_BYTES, compressedAs, negotiateEncoding, type Encoding } from './compress';
import { readSessionToken, SESSION_COOKIE } from './session-cookie';

/** Whether a request carries a session cookie (valid or not): such requests are never answered from what visitors are sent. */
export const hasSessionCookie = (req: IncomingMessage) => readSessionToken(req) !== null || (req.headers.cookie?.includes(SESSION_COOKIE) ?? false);

/**
 * A tRPC GET that any visitor without a session gets the same answer to: every call in it
 * (`/trpc/a,b?batch=1&input=…`) a sessionless read. Anyone who sends a session cookie is answered
 * afresh, whatever the cookie.
 */
export function isSessionlessRead(req: IncomingMessage, url: URL): boolean {
  if (req.method !== 'GET' || hasSessionCookie(req)) return false;
  let paths: string[];
  try {
    paths = decodeURIComponent(url.pathname.slice('/trpc/'.length)).split(',');
  } catch {
    return false;
  }
  return paths.every((path) => sessionlessReads.has(path));
}

/** The headers of a kept answer that are its own (security headers and compression are added per request). */
const KEPT_HEADERS = ['content-type', 'content-disposition', 'cache-control', 'vary'] as const;

/** The bytes an answer was sent as, with its own headers, and compressed as clients asked for them. */
interface Kept {
  headers: Partial<Record<(typeof KEPT_HEADERS)[number], string>>;
  body: Buffer;
  etag: string;
  compressed: Partial<Record<Encoding, Promise<Buffer>>>;
}

/** The kept bytes in `encoding`, compressed the first time they are asked for so. */
function bodyIn(kept: Kept, encoding: Encoding | null): Promise<Buffer> | Buffer {
  if (!encoding) return kept.body;
  let made = kept.compressed[encoding];
  if (!made) {
    made = compressedAs(kept.body, encoding);
    kept.compressed[encoding] = made;
    // A failed compression is tried again next time.
    made.catch(() => {
      if (kept.compressed[encoding] === made) delete kept.compressed[encoding];
    });
  }
  return made;
}

/** The ETag of every answer made at one data version for one key: revalidating costs no query beyond the version. */
const etagOf = (version: number, key: string) => `W/"${version}-${createHash('sha256').update(key).digest('base64url').slice(0, 16)}"`;

const matches = (header: string | undefined, etag: string) =>
  header !== undefined && header.split(',').some((tag) => tag.trim() === etag || tag.trim() === etag.slice(2) || tag.trim() === '*');

export interface KeepOptions {
  /** Sent on a 304 when nothing is kept yet to take it from. */
  cacheControl?: string;
}

/**
 * Public answers sent again as the bytes they were: tRPC's sessionless reads, the REST API, the
 * public downloads and the feeds. The data version is read (shared, see `currentDataVersion`)
 * before an answer is made; the bytes of a successful GET are kept under the address and that
 * version, and sent again, as they are, until a write by any process bumps it. The ETag is the
 * version's, so a client that holds the answer is told 304 without it being made again.
 *
 * Only for answers that are the same for everyone: callers pass requests without a session.
 */
export function keptAnswers(db: Database, maxEntries = 500) {
  const cache = new ReadCache(maxEntries);
  /** Answers being made, by key: requests for the same key and version wait for those bytes instead of making them again. */
  const making = new Map<string, { version: number; made: Promise<Kept | undefined> }>();
  const send = async (req: IncomingMessage, res: ServerResponse, etag: string, kept: Kept | undefined, options: KeepOptions) => {
    for (const name of KEPT_HEADERS) {
      const value = kept?.headers[name] ?? (name === 'cache-control' ? options.cacheControl : undefined);
      if (value !== undefined) res.setHeader(name, value);
    }
    res.setHeader('etag', etag);
    if (matches(req.headers['if-none-match'], etag) || !kept) {
      res.statusCode = 304;
      res.removeHeader('content-type');
      res.removeHeader('content-disposition');
      res.end();
      return;
    }
    // Compressed once per answer and encoding, not once per request; `compress` leaves encoded bodies alone.
    const encoding = negotiateEncoding(req, kept.body.length);
    const body = await bodyIn(kept, encoding);
    if (encoding) res.setHeader('content-encoding', encoding);
    if (kept.body.length >= COMPRESS_MIN_BYTES) res.setHeader('vary', kept.headers.vary ? `${kept.headers.vary}, Accept-Encoding` : 'Accept-Encoding');
    res.statusCode = 200;
    res.setHeader('content-length', body.length);
    res.end(body);
  };
  return async (req: IncomingMessage, res: ServerResponse, address: string, answer: () => unknown, options: KeepOptions = {}): Promise<void> => {
    const key = `${todayUtc()} ${address}`;
    let version: number;
    try {
      version = await currentDataVersion(db);
    } catch {
      // The database cannot say: the answer is made (and fails in its own way), and not kept.
      await answer();
      return;
    }
    const kept = cache.peek<Kept>(key, version);
    if (kept) {
      await send(req, res, kept.etag, kept, options);
      return;
    }
    const etag = etagOf(version, key);
    if (matches(req.headers['if-none-match'], etag)) {
      await send(req, res, etag, undefined, options);
      return;
    }
    const inProgress = making.get(key);
    if (inProgress?.version === version && req.method === 'GET') {
      const made = await inProgress.made;
      if (made) {
        await send(req, res, etag, made, options);
        return;
      }
    }
    let finish: (made: Kept | undefined) => void = () => undefined;
    const entry = { version, made: new Promise<Kept | undefined>((resolve) => (finish = resolve)) };
    if (req.method === 'GET') making.set(key, entry);
    const settle = (made: Kept | undefined) => {
      if (made) cache.keep(key, version, made);
      if (making.get(key) === entry) making.delete(key);
      finish(made);
    };
    // An answer that fails, or a client that goes away, leaves nothing kept: the waiters make their own.
    res.once('close', () => settle(undefined));
    capture(req, res, etag, settle);
    await answer();
  };
}

export type KeepAnswer = ReturnType<typeof keptAnswers>;

/**
 * Gives the answer the version's ETag (taken off again if it turns out not to be a success) and
 * hands its bytes to `keep` once it is complete.
 */
function capture(req: IncomingMessage, res: ServerResponse, etag: string, keep: (made: Kept) => void): void {
  const keepable = req.method === 'GET';
  const chunks: Buffer[] = [];
  const add = (chunk: unknown) => {
    if (typeof chunk === 'string' || chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.setHeader('etag', etag);
  const unstampFailure = () => {
    if (!res.headersSent && res.statusCode !== 200) res.removeHeader('etag');
  };
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    res.statusCode = status;
    unstampFailure();
    return writeHead(status, ...rest);
  });
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    unstampFailure();
    add(chunk);
    return write(chunk, ...rest);
  }) as ServerResponse['write'];
  res.end = ((...args: unknown[]) => {
    unstampFailure();
    const [chunk] = args;
    if (typeof chunk !== 'function') add(chunk);
    if (keepable && res.statusCode === 200 && !res.hasHeader('set-cookie') && res.getHeader('etag') === etag) {
      const headers: Kept['headers'] = {};
      for (const name of KEPT_HEADERS) {
        const value = res.getHeader(name);
        // Compression adds Accept-Encoding to Vary per response; the kept Vary is the answer's own.
        if (typeof value === 'string') headers[name] = name === 'vary' ? value.replace(/,?\s*accept-encoding/i, '').replace(/^,\s*/, '') : value;
      }
      if (!headers.vary) delete headers.vary;
      keep({ headers, body: Buffer.concat(chunks), etag, compressed: {} });
    }
    return end(...args);
  }) as ServerResponse['end'];
}
