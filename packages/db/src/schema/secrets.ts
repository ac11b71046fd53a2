import { pgTable, text } from 'drizzle-orm/pg-core';
import { bytea, createdAt } from './columns';

/**
 * Secrets the tracker makes for itself, such as the salt of the ledger's digests, which no export
 * carries. Never returned by any procedure.
 */
export const trackerSecrets = pgTable('tracker_secrets', {
  name: text('name').primaryKey(),
  value: bytea('value').notNull(),
  createdAt: createdAt(),
});
