import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { aadOf, isSealedJson, isSealedText, openJson, openText, sealJson, sealText } from '../crypto/seal';
import { digestOf, isSealed, ledgerContentAad } from '../ledger';
import { auditLedger, evidence, evidenceAttachments, evidenceRevisions } from '../schema';
import { reconcileBlob } from './blobs';
import { dataKeyFor, dataKeysFor, unwrapDataKey } from './record-keys';

/**
 * Confidential evidence at rest. An item that is confidential (or holds personal data) has a data
 * key; its title, summary, source fields, review note, retraction reason, attachment file names and
 * proposed change are stored sealed under it, and so, once it has a key, are its revisions and the
 * content of its ledger entries, whatever its visibility later. Its files are sealed under keys of
 * their own (see blobs.ts). Values are sealed before they are written, so plaintext never reaches
 * the database, its write-ahead log or a backup.
 */
export const sealedColumns = ['title', 'summary', 'sourceUrl', 'publisher', 'reviewNote', 'retractionReason'] as const;
type SealedColumn = (typeof sealedColumns)[number];

export const needsSealing = (content: { visibility: string; containsPersonalData: boolean }) => content.visibility === 'confidential' || content.containsPersonalData;

const aad = (id: string, field: string) => aadOf('evidence', id, field);

/**
 * The keys a write uses: `row` seals the item's current fields (present only while it needs
 * sealing), `history` its revisions and ledger content (present once it ever needed it).
 */
export interface EvidenceKeys {
  row: Buffer | null;
  history: Buffer | null;
}

/** Makes the item's key when it needs sealing now; otherwise uses the one it may have from before. */
export async function evidenceKeys(tx: Database, id: string, protect: boolean): Promise<EvidenceKeys> {
  const key = protect ? await dataKeyFor(tx, 'evidence', id, true) : await dataKeyFor(tx, 'evidence', id);
  return { row: protect ? key : null, history: key };
}

/** The columns of an insert or update, with the sealed ones sealed when `key` is given. */
export function sealColumns<T extends Partial<Record<SealedColumn, string | null | undefined>>>(key: Buffer | null, id: string, values: T): T {
  if (!key) return values;
  const out: Record<string, unknown> = { ...values };
  for (const column of sealedColumns) {
    const value = values[column];
    if (typeof value === 'string' && !isSealedText(value)) out[column] = sealText(key, aad(id, column), value);
  }
  return out as T;
}

export const sealPending = (key: Buffer | null, id: string, content: unknown): unknown => (key ? sealJson(key, aad(id, 'pending'), content) : content);
export const sealSnapshot = (key: Buffer | null, id: string, revision: number, snapshot: unknown): unknown =>
  key ? sealJson(key, aad(id, `revision:${revision}`), snapshot) : snapshot;
export const openSnapshot = (key: Buffer | null, id: string, revision: number, snapshot: unknown): unknown =>
  isSealedJson(snapshot) ? (key ? openJson(key, aad(id, `revision:${revision}`), snapshot) : { erased: true }) : snapshot;
export const sealFilename = (key: Buffer | null, id: string, sha256: string, filename: string) => (key ? sealText(key, aad(id, `attachment:${sha256}`), filename) : filename);
export const openFilename = (key: Buffer | undefined, id: string, sha256: string, filename: string) =>
  isSealedText(filename) ? (key ? openText(key, aad(id, `attachment:${sha256}`), filename) : '') : filename;

type Sealable = { id: string } & Partial<Record<SealedColumn, string | null>> & { pendingChange?: unknown; wrappedKey?: Uint8Array | null };

const isRowSealed = (row: Sealable) => sealedColumns.some((c) => isSealedText(row[c])) || isSealedJson(row.pendingChange);

/** Opens rows read from the table; a row whose key was destroyed (erased) opens to empty text. */
export async function openEvidenceRows<T extends Sealable>(db: Database, rows: T[]): Promise<{ rows: T[]; keys: Map<string, Buffer> }> {
  // Rows read with their wrapped key (selectEvidence) need no second query.
  const joined = rows.every((r) => r.wrappedKey !== undefined);
  const keys = joined
    ? new Map(rows.flatMap((r) => (r.wrappedKey ? [[r.id, unwrapDataKey('evidence', r.id, r.wrappedKey)] as const] : [])))
    : await dataKeysFor(
        db,
        'evidence',
        rows.filter(isRowSealed).map((r) => r.id),
      );
  const opened = rows.map((row) => {
    if (!isRowSealed(row)) return row;
    const key = keys.get(row.id);
    const out: Record<string, unknown> = { ...row };
    for (const column of sealedColumns) {
      const value = row[column];
      if (isSealedText(value)) out[column] = key ? openText(key, aad(row.id, column), value) : '';
    }
    if (isSealedJson(row.pendingChange)) out['pendingChange'] = key ? openJson(key, aad(row.id, 'pending'), row.pendingChange) : null;
    return out as T;
  });
  return { rows: opened, keys };
}

/**
 * After an item starts needing sealing: seals what was written of it before (revisions, file
 * names, ledger content) and its files. After it stops: opens its file names and files; revisions
 * and ledger content stay sealed.
 */
export async function resealHistory(tx: Database, id: string, keys: EvidenceKeys): Promise<void> {
  const files = await tx.select({ sha256: evidenceAttachments.sha256, filename: evidenceAttachments.filename }).from(evidenceAttachments).where(eq(evidenceAttachments.evidenceId, id));
  for (const file of files) {
    const plain = openFilename(keys.history ?? undefined, id, file.sha256, file.filename);
    const wanted = sealFilename(keys.row, id, file.sha256, plain);
    if (wanted !== file.filename && (isSealedText(file.filename) !== isSealedText(wanted))) {
      await tx.update(evidenceAttachments).set({ filename: wanted }).where(and(eq(evidenceAttachments.evidenceId, id), eq(evidenceAttachments.sha256, file.sha256)));
    }
    await reconcileBlob(tx, file.sha256);
  }
  if (!keys.history) return;
  const revisions = await tx.select({ id: evidenceRevisions.id, revision: evidenceRevisions.revision, snapshot: evidenceRevisions.snapshot }).from(evidenceRevisions).where(eq(evidenceRevisions.evidenceId, id));
  for (const r of revisions) {
    if (isSealedJson(r.snapshot)) continue;
    await tx.update(evidenceRevisions).set({ snapshot: sealSnapshot(keys.history, id, r.revision, r.snapshot) }).where(eq(evidenceRevisions.id, r.id));
  }
  await sealLedgerContent(tx, 'evidence', id, keys.history);
}

/**
 * Seals the content of a record's ledger entries in place. The chain is untouched: its digests
 * (recorded here for entries written before they were stored) still prove what the content was.
 */
export async function sealLedgerContent(tx: Database, entityType: string, entityId: string, key: Buffer): Promise<void> {
  const rows = await tx
    .select({ seq: auditLedger.seq, at: auditLedger.at, before: auditLedger.before, after: auditLedger.after, beforeDigest: auditLedger.beforeDigest, afterDigest: auditLedger.afterDigest })
    .from(auditLedger)
    .where(and(eq(auditLedger.entityType, entityType), eq(auditLedger.entityId, entityId), or(sql`not (coalesce(${auditLedger.before}, 'null'::jsonb) ? 'sealed')`, sql`not (coalesce(${auditLedger.after}, 'null'::jsonb) ? 'sealed')`)));
  for (const r of rows) {
    const at = r.at.toISOString();
    await tx
      .update(auditLedger)
      .set({
        beforeDigest: r.beforeDigest ?? digestOf(r.before),
        afterDigest: r.afterDigest ?? digestOf(r.after),
        before: isSealed(r.before) ? r.before : sealJson(key, ledgerContentAad(entityType, entityId, at, 'before'), r.before),
        after: isSealed(r.after) ? r.after : sealJson(key, ledgerContentAad(entityType, entityId, at, 'after'), r.after),
      })
      .where(eq(auditLedger.seq, r.seq));
  }
}

/** Items that need sealing but are not sealed yet (stored before encryption existed), a batch at a time. */
export async function unsealedConfidentialEvidence(db: Database, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: evidence.id })
    .from(evidence)
    .where(and(or(eq(evidence.visibility, 'confidential'), eq(evidence.containsPersonalData, true)), isNull(evidence.erasedAt), sql`${evidence.title} not like 'enc:v1:%'`))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Seals one item stored in the clear: its row, then everything written of it before. */
export async function sealStoredEvidence(tx: Database, id: string): Promise<void> {
  const [row] = await tx
    .select({ title: evidence.title, summary: evidence.summary, sourceUrl: evidence.sourceUrl, publisher: evidence.publisher, reviewNote: evidence.reviewNote, retractionReason: evidence.retractionReason, pendingChange: evidence.pendingChange })
    .from(evidence)
    .where(eq(evidence.id, id))
    .for('update');
  if (!row || isSealedText(row.title)) return;
  const keys = await evidenceKeys(tx, id, true);
  const { pendingChange, ...columns } = row;
  await tx
    .update(evidence)
    .set({ ...sealColumns(keys.row, id, columns), pendingChange: pendingChange === null || isSealedJson(pendingChange) ? pendingChange : sealPending(keys.row, id, pendingChange) })
    .where(eq(evidence.id, id));
  await resealHistory(tx, id, keys);
}
