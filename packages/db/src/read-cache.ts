import { eq } from 'drizzle-orm';
import type { Database } from './client';
import { dataVersion } from './schema';

async function readDataVersion(db: Database): Promise<number> {
  const [row] = await db.select({ n: dataVersion.n }).from(dataVersion).where(eq(dataVersion.id, 1));
  return row?.n ?? 0;
}

/**
 * Reads of one database's version, shared: at most one is in flight, and a caller that arrives
 * while one is running waits for the next, which starts after that one ends (so after the caller
 * arrived, and sees every write acknowledged before it). Under a public read load this is one query
 * per round trip for all the requests that arrived during it, not one per request.
 */
class VersionReads {
  #running: Promise<number> | null = null;
  #queued: Promise<number> | null = null;
  /** Set when every change of the version is announced to this process (`watchDataVersion`). */
  #watched = false;
  /** The version as last read, while no change was announced since; only when watched. */
  #known: number | null = null;
  /** Announcements so far: a read that started before one must not be kept as known. */
  #announcements = 0;
  /** Queries sent, for tests. */
  queries = 0;
  constructor(private readonly db: Database) {}

  /** From now on every change is announced by `changed()`, so a version read stays true until then. */
  watch(): void {
    this.#watched = true;
  }

  changed(): void {
    this.#announcements++;
    this.#known = null;
  }

  read(): Promise<number> {
    if (this.#known !== null) return Promise.resolve(this.#known);
    if (this.#queued) return this.#queued;
    if (!this.#running) return this.#start();
    const after = this.#running;
    this.#queued = after.then(
      () => this.#next(),
      () => this.#next(),
    );
    return this.#queued;
  }

  #next(): Promise<number> {
    this.#queued = null;
    return this.#start();
  }

  #start(): Promise<number> {
    this.queries++;
    const announcements = this.#announcements;
    const running = readDataVersion(this.db);
    this.#running = running;
    const done = () => {
      if (this.#running === running) this.#running = null;
    };
    running.then((version) => {
      done();
      if (this.#watched && announcements === this.#announcements) this.#known = version;
    }, done);
    return running;
  }
}

const versionReads = new WeakMap<Database, VersionReads>();

function versionReadsOf(db: Database): VersionReads {
  let reads = versionReads.get(db);
  if (!reads) {
    reads = new VersionReads(db);
    versionReads.set(db, reads);
  }
  return reads;
}

/**
 * The data version: bumped by the database in every transaction that writes what public answers are
 * made from. Read after the call (never an answer older than the caller), shared between callers.
 */
export function currentDataVersion(db: Database): Promise<number> {
  return versionReadsOf(db).read();
}

/** The channel the database announces every change of the version on (migration 0012). */
export const DATA_VERSION_CHANNEL = 'tracker_data_version';

/**
 * Tells the shared version read of `db` that every change of the version will be announced through
 * `changed` before the writing call returns: true of the embedded database, where this process is
 * the only one with the data folder (it is locked) and PGlite hands a notification to its listeners
 * while it processes the commit. Then the version is read once, and again only after a change, so a
 * public answer served from the read cache costs no query. PostgreSQL is not watched: another
 * server's write must be visible at once, and a notification from another connection comes later.
 */
export async function watchDataVersion(db: Database, listen: (channel: string, changed: () => void) => Promise<unknown>): Promise<void> {
  const reads = versionReadsOf(db);
  await listen(DATA_VERSION_CHANNEL, () => reads.changed());
  reads.watch();
}

/** How many version queries `db` has sent (for tests of the sharing). */
export function dataVersionQueries(db: Database): number {
  return versionReadsOf(db).queries;
}

interface Entry {
  version: number;
  value: unknown;
}

/**
 * Public answers kept by key for the data version they were computed at. The version is read before
 * the answer is computed, so an entry never holds data older than its version; a write by any
 * process bumps the version in its own transaction, so the next read misses and recomputes.
 * Concurrent misses for one key share one computation. Least recently used entries go first.
 */
export class ReadCache {
  readonly #entries = new Map<string, Entry>();
  /** Answers served from the cache, and computed for it, since the process started. */
  hits = 0;
  misses = 0;
  constructor(readonly maxEntries = 500) {}

  async through<T>(db: Database, key: string, compute: () => Promise<T>): Promise<T> {
    const version = await currentDataVersion(db);
    const hit = this.#entries.get(key);
    if (hit?.version === version) {
      this.hits++;
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit.value as Promise<T>;
    }
    this.misses++;
    const value = compute();
    const entry = { version, value };
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    // A failed computation is not kept.
    value.catch(() => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    });
    this.#evict();
    return value;
  }

  /** What was kept for `key` at `version`, if anything (for answers kept by their caller). */
  peek<T>(key: string, version: number): T | undefined {
    const hit = this.#entries.get(key);
    if (hit?.version !== version) return undefined;
    this.hits++;
    return hit.value as T;
  }

  /** Keeps `value` for `key` at `version`. */
  keep(key: string, version: number, value: unknown): void {
    this.misses++;
    this.#entries.delete(key);
    this.#entries.set(key, { version, value });
    this.#evict();
  }

  #evict(): void {
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.maxEntries) break;
      this.#entries.delete(oldest);
    }
  }

  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
  }
}

const caches = new WeakMap<Database, ReadCache>();

/** The read cache of one database (each handle has its own, so databases never share answers). */
export function readCacheOf(db: Database): ReadCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new ReadCache();
    caches.set(db, cache);
  }
  return cache;
}
