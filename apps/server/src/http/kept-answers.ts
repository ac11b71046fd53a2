import type { IncomingMessage, ServerResponse } from 'node:http';
import { sessionlessReads } from '@tracker/api';
import { currentDataVersion, ReadCache, type Database } from '@tracker/db';
import { todayUtc } from '@tracker/domain';
import { readSessionToken, SESSION_COOKIE } from './session-cookie';

/**
 * A tRPC GET that any visitor without a session gets the same answer to: every call in it
 * (`/trpc/a,b?batch=1&input=…`) a sessionless read. Anyone who sends a session cookie is answered
 * afresh, whatever the cookie.
 */
export function isSessionlessRead(req: IncomingMessage, url: URL): boolean {
  if (req.method !== 'GET' || readSessionToken(req) !== null || req.headers.cookie?.includes(SESSION_COOKIE)) return false;
  let paths: string[];
  try {
    paths = decodeURIComponent(url.pathname.slice('/trpc/'.length)).split(',');
  } catch {
    return false;
  }
  return paths.every((path) => sessionlessReads.has(path));
}

/** The bytes tRPC sent, kept with the headers it set. */
interface Kept {
  contentType: string;
  vary: string | undefined;
  body: Buffer;
}

/**
 * Keeps the bytes of successful sessionless tRPC answers per address and data version, and sends
 * them again, as they are, until a write bumps the version: on a busy day the dashboard's public
 * pages cost one read of the version per request. The version is read before the answer is made.
 */
export function keptAnswers(db: Database) {
  const cache = new ReadCache();
  return async (req: IncomingMessage, res: ServerResponse, url: URL, answer: () => void): Promise<void> => {
    // tRPC answers in another format (streamed JSON lines) by these headers, and says so in Vary.
    const format = `${String(req.headers['trpc-accept'] ?? '')} ${String(req.headers.accept ?? '')}`;
    const key = `${todayUtc()} ${format} ${url.pathname}${url.search}`;
    let version: number;
    try {
      version = await currentDataVersion(db);
    } catch {
      // The database cannot say: tRPC answers (and says so in its own format), uncached.
      answer();
      return;
    }
    const kept = cache.peek<Kept>(key, version);
    if (kept) {
      res.statusCode = 200;
      res.setHeader('content-type', kept.contentType);
      if (kept.vary) res.setHeader('vary', kept.vary);
      res.end(kept.body);
      return;
    }
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (typeof chunk === 'string' || chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
      return write(chunk, ...rest);
    }) as ServerResponse['write'];
    res.end = ((...args: unknown[]) => {
      const [chunk] = args;
      if (typeof chunk === 'string' || chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
      const contentType = res.getHeader('content-type');
      if (res.statusCode === 200 && !res.hasHeader('set-cookie') && typeof contentType === 'string') {
        const vary = res.getHeader('vary');
        cache.keep(key, version, { contentType, vary: typeof vary === 'string' ? vary.replace(/,?\s*accept-encoding/i, '') : undefined, body: Buffer.concat(chunks) });
      }
      return end(...args);
    }) as ServerResponse['end'];
    answer();
  };
}
