import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../client';
import { exportLedger, type ExportedEntry } from '../ledger';
import { assessments, evidence } from '../schema';

/** Ledgered kinds of record the public may read whatever their id: the catalogue. */
const catalogueTypes = new Set(['framework', 'recommendation_group', 'recommendation', 'catalogue_translation', 'demo']);

/**
 * Which of these records the public may read now: verified public evidence, approved assessments,
 * the catalogue. Accounts, role policies, imports and everything unreviewed or confidential are not.
 */
export async function publicRecordIds(db: Database, entityType: string, ids: string[]): Promise<Set<string>> {
  if (catalogueTypes.has(entityType)) return new Set(ids);
  const uuids = ids.filter((id) => /^[0-9a-f-]{36}$/.test(id));
  if (uuids.length === 0) return new Set();
  if (entityType === 'evidence') {
    const rows = await db
      .select({ id: evidence.id })
      .from(evidence)
      .where(and(inArray(evidence.id, uuids), eq(evidence.status, 'verified'), eq(evidence.visibility, 'public')));
    return new Set(rows.map((r) => r.id));
  }
  if (entityType === 'assessment') {
    const rows = await db.select({ id: assessments.id }).from(assessments).where(and(inArray(assessments.id, uuids), eq(assessments.reviewState, 'approved')));
    return new Set(rows.map((r) => r.id));
  }
  return new Set();
}

/** The chain for anyone to verify: see `exportLedger`. */
export const exportPublicLedger = (db: Database, onEntries: (entries: ExportedEntry[]) => Promise<void>) =>
  exportLedger(db, (type, ids) => publicRecordIds(db, type, ids), onEntries);
