import { getTableColumns, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './client';
import * as t from './schema';
import { AppError } from '@tracker/domain';
import { keyring } from './crypto/keyring';
import { backupOpensWith } from './secrets';

/**
 * Every table a backup carries, parents before children. Sessions and one-time links are left out:
 * they are short-lived secrets, and a restored tracker asks everyone to sign in again. So are
 * idempotency keys, which protect retries for a day and mean nothing after a restore, and sign-in
 * throttling counters. So is the mail outbox: restoring it would send again what went before the
 * backup (the inbox keeps every notice). The tracker's own secrets are carried: without the ledger's salt the restored
 * chain could not be checked against its content.
 */
export const backupTables: readonly (readonly [string, PgTable])[] = [
  ['frameworks', t.frameworks],
  ['recommendation_groups', t.recommendationGroups],
  ['recommendations', t.recommendations],
  ['states', t.states],
  ['state_roles', t.stateRoleClaims],
  ['sites', t.sites],
  ['site_status_events', t.siteStatusEvents],
  ['indicators', t.indicators],
  ['observations', t.observations],
  ['users', t.users],
  ['user_states', t.userStates],
  ['notifications', t.notifications],
  ['follows', t.follows],
  ['subscriptions', t.subscriptions],
  ['role_policies', t.rolePolicies],
  ['catalogue_translations', t.catalogueTranslations],
  ['evidence', t.evidence],
  ['evidence_recommendations', t.evidenceRecommendations],
  ['evidence_sites', t.evidenceSites],
  ['evidence_revisions', t.evidenceRevisions],
  ['blobs', t.blobs],
  ['blob_chunks', t.blobChunks],
  ['evidence_attachments', t.evidenceAttachments],
  ['assessments', t.assessments],
  ['assessment_evidence', t.assessmentEvidence],
  ['replies', t.replies],
  ['commitments', t.commitments],
  ['commitment_recommendations', t.commitmentRecommendations],
  ['commitment_evidence', t.commitmentEvidence],
  ['intake_submissions', t.intakeSubmissions],
  ['intake_files', t.intakeFiles],
  ['audit_ledger', t.auditLedger],
  ['access_log', t.accessLog],
  ['tracker_secrets', t.trackerSecrets],
  ['record_keys', t.recordKeys],
];

/**
 * Tables added after backups were first made: a backup from before one of them restores it empty
 * (an older tracker had no inbox), rather than being refused as incomplete.
 */
export const laterBackupTables: ReadonlySet<string> = new Set([
  'notifications',
  'follows',
  'subscriptions',
  'replies',
  'commitments',
  'commitment_recommendations',
  'commitment_evidence',
  'intake_submissions',
  'intake_files',
]);

type Row = Record<string, unknown>;

/** A row as JSON: dates as ISO strings, bytes as base64. */
export function encodeRow(table: PgTable, row: Row): Row {
  const columns = getTableColumns(table);
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => {
      const type = columns[key]?.getSQLType();
      if (value instanceof Date) return [key, value.toISOString()];
      if (type === 'bytea' && value instanceof Uint8Array) return [key, Buffer.from(value).toString('base64')];
      return [key, value];
    }),
  );
}

export function decodeRow(table: PgTable, row: Row): Row {
  const columns = getTableColumns(table);
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => {
      const column = columns[key];
      if (value === null || !column) return [key, value];
      if (column.getSQLType().startsWith('timestamp')) return [key, new Date(value as string)];
      if (column.getSQLType() === 'bytea') return [key, new Uint8Array(Buffer.from(value as string, 'base64'))];
      return [key, value];
    }),
  );
}

/** All rows of a table in a stable order (by every column of its primary key, via the row's JSON). */
export async function tableRows(db: Database, table: PgTable): Promise<Row[]> {
  const rows = (await db.select().from(table)) as Row[];
  const order = (r: Row) => JSON.stringify(encodeRow(table, r));
  return rows.map((r) => ({ row: r, key: order(r) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((x) => x.row);
}

/** True when nothing but an empty, migrated schema is there: restore refuses to mix data. */
export async function isEmptyDatabase(db: Database): Promise<boolean> {
  for (const [name, table] of backupTables) {
    // The key check of the key this database was opened with is not data.
    if (name === 'tracker_secrets') continue;
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(table);
    if (Number(row?.n ?? 0) > 0) return false;
  }
  return true;
}

/** Runs `work` on one consistent, read-only snapshot of the whole database. */
export function readOnlySnapshot<T>(db: Database, work: (tx: Database) => Promise<T>): Promise<T> {
  return db.transaction(work, { isolationLevel: 'repeatable read', accessMode: 'read only' });
}

/**
 * Inserts every table's rows in one transaction, keeping ledger sequence numbers as they were, then
 * runs `prove` in the same transaction: when it throws, nothing is restored.
 */
export async function restoreRows<T>(db: Database, rowsOf: (name: string) => Row[], prove: (tx: Database) => Promise<T>): Promise<T & { counts: Record<string, number> }> {
  const secrets = rowsOf('tracker_secrets').map((r) => decodeRow(t.trackerSecrets, r)) as { name: string; value: Uint8Array }[];
  if (!backupOpensWith(secrets, keyring())) {
    throw new AppError('BAD_REQUEST', 'This backup was encrypted with another key: restore it with TRACKER_KEY_FILE pointing at the key file it was made with.');
  }
  return db.transaction(async (tx) => {
    // The backup's own key check and secrets replace the target's.
    if (secrets.length > 0) await tx.delete(t.trackerSecrets);
    const counts: Record<string, number> = {};
    for (const [name, table] of backupTables) {
      const rows = rowsOf(name).map((r) => decodeRow(table, r));
      counts[name] = rows.length;
      for (let i = 0; i < rows.length; i += 500) {
        const part = rows.slice(i, i + 500);
        if (name === 'audit_ledger' || name === 'access_log') await tx.insert(table).overridingSystemValue().values(part);
        else await tx.insert(table).values(part);
      }
    }
    await tx.execute(sql`select setval(pg_get_serial_sequence('audit_ledger', 'seq'), coalesce((select max(seq) from audit_ledger), 0) + 1, false)`);
    await tx.execute(sql`select setval(pg_get_serial_sequence('access_log', 'seq'), coalesce((select max(seq) from access_log), 0) + 1, false)`);
    return { ...(await prove(tx)), counts };
  });
}
