import { claimIdempotencyKey, requestDigest, settleIdempotencyKey } from './idempotency';
import {
  AppError,
  notFound,
  type EvidenceCreateInput,
  type EvidenceListInput,
  type EvidenceUpdateInput,
  type Viewer,
} from '@tracker/domain';
import { and, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client';
import { appendLedger } from '../ledger';
import {
  blobs,
  evidence,
  evidenceAttachments,
  evidenceRecommendations,
  evidenceRevisions,
  evidenceSites,
  recommendations,
  sites,
} from '../schema';
import { evidenceColumns, projectEvidence, readableWhere, type EvidenceLinks, type EvidenceRow, type EvidenceView } from './evidence-view';
import { recommendationIds, requireSitesIn, requireState } from './lookups';
import { requireStateAllowed } from './users';

const isReviewer = (actor: Viewer) => actor.role === 'reviewer' || actor.role === 'admin';

async function linksFor(db: Database, ids: string[]): Promise<Map<string, EvidenceLinks>> {
  const links = new Map<string, EvidenceLinks>(ids.map((id) => [id, { recommendationKeys: [], sites: [], attachments: [] }]));
  if (ids.length === 0) return links;
  const [recs, siteRows, files] = await Promise.all([
    db
      .select({ evidenceId: evidenceRecommendations.evidenceId, key: recommendations.key })
      .from(evidenceRecommendations)
      .innerJoin(recommendations, eq(recommendations.id, evidenceRecommendations.recommendationId))
      .where(inArray(evidenceRecommendations.evidenceId, ids))
      .orderBy(recommendations.position),
    db
      .select({ evidenceId: evidenceSites.evidenceId, id: sites.id, name: sites.name })
      .from(evidenceSites)
      .innerJoin(sites, eq(sites.id, evidenceSites.siteId))
      .where(inArray(evidenceSites.evidenceId, ids))
      .orderBy(sites.name),
    db
      .select({
        evidenceId: evidenceAttachments.evidenceId,
        sha256: evidenceAttachments.sha256,
        filename: evidenceAttachments.filename,
        size: blobs.size,
        mediaType: blobs.mediaType,
      })
      .from(evidenceAttachments)
      .innerJoin(blobs, eq(blobs.sha256, evidenceAttachments.sha256))
      .where(inArray(evidenceAttachments.evidenceId, ids))
      .orderBy(evidenceAttachments.createdAt),
  ]);
  for (const { evidenceId, key } of recs) links.get(evidenceId)?.recommendationKeys.push(key);
  for (const { evidenceId, ...site } of siteRows) links.get(evidenceId)?.sites.push(site);
  for (const { evidenceId, ...file } of files) links.get(evidenceId)?.attachments.push(file);
  return links;
}

async function project(db: Database, rows: EvidenceRow[], viewer: Viewer | null): Promise<EvidenceView[]> {
  const links = await linksFor(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => projectEvidence(row, links.get(row.id) as EvidenceLinks, viewer));
}

/** Reads one row as the viewer may see it; hidden and missing rows look the same (no existence leak). */
export async function getEvidence(db: Database, viewer: Viewer | null, id: string): Promise<EvidenceView> {
  const rows = await db
    .select(evidenceColumns)
    .from(evidence)
    .where(and(eq(evidence.id, id), readableWhere(viewer)));
  const [view] = await project(db, rows, viewer);
  if (!view) throw notFound('Evidence');
  return view;
}

/** Earlier revisions of an item, kept whole; only reviewers and admins read them. */
export async function evidenceRevisionsOf(db: Database, viewer: Viewer, id: string) {
  if (!isReviewer(viewer)) throw new AppError('FORBIDDEN', 'Only reviewers read earlier revisions.');
  const rows = await db
    .select({ revision: evidenceRevisions.revision, snapshot: evidenceRevisions.snapshot, changedBy: evidenceRevisions.changedBy, createdAt: evidenceRevisions.createdAt })
    .from(evidenceRevisions)
    .where(eq(evidenceRevisions.evidenceId, id))
    .orderBy(evidenceRevisions.revision);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(createdAt.getTime())) {
    throw new AppError('BAD_REQUEST', 'cursor: use the nextCursor of a previous page.', {
      issues: [{ path: 'cursor', message: 'use the nextCursor of a previous page.' }],
    });
  }
  return { createdAt, id };
}

/** `%`, `_` and `\` are literal in the user's search text. */
const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Newest first, keyset-paginated; every filter combines with what the viewer may read. */
export async function listEvidence(db: Database, viewer: Viewer | null, filter: EvidenceListInput) {
  const conditions: (SQL | undefined)[] = [readableWhere(viewer)];
  if (filter.mine) conditions.push(viewer ? eq(evidence.createdBy, viewer.id) : sql`false`);
  if (filter.iso3) conditions.push(eq(evidence.iso3, filter.iso3));
  if (filter.kind) conditions.push(eq(evidence.kind, filter.kind));
  if (filter.direction) conditions.push(eq(evidence.direction, filter.direction));
  if (filter.status) conditions.push(eq(evidence.status, filter.status));
  if (filter.visibility) conditions.push(eq(evidence.visibility, filter.visibility));
  if (filter.publishedFrom) conditions.push(gte(evidence.publishedOn, filter.publishedFrom));
  if (filter.publishedTo) conditions.push(lte(evidence.publishedOn, filter.publishedTo));
  if (filter.recommendationKey) {
    conditions.push(
      sql`exists (select 1 from ${evidenceRecommendations} er join ${recommendations} r on r.id = er.recommendation_id
        where er.evidence_id = ${evidence.id} and r.key = ${filter.recommendationKey})`,
    );
  }
  if (filter.siteId) {
    conditions.push(sql`exists (select 1 from ${evidenceSites} es where es.evidence_id = ${evidence.id} and es.site_id = ${filter.siteId})`);
  }
  if (filter.q) {
    conditions.push(sql`lower(${evidence.title} || ' ' || ${evidence.summary}) like ${likePattern(filter.q)} escape '\\'`);
  }
  if (filter.cursor) {
    const after = decodeCursor(filter.cursor);
    conditions.push(sql`(${evidence.createdAt}, ${evidence.id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)`);
  }
  const rows = await db
    .select(evidenceColumns)
    .from(evidence)
    .where(and(...conditions))
    .orderBy(desc(evidence.createdAt), desc(evidence.id))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    items: await project(db, page, viewer),
    nextCursor: rows.length > filter.limit && last ? encodeCursor(last) : null,
  };
}

async function lockRow(tx: Database, viewer: Viewer, id: string): Promise<EvidenceRow> {
  const [row] = await tx
    .select(evidenceColumns)
    .from(evidence)
    .where(and(eq(evidence.id, id), readableWhere(viewer)))
    .for('update');
  if (!row) throw notFound('Evidence');
  return row;
}

async function replaceLinks(tx: Database, id: string, recIds: string[] | null, siteIds: string[] | null) {
  if (recIds) {
    await tx.delete(evidenceRecommendations).where(eq(evidenceRecommendations.evidenceId, id));
    await tx.insert(evidenceRecommendations).values(recIds.map((recommendationId) => ({ evidenceId: id, recommendationId })));
  }
  if (siteIds) {
    await tx.delete(evidenceSites).where(eq(evidenceSites.evidenceId, id));
    if (siteIds.length > 0) await tx.insert(evidenceSites).values(siteIds.map((siteId) => ({ evidenceId: id, siteId })));
  }
}

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
    const [row] = await tx
      .insert(evidence)
      .values({ ...fields, status: 'draft', createdBy: actor.id })
      .returning({ id: evidence.id });
    if (!row) throw new Error('insert returned no row');
    await replaceLinks(tx, row.id, [...recIds.values()], siteIds);
    await appendLedger(tx, { actorId: actor.id, action: 'evidence.create', entityType: 'evidence', entityId: row.id, after: request });
    await settleIdempotencyKey(tx, actor, idempotencyKey, row.id);
    return getEvidence(tx, actor, row.id);
  });
}

/**
 * Edits an item. Drafts and rejected items are edited by their author; a verified item may be
 * changed by its author or a reviewer, which keeps the old revision and sends it back for review,
 * so nothing verified is ever silently changed.
 */
export async function updateEvidence(db: Database, actor: Viewer, input: EvidenceUpdateInput): Promise<EvidenceView> {
  return db.transaction(async (tx) => {
    const row = await lockRow(tx, actor, input.id);
    const mine = row.createdBy === actor.id;
    if (!mine && !(row.status === 'verified' && isReviewer(actor))) {
      throw new AppError('FORBIDDEN', 'Only the author can edit this item.');
    }
    if (input.revision !== row.revision) {
      throw new AppError('CONFLICT', `This item changed since you opened it (now revision ${row.revision}). Reload it and apply your change again.`);
    }
    if (row.status === 'submitted') throw new AppError('CONFLICT', 'This item is under review; wait for the decision before editing.');
    if (row.retractedAt) throw new AppError('CONFLICT', 'A retracted item cannot be edited.');

    const { id, revision: _seen, recommendationKeys, siteIds, ...changes } = input;
    const iso3 = changes.iso3 ?? row.iso3;
    if (changes.iso3) await requireState(tx, iso3);
    await requireStateAllowed(tx, actor, iso3);
    const recIds = recommendationKeys ? [...(await recommendationIds(tx, recommendationKeys)).values()] : null;
    const currentSites = siteIds ?? (await tx.select({ id: evidenceSites.siteId }).from(evidenceSites).where(eq(evidenceSites.evidenceId, id))).map((s) => s.id);
    await requireSitesIn(tx, iso3, currentSites);

    const links = (await linksFor(tx, [id])).get(id);
    await tx.insert(evidenceRevisions).values({ evidenceId: id, revision: row.revision, snapshot: { ...row, ...links }, changedBy: actor.id });
    const reopened = row.status === 'verified';
    await tx
      .update(evidence)
      .set({
        ...changes,
        revision: row.revision + 1,
        updatedAt: new Date(),
        ...(reopened ? { status: 'submitted' as const, submittedAt: new Date(), reviewedBy: null, reviewedAt: null, reviewNote: null } : {}),
      })
      .where(eq(evidence.id, id));
    await replaceLinks(tx, id, recIds, siteIds ?? null);
    await appendLedger(tx, {
      actorId: actor.id,
      action: 'evidence.update',
      entityType: 'evidence',
      entityId: id,
      before: { ...row, ...links },
      after: { ...changes, ...(recommendationKeys ? { recommendationKeys } : {}), ...(siteIds ? { siteIds } : {}), revision: row.revision + 1, reopened },
    });
    return getEvidence(tx, actor, id);
  });
}

export async function submitEvidence(db: Database, actor: Viewer, id: string): Promise<EvidenceView> {
  return db.transaction(async (tx) => {
    const row = await lockRow(tx, actor, id);
    if (row.createdBy !== actor.id) throw new AppError('FORBIDDEN', 'Only the author can submit this item.');
    if (row.status !== 'draft' && row.status !== 'rejected') {
      throw new AppError('CONFLICT', `This item is already ${row.status}.`);
    }
    await tx.update(evidence).set({ status: 'submitted', submittedAt: new Date(), updatedAt: new Date() }).where(eq(evidence.id, id));
    await appendLedger(tx, { actorId: actor.id, action: 'evidence.submit', entityType: 'evidence', entityId: id, before: { status: row.status }, after: { status: 'submitted' } });
    return getEvidence(tx, actor, id);
  });
}

/**
 * A second person verifies or rejects a submitted item. The update only applies while the item is
 * still submitted at the revision read, so of two reviewers deciding at once exactly one wins.
 */
export async function reviewEvidence(
  db: Database,
  actor: Viewer,
  input: { id: string; decision: 'verify' | 'reject'; note: string },
): Promise<EvidenceView> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select(evidenceColumns).from(evidence).where(eq(evidence.id, input.id));
    if (!row) throw notFound('Evidence');
    if (row.createdBy === actor.id) throw new AppError('FORBIDDEN', 'You cannot review your own submission: another reviewer must decide.');
    if (row.status !== 'submitted') throw new AppError('CONFLICT', `This item is ${row.status}, not awaiting review.`);
    const decided = await tx
      .update(evidence)
      .set({
        status: input.decision === 'verify' ? 'verified' : 'rejected',
        reviewedBy: actor.id,
        reviewedAt: new Date(),
        reviewNote: input.note,
        updatedAt: new Date(),
      })
      .where(and(eq(evidence.id, input.id), eq(evidence.status, 'submitted'), eq(evidence.revision, row.revision)))
      .returning({ id: evidence.id });
    if (decided.length === 0) throw new AppError('CONFLICT', 'Another reviewer decided this item first.');
    await appendLedger(tx, {
      actorId: actor.id,
      action: `evidence.${input.decision}`,
      entityType: 'evidence',
      entityId: input.id,
      before: { status: row.status, revision: row.revision },
      after: { status: input.decision === 'verify' ? 'verified' : 'rejected', note: input.note },
    });
    return getEvidence(tx, actor, input.id);
  });
}

/** Verified items are never deleted: they are retracted with a reason that stays visible. */
export async function retractEvidence(db: Database, actor: Viewer, input: { id: string; reason: string }): Promise<EvidenceView> {
  return db.transaction(async (tx) => {
    const row = await lockRow(tx, actor, input.id);
    if (row.createdBy !== actor.id && !isReviewer(actor)) throw new AppError('FORBIDDEN', 'Only the author or a reviewer can retract this item.');
    if (row.status !== 'verified') throw new AppError('CONFLICT', 'Only verified items are retracted; a draft can simply be edited.');
    const done = await tx
      .update(evidence)
      .set({ retractedAt: new Date(), retractedBy: actor.id, retractionReason: input.reason, updatedAt: new Date() })
      .where(and(eq(evidence.id, input.id), sql`${evidence.retractedAt} is null`))
      .returning({ id: evidence.id });
    if (done.length === 0) throw new AppError('CONFLICT', 'This item is already retracted.');
    await appendLedger(tx, { actorId: actor.id, action: 'evidence.retract', entityType: 'evidence', entityId: input.id, after: { reason: input.reason } });
    return getEvidence(tx, actor, input.id);
  });
}

export interface AttachmentContent {
  filename: string;
  bytes: Uint8Array;
  sha256: string;
  mediaType: string;
}

/** Stores the content once per SHA-256 and links it to the item (the author's draft or rejected item). */
export async function attachToEvidence(db: Database, actor: Viewer, id: string, file: AttachmentContent, idempotencyKey?: string): Promise<EvidenceView> {
  return db.transaction(async (tx) => {
    const earlier = await claimIdempotencyKey(tx, actor, idempotencyKey, 'evidence.attach', requestDigest({ id, sha256: file.sha256, filename: file.filename }));
    if (earlier) return getEvidence(tx, actor, earlier);
    const row = await lockRow(tx, actor, id);
    if (row.createdBy !== actor.id) throw new AppError('FORBIDDEN', 'Only the author can attach files to this item.');
    if (row.status !== 'draft' && row.status !== 'rejected') {
      throw new AppError('CONFLICT', 'Files are attached while the item is a draft; edit it first.');
    }
    await tx
      .insert(blobs)
      .values({ sha256: file.sha256, size: file.bytes.byteLength, mediaType: file.mediaType, content: file.bytes })
      .onConflictDoNothing();
    await tx
      .insert(evidenceAttachments)
      .values({ evidenceId: id, sha256: file.sha256, filename: file.filename, addedBy: actor.id })
      .onConflictDoNothing();
    await appendLedger(tx, {
      actorId: actor.id,
      action: 'evidence.attach',
      entityType: 'evidence',
      entityId: id,
      after: { sha256: file.sha256, filename: file.filename, size: file.bytes.byteLength, mediaType: file.mediaType },
    });
    await settleIdempotencyKey(tx, actor, idempotencyKey, id);
    return getEvidence(tx, actor, id);
  });
}

/** An attachment's content, if the viewer may read the item it is attached to (else NOT_FOUND). */
export async function attachmentContent(db: Database, viewer: Viewer | null, evidenceId: string, sha256: string) {
  const item = await getEvidence(db, viewer, evidenceId);
  const file = item.attachments.find((a) => a.sha256 === sha256);
  if (!file) throw notFound('Attachment');
  const [blob] = await db.select({ content: blobs.content }).from(blobs).where(eq(blobs.sha256, sha256));
  if (!blob) throw notFound('Attachment');
  return { ...file, content: blob.content };
}
