import { sql } from 'drizzle-orm';
import { bigint, char, check, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { tstz } from './columns';
import { users } from './users';

/**
 * The tamper-evident ledger. Each row's hash covers the previous row's hash and a canonical JSON of
 * the entry; a trigger (migration 0001) refuses UPDATE and DELETE.
 */
export const auditLedger = pgTable(
  'audit_ledger',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: tstz('at').notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'restrict' }),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    prevHash: char('prev_hash', { length: 64 }).notNull(),
    hash: char('hash', { length: 64 }).notNull().unique(),
  },
  (t) => [check('audit_ledger_hash_hex', sql`${t.hash} ~ '^[0-9a-f]{64}$' and ${t.prevHash} ~ '^[0-9a-f]{64}$'`)],
);
