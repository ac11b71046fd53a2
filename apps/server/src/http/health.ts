import type { DbHandle } from '@tracker/db';
import { migrationState, pingDatabase, rowCounts } from '@tracker/db';

/**
 * The public learns only that the server answers, on which kind of database and migration: counts
 * would reveal activity (a confidential draft moves the evidence count). Signed-in admins see more.
 */
export async function healthReport(handle: DbHandle, detailed: boolean) {
  await pingDatabase(handle.db);
  const migrations = await migrationState(handle.db);
  const database = { kind: handle.kind, migration: migrations.latest };
  if (!detailed) return { status: 'ok' as const, database };
  return {
    status: 'ok' as const,
    database: { ...database, migrationsApplied: migrations.applied, migrationsTotal: migrations.total, rows: await rowCounts(handle.db) },
  };
}
