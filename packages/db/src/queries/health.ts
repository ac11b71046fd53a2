import { count, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../client';
import { assessments, evidence, frameworks, recommendations, sites, states, users } from '../schema';

const counted: Record<string, PgTable> = {
  frameworks,
  recommendations,
  states,
  sites,
  evidence,
  assessments,
  users,
};

export async function rowCounts(db: Database): Promise<Record<string, number>> {
  const entries = await Promise.all(
    Object.entries(counted).map(async ([name, table]) => {
      const [row] = await db.select({ n: count() }).from(table);
      return [name, row?.n ?? 0] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** One round trip: throws when the database cannot be reached. */
export async function pingDatabase(db: Database): Promise<void> {
  await db.execute(sql`select 1`);
}
