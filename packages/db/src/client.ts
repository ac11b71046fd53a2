import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { watchDataVersion } from './read-cache';
import * as schema from './schema';

export type Schema = typeof schema;
/** One handle type for both drivers; a transaction (`tx`) is also a `Database`. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type DbKind = 'pglite' | 'postgres';

interface CommonConfig {
  /** Called with every SQL statement Drizzle sends; tests count queries with it. */
  onQuery?: (sql: string) => void;
}

export type DbConfig = CommonConfig &
  (
    | { kind: 'postgres'; url: string; maxConnections?: number }
    /** `dataDir` unset keeps the database in memory; `loadDataDir` starts from a dumped copy. */
    | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob | File }
  );

export interface DbHandle {
  db: Database;
  kind: DbKind;
  config: DbConfig;
  /** The raw PGlite instance when embedded, for dumps and migration; undefined on PostgreSQL. */
  pglite?: PGlite;
  close(): Promise<void>;
}

export async function createDb(config: DbConfig): Promise<DbHandle> {
  const onQuery = config.onQuery;
  const logger = onQuery ? { logQuery: (query: string) => onQuery(query) } : false;
  if (config.kind === 'postgres') {
    const client = postgres(config.url, {
      max: config.maxConnections ?? 10,
      onnotice: () => {},
      // No JIT: the tracker's queries take a millisecond; compiling them took 170 ms on small, unanalysed tables.
      connection: { application_name: 'tracker', jit: 'off' },
      // After the database went away, try again soon: the default backoff grows to 20 s between attempts.
      backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 2),
      connect_timeout: 10,
    });
    // Fail fast with a clear message rather than on the first request.
    await client`select 1`;
    const db = drizzlePostgres(client, { schema, logger }) as unknown as Database;
    return { db, kind: 'postgres', config, close: () => client.end({ timeout: 5 }) };
  }
  const pglite = await PGlite.create({
    extensions: { pg_trgm },
    ...(config.dataDir ? { dataDir: config.dataDir } : {}),
    ...(config.loadDataDir ? { loadDataDir: config.loadDataDir } : {}),
  });
  const db = drizzlePglite(pglite, { schema, logger }) as unknown as Database;
  await watchDataVersion(db, (channel, changed) => pglite.listen(channel, changed));
  let closed = false;
  return {
    db,
    kind: 'pglite',
    config,
    pglite,
    close: async () => {
      if (closed) return;
      closed = true;
      await pglite.close();
    },
  };
}
