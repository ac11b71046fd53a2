import { randomUUID } from 'node:crypto';
import { blobBytes, reconcileBlob, storeBlob } from './blobs';
import {
  evidenceKeys,
  needsSealing,
  openEvidenceRows,
  openSnapshot,
  resealHistory,
  sealColumns,
  sealFilename,
  sealPending,
  sealSnapshot,
  type EvidenceKeys,
} from './evidence-sealing';
import { dataKeyFor } from './record-keys';
import { notify } from './notifications';
import { tellFollowers } from './following';
import { linksFor } from './evidence-links';

export { linksFor };
import { claimIdempotencyKey, requestDigest, settleIdempotencyKey } from './idempotency';
import {
  AppError,
  editOutcome,
  isReviewerRole,
  mayAttachToEvidence,
  mayEditEvidence,
  mayRetractEvidence,
  mayReviewEvidence,
  maySubmitEvidence,
  notFound,
  protects,
  requireAllowed,
  type EvidenceCreateInput,
  type EvidenceListInput,
  type EvidenceSort,
  type EvidenceUpdateInput,
  type Viewer,
} from '@tracker/domain';
import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { clearTextMatches, filterConditions, holdsText, sealedText } from './evidence-filter';
import { after, decodeCursor, encodeCursor, orderBy, sortKey } from './evidence-order';
import type { Database } from '../client';
import { appendLedger, canonicalJson, type LedgerEntry } from '../ledger';
import {
  evidence,
  evidenceAttachments,
  evidenceRecommendations,
  evidenceRevisions,
  evidenceSites,
  intakeSubmissions,
} from '../schema';
import { contentOf, lifecycleOf, selectEvidence, projectEvidence, readableWhere, type EvidenceContent, type EvidenceLinks, type EvidenceRow, type EvidenceView } from './evidence-view';
import { fieldError, recommendationIds, requireSitesIn, requireState } from './lookups';
import { requireStateAllowed } from './users';


/** Rows as read from the table, opened: what every read of evidence goes through. */
async function readRows(db: Database, rows: EvidenceRow[]): Promise<{ rows: EvidenceRow[]; keys: Map<string, Buffer> }> {
  return openEvidenceRows(db, rows);
}

async function project(db: Database, raw: EvidenceRow[], viewer: Viewer | null): Promise<EvidenceView[]> {
  const { rows, keys } = await readRows(db, raw);
  const links = await linksFor(
    db,
    rows.map((r) => r.id),
    keys,
  );
  const views = rows.map((row) => projectEvidence(row, links.get(row.id) as EvidenceLinks, viewer));
  if (!viewer || viewer.role === 'policymaker' || views.length === 0) return views;
  // Staff see which items were made from information sent from outside.
  const sources = await db
    .select({ evidenceId: intakeSubmissions.evidenceId, receivedAt: intakeSubmissions.receivedAt })
    .from(intakeSubmissions)
    .where(inArray(intakeSubmissions.evidenceId, views.map((v) => v.id)));
  const received = new Map(sources.map((s) => [s.evidenceId, s.receivedAt.toISOString()]));
  return views.map((v) => ({ ...v, fromIntake: received.has(v.id) ? { receivedAt: received.get(v.id) as string } : null }));
}

/** Reads one row as the viewer may see it; hidden and missing rows look the same (no existence leak). */
export async function getEvidence(db: Database, viewer: Viewer | null, id: string): Promise<EvidenceView> {
  const rows = await selectEvidence(db).where(and(eq(evidence.id, id), readableWhere(viewer)));
  const [view] = await project(db, rows, viewer);
  if (!view) throw notFound('Evidence');
  return view;
}

/** Earlier revisions of an item, kept whole; only reviewers and admins read them. */
export async function evidenceRevisionsOf(db: Database, viewer: Viewer, id: string) {
  if (!isReviewerRole(viewer.role)) throw new AppError('FORBIDDEN', 'Only reviewers read earlier revisions.');
  const rows = await db
    .select({ revision: evidenceRevisions.revision, snapshot: evidenceRevisions.snapshot, changedBy: evidenceRevisions.changedBy, createdAt: evidenceRevisions.createdAt })
    .from(evidenceRevisions)
    .where(eq(evidenceRevisions.evidenceId, id))
    .orderBy(evidenceRevisions.revision);
  const key = rows.length > 0 ? await dataKeyFor(db, 'evidence', id) : null;
  return rows.map((r) => ({ ...r, snapshot: openSnapshot(key, id, r.revision, r.snapshot), createdAt: r.createdAt.toISOString() }));
}

/**
 * In the order asked for (newest publication first by default), keyset-paginated; every filter
 * combines with what the viewer may read.
 */
export async function listEvidence(db: Database, viewer: Viewer | null, filter: EvidenceListInput) {
  const sort = filter.sort ?? 'newest';
  const conditions = filterConditions(viewer, filter);
  if (filter.cursor) conditions.push(after(sort, decodeCursor(sort, filter.cursor)));
  const query = (where: SQL | undefined, limit: number) =>
    selectEvidence(db)
      .where(where)
      .orderBy(...orderBy(sort))
      .limit(limit);
  if (!filter.q) {
    const rows = await query(and(...conditions), filter.limit + 1);
    return pageOf(db, rows, filter.limit, viewer, sort);
  }
  // Words in the clear are found by the trigram index. Sealed items (only those the viewer may read
  // reach this query) are opened and searched here: linear in the confidential items that pass the
  // other filters, read a batch at a time until the page is full.
  const matches = holdsText(filter.q);
  const found: EvidenceRow[] = [];
  let before: EvidenceRow | undefined;
  for (;;) {
    const batch = Math.max(100, filter.limit + 1);
    const where = and(...conditions, or(clearTextMatches(filter.q), sealedText), before ? after(sort, sortKey(sort, before)) : undefined);
    const raw = await query(where, batch);
    const { rows } = await readRows(db, raw);
    found.push(...rows.filter(matches));
    before = raw.at(-1);
    if (found.length > filter.limit || raw.length < batch) break;
  }
  return pageOf(db, found.slice(0, filter.limit + 1), filter.limit, viewer, sort);
}

/** A page of `limit` rows, and the cursor to the next when there is one more. */
async function pageOf(db: Database, rows: EvidenceRow[], limit: number, viewer: Viewer | null, sort: EvidenceSort) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: await project(db, page, viewer),
    nextCursor: rows.length > limit && last ? encodeCursor(sort, last) : null,
  };
}

/** Locks an item the actor may read and returns it opened, with its data key when it has one. */
async function lockRow(tx: Database, viewer: Viewer | null, id: string): Promise<{ row: EvidenceRow; key: Buffer | null }> {
  const raw = await selectEvidence(tx)
    .where(and(eq(evidence.id, id), viewer ? readableWhere(viewer) : undefined))
    .for('update');
  const { rows, keys } = await readRows(tx, raw);
  const [row] = rows;
  if (!row) throw notFound('Evidence');
  return { row, key: keys.get(id) ?? (await dataKeyFor(tx, 'evidence', id)) };
}

async function replaceLinks(tx: Database, id: string, recIds: string[] | null, siteIds: string[] | null) {
  if (recIds) {
    await tx.delete(evidenceRecommendations).where(eq(evidenceRecommendations.evidenceId, id));
    if (recIds.length > 0) await tx.insert(evidenceRecommendations).values(recIds.map((recommendationId) => ({ evidenceId: id, recommendationId })));
  }
  if (siteIds) {
    await tx.delete(evidenceSites).where(eq(evidenceSites.evidenceId, id));
    if (siteIds.length > 0) await tx.insert(evidenceSites).values(siteIds.map((siteId) => ({ evidenceId: id, siteId })));
  }
}

/** Appends an item's ledger entry, its content sealed once the item has a key. */
const ledgerEntry = (tx: Database, keys: EvidenceKeys, entry: Omit<LedgerEntry, 'entityType'>) => appendLedger(tx, { ...entry, entityType: 'evidence' }, { seal: keys.history });

export async function createEvidence(db: Database, actor: Viewer, input: EvidenceCreateInput): Promise<EvidenceView> {
  const { idempotencyKey, ...request } = input;
  return db.transaction(async (tx) => {
    const earlier = await claimIdempotencyKey(tx, actor, idempotencyKey, 'evidence.create', requestDigest(request));
    if (earlier) return getEvidence(tx, actor, earlier);
    await requireState(tx, input.iso3);
    await requireStateAllowed(tx, actor, input.iso3);
    const recIds = await recommendationIds(tx, input.recommendationKeys);
    await requireSitesIn(tx, input.iso3, input.siteIds);
    const { recommendationKeys: _keys, siteIds, ...fields } = request;
    // The id is chosen here so a confidential item's content is sealed before it is first written.
    const id = randomUUID();
    const keys = await evidenceKeys(tx, id, needsSealing(fields));
    await tx.insert(evidence).values({ ...sealColumns(keys.row, id, fields), id, status: 'draft', createdBy: actor.id, contentChangedBy: actor.id });
    await replaceLinks(tx, id, [...recIds.values()], siteIds);
    await ledgerEntry(tx, keys, { actorId: actor.id, action: 'evidence.create', entityId: id, after: request });
    await settleIdempotencyKey(tx, actor, idempotencyKey, id);
    return getEvidence(tx, actor, id);
  });
}

const sameContent = (a: EvidenceContent, b: EvidenceContent) =>
  canonicalJson({ ...a, recommendationKeys: [...a.recommendationKeys].sort(), siteIds: [...a.siteIds].sort() }) ===
  canonicalJson({ ...b, recommendationKeys: [...b.recommendationKeys].sort(), siteIds: [...b.siteIds].sort() });

/**
 * Checks a full content against the catalogue and the actor's State limits (the old State's and the
 * new one's) and returns the recommendation ids it links.
 */
async function checkContent(tx: Database, actor: Viewer, from: EvidenceContent, to: EvidenceContent): Promise<string[]> {
  if (to.containsPersonalData && to.visibility !== 'confidential') {
    throw fieldError('visibility', 'an item with personal data stays confidential; clear the personal-data flag first (a second person reviews that).');
  }
  if (to.iso3 !== from.iso3) await requireState(tx, to.iso3);
  await requireStateAllowed(tx, actor, from.iso3);
  await requireStateAllowed(tx, actor, to.iso3);
  const recIds = [...(await recommendationIds(tx, to.recommendationKeys)).values()];
  await requireSitesIn(tx, to.iso3, to.siteIds);
  return recIds;
}

/**
 * Writes a full content over the row, keeping the earlier one as a revision, sealed as the new
 * content requires; when that changes (to or from confidential), everything kept of the item
 * follows in the same transaction. Returns the keys the item has now.
 */
async function applyContent(
  tx: Database,
  row: EvidenceRow,
  before: EvidenceContent,
  to: EvidenceContent,
  changedBy: string,
  recIds: string[],
  extra: Partial<typeof evidence.$inferInsert> = {},
): Promise<EvidenceKeys> {
  const keys = await evidenceKeys(tx, row.id, needsSealing(to));
  await tx.insert(evidenceRevisions).values({ evidenceId: row.id, revision: row.revision, snapshot: sealSnapshot(keys.history, row.id, row.revision, before), changedBy });
  const { recommendationKeys: _k, siteIds, ...fields } = to;
  const columns = { reviewNote: extra.reviewNote === undefined ? row.reviewNote : extra.reviewNote, retractionReason: row.retractionReason };
  await tx
    .update(evidence)
    .set({ ...extra, ...sealColumns(keys.row, row.id, { ...fields, ...columns }), revision: row.revision + 1, contentChangedBy: changedBy, updatedAt: new Date() })
    .where(eq(evidence.id, row.id));
  await replaceLinks(tx, row.id, recIds, siteIds);
  if (needsSealing(to) !== needsSealing(before)) await resealHistory(tx, row.id, keys);
  return keys;
}

/**
 * Edits an item, changing only the fields sent. A draft or returned item changes in place. A
 * verified item keeps what is published: the edit becomes a proposed change that another person
 * reviews. Only a change that hides more (more restrictive visibility, personal data flagged)
 * applies at once, so nobody has to wait for a second person to protect someone.
 */
export async function updateEvidence(db: Database, actor: Viewer, input: EvidenceUpdateInput): Promise<EvidenceView> {
  return db.transaction(async (tx) => {
    const { row, key } = await lockRow(tx, actor, input.id);
    requireAllowed(mayEditEvidence(lifecycleOf(row), actor));
    if (input.revision !== row.revision) {
      throw new AppError('CONFLICT', `This item changed since you opened it (now revision ${row.revision}). Reload it and apply your change again.`);
    }
    const { id, revision: _seen, ...changes } = input;
    const links = (await linksFor(tx, [id], keyMap(id, key))).get(id) as EvidenceLinks;
    const before = contentOf(row, links);
    // Only the fields sent change; an explicit null clears an optional field.
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<EvidenceContent>;
    const after: EvidenceContent = { ...before, ...defined };
    await changeContent(tx, actor, row, before, after);
    return getEvidence(tx, actor, id);
  });
}

const keyMap = (id: string, key: Buffer | null) => new Map<string, Buffer>(key ? [[id, key]] : []);

/**
 * Changes an item's content under the lifecycle rules, as an edit or an import does: in place for a
 * draft or returned item (`resubmit` sends a returned one back to review), as a proposed change for
 * a verified one, with protection applied at once. The caller has locked the row and checked
 * `mayEditEvidence`.
 */
export async function changeContent(
  tx: Database,
  actor: Viewer,
  row: EvidenceRow,
  before: EvidenceContent,
  after: EvidenceContent,
  options: { resubmit?: boolean } = {},
): Promise<void> {
  if (sameContent(before, after)) return;
  const recIds = await checkContent(tx, actor, before, after);
  const id = row.id;
  if (editOutcome(row) === 'in_place') {
    const resubmit = options.resubmit && row.status === 'rejected';
    const keys = await applyContent(tx, row, before, after, actor.id, recIds, resubmit ? { status: 'submitted', submittedAt: new Date(), reviewedBy: null, reviewedAt: null, reviewNote: null } : {});
    await ledgerEntry(tx, keys, { actorId: actor.id, action: 'evidence.update', entityId: id, before, after: { ...after, revision: row.revision + 1, ...(resubmit ? { status: 'submitted' } : {}) } });
    return;
  }
  let current = before;
  let keys = await evidenceKeys(tx, id, needsSealing(before));
  if (protects(before, after)) {
    // Hide at once what the change hides; the rest of it still waits for review.
    current = { ...before, visibility: after.visibility, containsPersonalData: after.containsPersonalData };
    keys = await applyContent(tx, row, before, current, actor.id, [...(await recommendationIds(tx, before.recommendationKeys)).values()]);
    await ledgerEntry(tx, keys, {
      actorId: actor.id,
      action: 'evidence.protect',
      entityId: id,
      before: { visibility: before.visibility, containsPersonalData: before.containsPersonalData },
      after: { visibility: after.visibility, containsPersonalData: after.containsPersonalData, revision: row.revision + 1 },
    });
    if (sameContent(current, after)) return;
  }
  // A proposal is sealed whenever the item or the proposal is confidential.
  const pendingKey = keys.row ?? (needsSealing(after) ? await dataKeyFor(tx, 'evidence', id, true) : null);
  await tx.update(evidence).set({ pendingChange: sealPending(pendingKey, id, after), pendingBy: actor.id, pendingAt: new Date(), updatedAt: new Date() }).where(eq(evidence.id, id));
  await ledgerEntry(tx, { row: pendingKey, history: keys.history ?? pendingKey }, { actorId: actor.id, action: 'evidence.propose', entityId: id, before: current, after });
}

export async function submitEvidence(db: Database, actor: Viewer, id: string): Promise<EvidenceView> {
  return db.transaction(async (tx) => {
    const { row, key } = await lockRow(tx, actor, id);
    requireAllowed(maySubmitEvidence(lifecycleOf(row), actor));
    await requireStateAllowed(tx, actor, row.iso3);
    // A draft made from a submission from outside may not name its recommendations yet.
    const [linked] = await tx.select({ id: evidenceRecommendations.recommendationId }).from(evidenceRecommendations).where(eq(evidenceRecommendations.evidenceId, id)).limit(1);
    if (!linked) throw fieldError('recommendationKeys', 'Link at least one recommendation before sending it for review.');
    await tx.update(evidence).set({ status: 'submitted', submittedAt: new Date(), updatedAt: new Date() }).where(eq(evidence.id, id));
    await ledgerEntry(tx, { row: key, history: key }, { actorId: actor.id, action: 'evidence.submit', entityId: id, before: { status: row.status }, after: { status: 'submitted' } });
    return getEvidence(tx, actor, id);
  });
}

/**
 * A second person decides. On a first submission: verify publishes it, reject returns it to the
 * author. On a proposed change to a verified item: verify applies the change, reject drops it and
 * the item stays as published. Neither the author nor whoever made the change may decide, and the
 * row is locked, so of two reviewers deciding at once exactly one wins.
 */
export async function reviewEvidence(
  db: Database,
  actor: Viewer,
  input: { id: string; decision: 'verify' | 'reject'; note: string; revision?: number | undefined },
): Promise<EvidenceView> {
  return db.transaction(async (tx) => {
    const { row, key } = await lockRow(tx, null, input.id);
    requireAllowed(mayReviewEvidence(lifecycleOf(row), actor));
    if (input.revision !== undefined && input.revision !== row.revision) {
      throw new AppError('CONFLICT', `This item changed since you read it (now revision ${row.revision}). Read it again before deciding.`);
    }
    await requireStateAllowed(tx, actor, row.iso3);
    const now = new Date();
    const itemKeys = { row: needsSealing(row) ? key : null, history: key };
    if (row.pendingBy) {
      const change = row.pendingChange as EvidenceContent;
      const links = (await linksFor(tx, [row.id], keyMap(row.id, key))).get(row.id) as EvidenceLinks;
      const before = contentOf(row, links);
      const cleared = { pendingChange: null, pendingBy: null, pendingAt: null };
      let keys = itemKeys;
      if (input.decision === 'verify') {
        const recIds = await checkContent(tx, { id: row.pendingBy, role: 'reviewer' }, before, change);
        keys = await applyContent(tx, row, before, change, row.pendingBy, recIds, { ...cleared, reviewedBy: actor.id, reviewedAt: now, reviewNote: input.note });
      } else {
        await tx.update(evidence).set({ ...cleared, updatedAt: now }).where(eq(evidence.id, row.id));
      }
      await ledgerEntry(tx, keys, {
        actorId: actor.id,
        action: input.decision === 'verify' ? 'evidence.verify_change' : 'evidence.reject_change',
        entityId: row.id,
        before,
        after: { decision: input.decision, note: input.note, proposedBy: row.pendingBy, ...(input.decision === 'verify' ? { content: change, revision: row.revision + 1 } : {}) },
      });
      await notify(tx, { userId: row.pendingBy, kind: input.decision === 'verify' ? 'change_verified' : 'change_rejected', entityId: row.id });
      if (input.decision === 'verify' && change.visibility === 'public') await tellFollowers(tx, { kind: 'followed_evidence', entityId: row.id, iso3: change.iso3, actorId: actor.id });
      return getEvidence(tx, actor, row.id);
    }
    const decided = await tx
      .update(evidence)
      .set({
        status: input.decision === 'verify' ? 'verified' : 'rejected',
        reviewedBy: actor.id,
        reviewedAt: now,
        ...sealColumns(itemKeys.row, row.id, { reviewNote: input.note }),
        updatedAt: now,
      })
      .where(and(eq(evidence.id, input.id), eq(evidence.status, 'submitted'), eq(evidence.revision, row.revision)))
      .returning({ id: evidence.id });
    if (decided.length === 0) throw new AppError('CONFLICT', 'Another reviewer decided this item first.');
    await ledgerEntry(tx, itemKeys, {
      actorId: actor.id,
      action: `evidence.${input.decision}`,
      entityId: input.id,
      before: { status: row.status, revision: row.revision },
      after: { status: input.decision === 'verify' ? 'verified' : 'rejected', note: input.note },
    });
    await notify(tx, { userId: row.createdBy, kind: input.decision === 'verify' ? 'evidence_verified' : 'evidence_rejected', entityId: row.id });
    if (input.decision === 'verify' && row.visibility === 'public') await tellFollowers(tx, { kind: 'followed_evidence', entityId: row.id, iso3: row.iso3, actorId: actor.id });
    return getEvidence(tx, actor, input.id);
  });
}

/**
 * Verified items are never deleted: they are retracted with a reason that stays visible. A change
 * proposed to the item is dropped with it.
 */
export async function retractEvidence(db: Database, actor: Viewer, input: { id: string; reason: string }): Promise<EvidenceView> {
  return db.transaction(async (tx) => {
    const { row, key } = await lockRow(tx, actor, input.id);
    requireAllowed(mayRetractEvidence(lifecycleOf(row), actor));
    await requireStateAllowed(tx, actor, row.iso3);
    const keys = { row: needsSealing(row) ? key : null, history: key };
    const done = await tx
      .update(evidence)
      .set({ retractedAt: new Date(), retractedBy: actor.id, ...sealColumns(keys.row, row.id, { retractionReason: input.reason }), pendingChange: null, pendingBy: null, pendingAt: null, updatedAt: new Date() })
      .where(and(eq(evidence.id, input.id), sql`${evidence.retractedAt} is null`))
      .returning({ id: evidence.id });
    if (done.length === 0) throw new AppError('CONFLICT', 'This item is already retracted.');
    await ledgerEntry(tx, keys, { actorId: actor.id, action: 'evidence.retract', entityId: input.id, after: { reason: input.reason, droppedChangeBy: row.pendingBy } });
    return getEvidence(tx, actor, input.id);
  });
}

export interface AttachmentContent {
  filename: string;
  bytes: Uint8Array;
  sha256: string;
  mediaType: string;
}

/**
 * Stores the file once per SHA-256 and links it to the item (the author's draft or returned item).
 * A confidential item's file name is sealed under its key, and the file sealed under a key of its
 * own while every item that attaches it is confidential.
 */
export async function attachToEvidence(db: Database, actor: Viewer, id: string, file: AttachmentContent, idempotencyKey?: string): Promise<EvidenceView> {
  return db.transaction(async (tx) => {
    const earlier = await claimIdempotencyKey(tx, actor, idempotencyKey, 'evidence.attach', requestDigest({ id, sha256: file.sha256, filename: file.filename }));
    if (earlier) return getEvidence(tx, actor, earlier);
    const { row, key } = await lockRow(tx, actor, id);
    requireAllowed(mayAttachToEvidence(lifecycleOf(row), actor));
    await requireStateAllowed(tx, actor, row.iso3);
    const keys = { row: needsSealing(row) ? key : null, history: key };
    await tx.update(evidence).set({ contentChangedBy: actor.id, updatedAt: new Date() }).where(eq(evidence.id, id));
    await storeBlob(tx, file, keys.row !== null);
    await tx
      .insert(evidenceAttachments)
      .values({ evidenceId: id, sha256: file.sha256, filename: sealFilename(keys.row, id, file.sha256, file.filename), addedBy: actor.id })
      .onConflictDoNothing();
    await reconcileBlob(tx, file.sha256);
    await ledgerEntry(tx, keys, {
      actorId: actor.id,
      action: 'evidence.attach',
      entityId: id,
      after: { sha256: file.sha256, filename: file.filename, size: file.bytes.byteLength, mediaType: file.mediaType },
    });
    await settleIdempotencyKey(tx, actor, idempotencyKey, id);
    return getEvidence(tx, actor, id);
  });
}

/**
 * An attachment, if the viewer may read the item it is attached to (else NOT_FOUND): what it is,
 * and its bytes as a stream of chunks.
 */
export async function attachmentContent(db: Database, viewer: Viewer | null, evidenceId: string, sha256: string) {
  const item = await getEvidence(db, viewer, evidenceId);
  const file = item.attachments.find((a) => a.sha256 === sha256);
  if (!file) throw notFound('Attachment');
  return { ...file, visibility: item.visibility, chunks: () => blobBytes(db, sha256) };
}
