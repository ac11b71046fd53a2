import { AppError, type EvidenceCreateInput, type Viewer } from '@tracker/domain';
import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../client';
import { appendLedger, canonicalJson, sha256Hex } from '../ledger';
import { contentColumns } from './evidence-view';
import { evidence, evidenceRecommendations, evidenceRevisions, evidenceSites, recommendations, sites, states } from '../schema';

export interface ImportRow {
  /** 1-based line in the source file, for error messages. */
  line: number;
  externalId: string | null;
  fields: EvidenceCreateInput;
}

export interface ImportIssue {
  line: number;
  column: string;
  message: string;
}

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
}

const BATCH = 1000;
const chunks = <T>(items: T[], size = BATCH) => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/** A row's identity when the file gives none: the hash of its content, so re-importing it matches. */
export const contentId = (fields: EvidenceCreateInput) => `sha256:${sha256Hex(canonicalJson(fields))}`;

/**
 * Checks what zod cannot: that States, recommendations and sites exist and sites lie in the row's
 * State. Returns every problem, by line and column; three queries whatever the file size.
 */
export async function checkImportReferences(db: Database, rows: ImportRow[]): Promise<ImportIssue[]> {
  const [stateRows, recRows, siteRows] = await Promise.all([
    db.select({ iso3: states.iso3 }).from(states),
    db.select({ key: recommendations.key }).from(recommendations),
    db.select({ id: sites.id, iso3: sites.iso3 }).from(sites),
  ]);
  const knownStates = new Set(stateRows.map((s) => s.iso3));
  const knownRecs = new Set(recRows.map((r) => r.key));
  const siteState = new Map(siteRows.map((s) => [s.id, s.iso3]));
  const issues: ImportIssue[] = [];
  for (const { line, fields } of rows) {
    if (!knownStates.has(fields.iso3)) issues.push({ line, column: 'iso3', message: `${fields.iso3} is not a State in the catalogue.` });
    for (const key of fields.recommendationKeys) {
      if (!knownRecs.has(key)) issues.push({ line, column: 'recommendationKeys', message: `unknown recommendation ${key}.` });
    }
    for (const id of fields.siteIds) {
      const iso3 = siteState.get(id);
      if (!iso3) issues.push({ line, column: 'siteIds', message: `site ${id} does not exist.` });
      else if (iso3 !== fields.iso3) issues.push({ line, column: 'siteIds', message: `site ${id} is not in ${fields.iso3}.` });
    }
  }
  return issues;
}

/**
 * Imports validated rows in one transaction: new rows arrive submitted (awaiting review) and
 * attributed to `actor`; rows whose id is already known are updated when their content changed
 * (a verified one keeps its earlier revision and goes back to review); identical rows are skipped.
 */
export async function importEvidence(db: Database, actor: Viewer, rows: ImportRow[], onProgress?: (done: number) => void): Promise<ImportReport> {
  const seen = new Set<string>();
  for (const row of rows) {
    const id = row.externalId ?? contentId(row.fields);
    if (seen.has(id)) throw new AppError('BAD_REQUEST', `line ${row.line}: externalId ${id} appears twice in the file.`);
    seen.add(id);
  }
  return db.transaction(async (tx) => {
    const recId = new Map((await tx.select({ id: recommendations.id, key: recommendations.key }).from(recommendations)).map((r) => [r.key, r.id]));
    const report: ImportReport = { created: 0, updated: 0, unchanged: 0 };
    const now = new Date();
    let done = 0;
    for (const batch of chunks(rows)) {
      const ids = batch.map((r) => r.externalId ?? contentId(r.fields));
      const existing = new Map(
        (
          await tx
            .select({ id: evidence.id, externalId: evidence.externalId, status: evidence.status, revision: evidence.revision, retractedAt: evidence.retractedAt })
            .from(evidence)
            .where(inArray(evidence.externalId, ids))
        ).map((e) => [e.externalId as string, e]),
      );
      const fresh = batch.filter((_, i) => !existing.has(ids[i] as string));
      if (fresh.length > 0) {
        const inserted = await tx
          .insert(evidence)
          .values(
            fresh.map((r) => {
              const { recommendationKeys: _k, siteIds: _s, ...fields } = r.fields;
              return { ...fields, externalId: r.externalId ?? contentId(r.fields), status: 'submitted' as const, submittedAt: now, createdBy: actor.id };
            }),
          )
          .returning({ id: evidence.id, externalId: evidence.externalId });
        const idOf = new Map(inserted.map((e) => [e.externalId as string, e.id]));
        const recLinks = fresh.flatMap((r) => r.fields.recommendationKeys.map((k) => ({ evidenceId: idOf.get(r.externalId ?? contentId(r.fields)) as string, recommendationId: recId.get(k) as string })));
        const siteLinks = fresh.flatMap((r) => r.fields.siteIds.map((siteId) => ({ evidenceId: idOf.get(r.externalId ?? contentId(r.fields)) as string, siteId })));
        for (const part of chunks(recLinks)) await tx.insert(evidenceRecommendations).values(part);
        for (const part of chunks(siteLinks)) await tx.insert(evidenceSites).values(part);
        report.created += fresh.length;
      }
      const stored = await storedContent(tx, [...existing.values()].map((e) => e.id));
      for (const [i, row] of batch.entries()) {
        const current = existing.get(ids[i] as string);
        if (!current) continue;
        const before = stored.get(current.id);
        if (before && canonicalJson(before) === canonicalJson(comparable(row.fields))) {
          report.unchanged++;
          continue;
        }
        await applyChange(tx, actor, current, before ?? null, row, recId);
        report.updated++;
      }
      done += batch.length;
      onProgress?.(done);
    }
    await appendLedger(tx, {
      actorId: actor.id,
      action: 'evidence.import',
      entityType: 'evidence',
      entityId: 'import',
      after: { ...report, rows: rows.length, idsDigest: sha256Hex([...seen].sort().join('\n')) },
    });
    return report;
  });
}

/** A row's content in the shape stored content is compared in: lists sorted, absent optionals null. */
function comparable(fields: EvidenceCreateInput) {
  const { recommendationKeys, siteIds, ...rest } = fields;
  return {
    ...rest,
    sourceUrl: rest.sourceUrl ?? null,
    publisher: rest.publisher ?? null,
    publishedOn: rest.publishedOn ?? null,
    recommendationKeys: [...recommendationKeys].sort(),
    siteIds: [...siteIds].sort(),
  };
}

/** The stored content of many items at once (three queries), keyed by id. */
async function storedContent(tx: Database, ids: string[]): Promise<Map<string, ReturnType<typeof comparable>>> {
  if (ids.length === 0) return new Map();
  const [rows, recLinks, siteLinks] = await Promise.all([
    tx
      .select({ id: evidence.id, ...contentColumns })
      .from(evidence)
      .where(inArray(evidence.id, ids)),
    tx
      .select({ evidenceId: evidenceRecommendations.evidenceId, key: recommendations.key })
      .from(evidenceRecommendations)
      .innerJoin(recommendations, eq(recommendations.id, evidenceRecommendations.recommendationId))
      .where(inArray(evidenceRecommendations.evidenceId, ids)),
    tx.select({ evidenceId: evidenceSites.evidenceId, id: evidenceSites.siteId }).from(evidenceSites).where(inArray(evidenceSites.evidenceId, ids)),
  ]);
  return new Map(
    rows.map(({ id, ...fields }) => [
      id,
      {
        ...fields,
        recommendationKeys: recLinks.filter((l) => l.evidenceId === id).map((l) => l.key).sort(),
        siteIds: siteLinks.filter((l) => l.evidenceId === id).map((l) => l.id).sort(),
      },
    ]),
  );
}

/** Applies a changed row: the earlier content is kept as a revision, and a verified item goes back to review. */
async function applyChange(
  tx: Database,
  actor: Viewer,
  current: { id: string; status: string; revision: number; retractedAt: Date | null },
  before: ReturnType<typeof comparable> | null,
  row: ImportRow,
  recId: Map<string, string>,
): Promise<void> {
  if (current.retractedAt) throw new AppError('CONFLICT', `line ${row.line}: this item was retracted and cannot be changed by an import.`);
  const { recommendationKeys, siteIds, ...fields } = row.fields;
  await tx.insert(evidenceRevisions).values({ evidenceId: current.id, revision: current.revision, snapshot: before, changedBy: actor.id });
  await tx
    .update(evidence)
    .set({
      ...fields,
      revision: current.revision + 1,
      updatedAt: new Date(),
      ...(current.status === 'verified' || current.status === 'rejected'
        ? { status: 'submitted' as const, submittedAt: new Date(), reviewedBy: null, reviewedAt: null, reviewNote: null }
        : {}),
    })
    .where(eq(evidence.id, current.id));
  await tx.delete(evidenceRecommendations).where(eq(evidenceRecommendations.evidenceId, current.id));
  await tx.insert(evidenceRecommendations).values(recommendationKeys.map((k) => ({ evidenceId: current.id, recommendationId: recId.get(k) as string })));
  await tx.delete(evidenceSites).where(eq(evidenceSites.evidenceId, current.id));
  if (siteIds.length) await tx.insert(evidenceSites).values(siteIds.map((siteId) => ({ evidenceId: current.id, siteId })));
}
