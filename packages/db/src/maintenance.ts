import { sql } from 'drizzle-orm';
import type { Database } from './client';
import { resultRows } from './migrate';

/**
 * Keeping the planner informed and the tables tidy. Fresh tables have no statistics, so PostgreSQL
 * plans a 0.3 ms query as if the tables were huge (and JIT-compiles it); an aborted bulk write
 * leaves dead rows that slow the next one down. Call after migrating, seeding, importing and
 * restoring, and at start.
 */
export async function analyzeTables(db: Database): Promise<void> {
  await db.execute(sql`analyze`);
}

/** VACUUM ANALYZE of every table: after bulk writes, or a start after a crash. Not inside a transaction. */
export async function vacuumAnalyze(db: Database): Promise<void> {
  await db.execute(sql`vacuum analyze`);
}

/** Tables whose dead rows are many (a fifth of the live ones, and over a thousand) get a VACUUM ANALYZE. */
export async function vacuumIfNeeded(db: Database): Promise<string[]> {
  const rows = resultRows<{ relname: string }>(
    await db.execute(sql`select relname from pg_stat_user_tables where n_dead_tup > 1000 and n_dead_tup > n_live_tup / 5 and schemaname = 'public'`),
  );
  for (const { relname } of rows) await db.execute(sql.raw(`vacuum analyze "${relname.replaceAll('"', '""')}"`));
  return rows.map((r) => r.relname);
}
