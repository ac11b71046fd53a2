import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import postgres from 'postgres';
import type { Database, DbHandle } from './client';

/** The SQL migrations beside this package's manifest, found by the package's name so the compiled server finds them too. */
export const migrationsFolder = join(dirname(createRequire(import.meta.url).resolve('@tracker/db/package.json')), 'migrations');

/** Arbitrary constant: the advisory lock every tracker process takes before migrating PostgreSQL. */
const MIGRATION_LOCK_KEY = 727_001_2023;

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

export function migrationJournal(): JournalEntry[] {
  const raw = readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8');
  return (JSON.parse(raw) as { entries: JournalEntry[] }).entries;
}

/**
 * Applies every committed migration not yet applied. On PostgreSQL a session-level advisory lock on
 * a dedicated connection makes concurrent starters wait for each other instead of racing.
 */
export async function migrate(handle: DbHandle): Promise<void> {
  if (handle.kind === 'pglite') {
    if (!handle.pglite) throw new Error('PGlite handle without its instance');
    await migratePglite(drizzlePglite(handle.pglite), { migrationsFolder });
    return;
  }
  if (handle.config.kind !== 'postgres') throw new Error('PostgreSQL handle without a URL');
  const client = postgres(handle.config.url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    try {
      await migratePostgres(drizzlePostgres(client), { migrationsFolder });
    } finally {
      await client`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}

export interface MigrationState {
  applied: number;
  total: number;
  /** Tag of the newest applied migration, e.g. `0001_ledger_append_only`; null before the first. */
  latest: string | null;
}

export async function migrationState(db: Database): Promise<MigrationState> {
  const journal = migrationJournal();
  const rows = await db
    .execute(sql`select created_at from drizzle.__drizzle_migrations order by created_at desc`)
    .then((result) => resultRows<{ created_at: string | number }>(result))
    .catch(() => [] as { created_at: string | number }[]);
  const newest = rows[0] ? Number(rows[0].created_at) : null;
  return {
    applied: rows.length,
    total: journal.length,
    latest: newest === null ? null : (journal.find((e) => e.when === newest)?.tag ?? null),
  };
}

/** `db.execute` answers `{ rows }` on PGlite and an array on postgres.js; this hides the difference. */
export function resultRows<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []);
}
