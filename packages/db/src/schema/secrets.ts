import { sql } from 'drizzle-orm';
import { check, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { bytea, createdAt, tstz } from './columns';

/**
 * Secrets the tracker makes for itself: the check that the right master key is loaded and the salt
 * of the ledger's digests. Stored wrapped by the master key (`keyId` names which); never returned by
 * any procedure and never in a ledger export.
 */
export const trackerSecrets = pgTable('tracker_secrets', {
  name: text('name').primaryKey(),
  value: bytea('value').notNull(),
  keyId: text('key_id'),
  createdAt: createdAt(),
});

/**
 * One data key per record that holds confidential content (an evidence item, an account's second
 * factor, a file), wrapped by the master key. Destroying the row makes the record's ciphertext,
 * wherever it is kept, unreadable: that is how erasure works.
 */
export const recordKeys = pgTable(
  'record_keys',
  {
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    wrapped: bytea('wrapped').notNull(),
    keyId: text('key_id').notNull(),
    createdAt: createdAt(),
    rewrappedAt: tstz('rewrapped_at'),
  },
  (t) => [primaryKey({ columns: [t.entityType, t.entityId] }), check('record_keys_type_known', sql`${t.entityType} in ('evidence', 'user', 'blob', 'intake')`)],
);
