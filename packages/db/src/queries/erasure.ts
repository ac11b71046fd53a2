import { mayEraseEvidence, notFound, requireAllowed, type Viewer } from '@tracker/domain';
import { eq } from 'drizzle-orm';
import type { Database } from '../client';
import { appendLedger } from '../ledger';
import { evidence, evidenceAttachments, evidenceRevisions } from '../schema';
import { compactTables } from '../compact';
import { reconcileBlobs } from './blobs';
import { sealLedgerContent } from './evidence-sealing';
import { evidenceColumns, lifecycleOf } from './evidence-view';
import { dataKeyFor, destroyDataKey } from './record-keys';

/**
 * Erasure on request. Destroys an item's content (title, summary, sources, notes, reasons, its
 * proposed change and every revision), its files unless another item attaches them, and its data
 * key, so whatever was sealed under it anywhere (ledger entries, backups taken after it was sealed)
 * can no longer be read. Keeps the facts the scorecards rest on (State, recommendations, dates,
 * grades, visibility, status) and records the erasure, with its reason, in the ledger, which still
 * verifies: its digests stand for the content. Old row versions are then compacted away.
 */
export async function eraseEvidence(db: Database, actor: Viewer, input: { id: string; reason: string }): Promise<{ id: string; erasedAt: string }> {
  const erasedAt = await db.transaction(async (tx) => {
    const [row] = await tx.select(evidenceColumns).from(evidence).where(eq(evidence.id, input.id)).for('update');
    if (!row) throw notFound('Evidence');
    requireAllowed(mayEraseEvidence(lifecycleOf(row), actor));
    // Whatever the ledger holds of the item in the clear is sealed first, so destroying the key erases it too.
    await sealLedgerContent(tx, 'evidence', row.id, await dataKeyFor(tx, 'evidence', row.id, true));
    const files = await tx.delete(evidenceAttachments).where(eq(evidenceAttachments.evidenceId, row.id)).returning({ sha256: evidenceAttachments.sha256 });
    await reconcileBlobs(
      tx,
      files.map((f) => f.sha256),
    );
    await tx.delete(evidenceRevisions).where(eq(evidenceRevisions.evidenceId, row.id));
    const now = new Date();
    await tx
      .update(evidence)
      .set({
        title: '',
        summary: '',
        sourceUrl: null,
        publisher: null,
        reviewNote: null,
        retractionReason: row.retractedAt ? '' : null,
        pendingChange: null,
        pendingBy: null,
        pendingAt: null,
        erasedAt: now,
        erasedBy: actor.id,
        erasureReason: input.reason,
        revision: row.revision + 1,
        updatedAt: now,
      })
      .where(eq(evidence.id, row.id));
    await destroyDataKey(tx, 'evidence', row.id);
    await appendLedger(tx, { actorId: actor.id, action: 'evidence.erase', entityType: 'evidence', entityId: row.id, after: { reason: input.reason, files: files.length } });
    return now;
  });
  await compactTables(db);
  return { id: input.id, erasedAt: erasedAt.toISOString() };
}
