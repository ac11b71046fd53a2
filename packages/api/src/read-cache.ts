import { canonicalJson, readCacheOf } from '@tracker/db';
import { todayUtc } from '@tracker/domain';
import { viewerOf, type Context } from './trpc';

/**
 * A public read's answer through the read cache: for the public (and accounts that read only what
 * the public reads), kept by procedure, input and day (answers "as of today" change at midnight,
 * UTC, as `todayUtc` does) for the current data version. Anyone who reads more than the public gets
 * an answer of their own, never cached and never from the cache.
 */
export function publicAnswer<T>(opts: { ctx: Context; path: string; input?: unknown }, compute: () => Promise<T>): Promise<T> {
  if (viewerOf(opts.ctx) !== null) return compute();
  return readCacheOf(opts.ctx.db).through(opts.ctx.db, `${opts.path} ${todayUtc()} ${canonicalJson(opts.input ?? null)}`, compute);
}

