import { sql } from 'drizzle-orm';
import { bigint, check, integer, pgTable } from 'drizzle-orm/pg-core';

/**
 * One row: a counter bumped, in the same transaction, by every write to a table that public
 * answers are made from (triggers in migration 0011). Cached public answers are kept under the
 * version they were computed at, so a write anywhere, by any process, makes them stale at once.
 */
export const dataVersion = pgTable(
  'data_version',
  {
    id: integer('id').primaryKey().default(1),
    n: bigint('n', { mode: 'number' }).notNull().default(0),
  },
  (t) => [check('data_version_one_row', sql`${t.id} = 1`)],
);
