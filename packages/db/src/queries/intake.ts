import { createHash, randomUUID } from 'node:crypto';
import { AppError, DISCARDED_INTAKE_DAYS, notFound, type IntakeStatus, type IntakeTriageInput, type Viewer } from '@tracker/domain';
import { and, asc, eq, inArray, lt } from 'drizzle-orm';
import type { Database } from '../client';
import { aadOf, openBytes, openJson, sealBytes, sealJson, type SealedJson } from '../crypto/seal';
import { appendLedger } from '../ledger';
import { intakeFiles, intakeSubmissions } from '../schema';
import { logAccess } from './access-log';
import { attachToEvidence, createEvidence, type AttachmentContent } from './evidence';
import { requireState } from './lookups';
import { dataKeyFor, dataKeysFor, destroyDataKey } from './record-keys';
import { requireStateAllowed, statesOf } from './users';

/**
 * Information sent from outside (/share). What the sender wrote and sent is sealed under the
 * submission's own data key before it is written; the tracker keeps nothing about the sender. Staff
 * read it to triage it; converting makes a confidential draft of evidence, discarding keeps it 30
 * days and then erases it with its key.
 */
export interface IntakeContent {
  what: string;
  iso3: string;
  site: string | null;
  when: string | null;
  sourceUrl: string | null;
  contact: string | null;
}

const contentAad = (id: string) => aadOf('intake', id, 'content');
const reasonAad = (id: string) => aadOf('intake', id, 'reason');
const fileAad = (id: string, position: number, part: 'name' | 'bytes') => aadOf('intake', id, `file:${position}:${part}`);

/** The hour a submission arrived: precise enough to triage by, too coarse to match against a log. */
const thisHour = (now = new Date()) => new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);

/** Stores a submission; `challengeId` is the spent proof-of-work challenge (each works once). */
export async function submitIntake(db: Database, content: IntakeContent, files: readonly AttachmentContent[], challengeId: string): Promise<{ received: true }> {
  await requireState(db, content.iso3);
  const id = randomUUID();
  await db.transaction(async (tx) => {
    const key = await dataKeyFor(tx, 'intake', id, true);
    const stored = await tx
      .insert(intakeSubmissions)
      .values({ id, content: sealJson(key, contentAad(id), content), receivedAt: thisHour(), challengeId })
      .onConflictDoNothing({ target: intakeSubmissions.challengeId })
      .returning({ id: intakeSubmissions.id });
    if (stored.length === 0) throw new AppError('CONFLICT', 'This page was used to send already: load it again to send more.');
    for (const [position, file] of files.entries()) {
      await tx.insert(intakeFiles).values({
        submissionId: id,
        position,
        filename: sealJson(key, fileAad(id, position, 'name'), file.filename).sealed,
        mediaType: file.mediaType,
        size: file.bytes.byteLength,
        bytes: sealBytes(key, fileAad(id, position, 'bytes'), file.bytes),
      });
    }
  });
  return { received: true };
}

/** Files of submissions, opened; with `withBytes` their content too (for one position only, when given). */
async function submissionFiles(db: Database, ids: readonly string[], keys: Map<string, Buffer>, withBytes: boolean, position?: number) {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ submissionId: intakeFiles.submissionId, position: intakeFiles.position, filename: intakeFiles.filename, mediaType: intakeFiles.mediaType, size: intakeFiles.size, ...(withBytes ? { bytes: intakeFiles.bytes } : {}) })
    .from(intakeFiles)
    .where(and(inArray(intakeFiles.submissionId, [...ids]), position === undefined ? undefined : eq(intakeFiles.position, position)))
    .orderBy(asc(intakeFiles.submissionId), asc(intakeFiles.position));
  return rows.map((r) => {
    const key = keys.get(r.submissionId);
    return {
      submissionId: r.submissionId,
      position: r.position,
      filename: key ? (openJson(key, fileAad(r.submissionId, r.position, 'name'), { sealed: r.filename }) as string) : '',
      mediaType: r.mediaType,
      size: r.size,
      bytes: withBytes && key && 'bytes' in r ? openBytes(key, fileAad(r.submissionId, r.position, 'bytes'), r.bytes as Uint8Array) : null,
    };
  });
}

/**
 * Submissions in a status, oldest first, opened for staff; each read is written to the access log,
 * like a read of testimony.
 */
export async function listIntake(db: Database, viewer: Viewer, status: IntakeStatus, clientAddress: string | null) {
  const rows = await db
    .select({
      id: intakeSubmissions.id,
      content: intakeSubmissions.content,
      receivedAt: intakeSubmissions.receivedAt,
      status: intakeSubmissions.status,
      triagedBy: intakeSubmissions.triagedBy,
      triagedAt: intakeSubmissions.triagedAt,
      triageReason: intakeSubmissions.triageReason,
      evidenceId: intakeSubmissions.evidenceId,
    })
    .from(intakeSubmissions)
    .where(eq(intakeSubmissions.status, status))
    .orderBy(asc(intakeSubmissions.receivedAt), asc(intakeSubmissions.id))
    .limit(200);
  const keys = await dataKeysFor(
    db,
    'intake',
    rows.map((r) => r.id),
  );
  // A monitor limited to some States reads only what was sent about them.
  const limits = viewer.role === 'monitor' ? await statesOf(db, viewer.id) : [];
  const opened = rows
    .map((r) => {
      const key = keys.get(r.id);
      return { ...r, key, opened: key ? (openJson(key, contentAad(r.id), r.content as SealedJson) as IntakeContent) : null };
    })
    .filter((r) => limits.length === 0 || (r.opened !== null && limits.includes(r.opened.iso3)));
  const files = await submissionFiles(
    db,
    opened.map((r) => r.id),
    keys,
    false,
  );
  await logAccess(
    db,
    opened.map((r) => ({ userId: viewer.id, action: 'intake.read', entityType: 'intake', entityId: r.id, clientAddress })),
  );
  return opened.map((r) => {
    const { key, opened: content } = r;
    return {
      id: r.id,
      receivedAt: r.receivedAt.toISOString(),
      status: r.status,
      content,
      files: files.filter((f) => f.submissionId === r.id).map(({ position, filename, mediaType, size }) => ({ position, filename, mediaType, size })),
      triagedBy: r.triagedBy,
      triagedAt: r.triagedAt?.toISOString() ?? null,
      reason: key && r.triageReason ? (openJson(key, reasonAad(r.id), r.triageReason as SealedJson) as string) : null,
      evidenceId: r.evidenceId,
    };
  });
}

const firstWords = (text: string, max: number) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
};

/**
 * Converts a new submission into a confidential draft of evidence owned by the triager (with its
 * files attached), which then goes through the usual review; or discards it. Once only: of two
 * triagers deciding at once, one wins.
 */
export async function triageIntake(db: Database, actor: Viewer, input: IntakeTriageInput): Promise<{ id: string; status: IntakeStatus; evidenceId: string | null }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ status: intakeSubmissions.status, content: intakeSubmissions.content, receivedAt: intakeSubmissions.receivedAt })
      .from(intakeSubmissions)
      .where(eq(intakeSubmissions.id, input.id))
      .for('update');
    if (!row) throw notFound('Submission');
    if (row.status !== 'new') throw new AppError('CONFLICT', `This submission was already ${row.status}.`);
    const key = await dataKeyFor(tx, 'intake', input.id);
    if (!key) throw notFound('Submission');
    const content = openJson(key, contentAad(input.id), row.content as SealedJson) as IntakeContent;
    await requireStateAllowed(tx, actor, content.iso3);
    let evidenceId: string | null = null;
    if (input.decision === 'convert') {
      const details = [content.site ? `Place: ${content.site}` : null, content.when ? `When: ${content.when}` : null].filter(Boolean).join('\n');
      const draft = await createEvidence(tx, actor, {
        iso3: content.iso3,
        recommendationKeys: input.recommendationKeys ?? [],
        siteIds: [],
        title: `Information received ${row.receivedAt.toISOString().slice(0, 10)}: ${firstWords(content.what, 120)}`,
        summary: details ? `${content.what}\n\n${details}` : content.what,
        kind: 'other',
        direction: 'context',
        sourceUrl: content.sourceUrl,
        publisher: null,
        publishedOn: content.when,
        language: 'und',
        reliability: 'F',
        credibility: 6,
        visibility: 'confidential',
        containsPersonalData: true,
      });
      evidenceId = draft.id;
      const files = await submissionFiles(tx, [input.id], new Map([[input.id, key]]), true);
      for (const file of files) {
        if (!file.bytes) continue;
        await attachToEvidence(tx, actor, draft.id, { filename: file.filename, mediaType: file.mediaType, bytes: file.bytes, sha256: createHash('sha256').update(file.bytes).digest('hex') });
      }
    }
    const status = input.decision === 'convert' ? 'converted' : 'discarded';
    await tx
      .update(intakeSubmissions)
      .set({ status, triagedBy: actor.id, triagedAt: new Date(), triageReason: sealJson(key, reasonAad(input.id), input.reason), evidenceId })
      .where(eq(intakeSubmissions.id, input.id));
    await appendLedger(tx, { actorId: actor.id, action: `intake.${input.decision}`, entityType: 'intake', entityId: input.id, after: { status, evidenceId } });
    return { id: input.id, status, evidenceId };
  });
}

/** Erases submissions discarded more than 30 days ago, files and key with them. Returns how many. */
export async function eraseDiscardedIntake(db: Database, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const gone = await tx
      .delete(intakeSubmissions)
      .where(and(eq(intakeSubmissions.status, 'discarded'), lt(intakeSubmissions.triagedAt, new Date(now.getTime() - DISCARDED_INTAKE_DAYS * 86_400_000))))
      .returning({ id: intakeSubmissions.id });
    for (const { id } of gone) await destroyDataKey(tx, 'intake', id);
    return gone.length;
  });
}

/**
 * One file of a submission, opened, for staff to look at before deciding (a monitor limited to some
 * States only for those); the read goes into the access log. Null when there is no such file.
 */
export async function intakeFile(db: Database, viewer: Viewer, id: string, position: number, clientAddress: string | null) {
  const [row] = await db.select({ content: intakeSubmissions.content }).from(intakeSubmissions).where(eq(intakeSubmissions.id, id));
  const key = row ? await dataKeyFor(db, 'intake', id) : null;
  if (!row || !key) return null;
  const content = openJson(key, contentAad(id), row.content as SealedJson) as IntakeContent;
  await requireStateAllowed(db, viewer, content.iso3);
  const [file] = await submissionFiles(db, [id], new Map([[id, key]]), true, position);
  if (!file?.bytes) return null;
  await logAccess(db, [{ userId: viewer.id, action: 'intake.read', entityType: 'intake', entityId: id, clientAddress }]);
  return { filename: file.filename, mediaType: file.mediaType, contentBase64: Buffer.from(file.bytes).toString('base64') };
}
