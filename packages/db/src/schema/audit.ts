import { sql } from 'drizzle-orm';
import { bigint, char, check, index, jsonb, pgTable, smallint, text, uuid } from 'drizzle-orm/pg-core';
import { tstz } from './columns';
import { users } from './users';

/**
 * The tamper-evident ledger. Each row's hash covers the previous row's hash and a canonical JSON of
 * the entry; a trigger (migration 0001) refuses UPDATE and DELETE. Format 2 entries (see ledger.ts)
 * store salted digests and references, so the chain can be published without naming records.
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
    /** 1: the hash covers ids and plain digests; 2: salted references and digests, stored below. */
    format: smallint('format').notNull().default(1),
    entityRef: char('entity_ref', { length: 64 }),
    actorRef: char('actor_ref', { length: 64 }),
    beforeDigest: char('before_digest', { length: 64 }),
    afterDigest: char('after_digest', { length: 64 }),
    /** Digest of the whole record after the change, so a restore can prove each row is what the ledger says. */
    stateDigest: char('state_digest', { length: 64 }),
    prevHash: char('prev_hash', { length: 64 }).notNull(),
    hash: char('hash', { length: 64 }).notNull().unique(),
  },
  (t) => [
    check('audit_ledger_hash_hex', sql`${t.hash} ~ '^[0-9a-f]{64}$' and ${t.prevHash} ~ '^[0-9a-f]{64}$'`),
    check('audit_ledger_format_known', sql`${t.format} in (1, 2)`),
    index('audit_ledger_entity_idx').on(t.entityType, t.entityId, t.seq),
  ],
);
