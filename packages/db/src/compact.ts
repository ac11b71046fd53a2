import { sql } from 'drizzle-orm';
import type { Database } from './client';

/** The tables that hold, or held, confidential content or the keys that open it. */
const sensitiveTables = ['evidence', 'evidence_revisions', 'evidence_attachments', 'blobs', 'blob_chunks', 'audit_ledger', 'users', 'record_keys', 'tracker_secrets'];

/**
 * Rewrites the tables that held plaintext or destroyed keys, so old row versions do not linger in
 * the database files, then asks for a checkpoint so the write-ahead log moves on. Takes each
 * table's lock briefly in turn (VACUUM FULL): run after sealing or erasing, not on every write.
 */
export async function compactTables(db: Database): Promise<void> {
  for (const table of sensitiveTables) await db.execute(sql.raw(`vacuum full ${table}`));
  await db.execute(sql`checkpoint`).catch(() => undefined);
}
