import type { DbHandle } from '@tracker/db';
import { migrationState, rowCounts } from '@tracker/db';

export async function healthReport(handle: DbHandle) {
  const [migrations, rows] = await Promise.all([migrationState(handle.db), rowCounts(handle.db)]);
  return {
    status: 'ok' as const,
    database: {
      kind: handle.kind,
      migration: migrations.latest,
      migrationsApplied: migrations.applied,
      migrationsTotal: migrations.total,
      rows,
    },
  };
}
