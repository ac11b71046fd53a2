import { randomUUID } from 'node:crypto';
import { AppError, mayEditEvidence, type EvidenceCreateInput, type Viewer } from '@tracker/domain';
import { inArray } from 'drizzle-orm';
import type { Database } from '../client';
import { appendLedger, canonicalJson, sha256Hex } from '../ledger';
import { changeContent, linksFor } from './evidence';
import { statesOf } from './users';
import { needsSealing, openEvidenceRows, sealColumns } from './evidence-sealing';
import { createDataKeys } from './record-keys';
import { contentOf, evidenceColumns, lifecycleOf, type EvidenceContent, type EvidenceLinks } from './evidence-view';
import { evidence, evidenceRecommendations, evidenceSites, recommendations, sites, states } from '../schema';

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
 * attributed to `actor`; a row whose id is already known is an edit of that item under the
 * lifecycle rules (a returned item goes back to review, a verified one gets a proposed change that
 * someone else reviews, someone else's draft is refused); identical rows are skipped.
 */
export async function importEvidence(db: Database, actor: Viewer, rows: ImportRow[], onProgress?: (done: number) => void): Promise<ImportReport> {
  const seen = new Set<string>();
  for (const row of rows) {
    const id = row.externalId ?? contentId(row.fields);
    if (seen.has(id)) throw new AppError('BAD_REQUEST', `line ${row.line}: externalId ${id} appears twice in the file.`);
    seen.add(id);
  }
  return db.transaction(async (tx) => {
    const limits = actor.role === 'monitor' ? await statesOf(tx, actor.id) : [];
    const outside = limits.length > 0 ? rows.find((r) => !limits.includes(r.fields.iso3)) : undefined;
    if (outside) throw new AppError('FORBIDDEN', `line ${outside.line}: your account is limited to ${limits.join(', ')}; ${outside.fields.iso3} is outside it.`);
    const recId = new Map((await tx.select({ id: recommendations.id, key: recommendations.key }).from(recommendations)).map((r) => [r.key, r.id]));
    const report: ImportReport = { created: 0, updated: 0, unchanged: 0 };
    const now = new Date();
    let done = 0;
    for (const batch of chunks(rows)) {
      const ids = batch.map((r) => r.externalId ?? contentId(r.fields));
      const stored = await openEvidenceRows(tx, await tx.select({ ...evidenceColumns, externalId: evidence.externalId }).from(evidence).where(inArray(evidence.externalId, ids)).for('update'));
      const existing = new Map(stored.rows.map(({ externalId, ...e }) => [externalId as string, e]));
      const fresh = batch.filter((_, i) => !existing.has(ids[i] as string));
      if (fresh.length > 0) {
        // Ids chosen here, so confidential rows are sealed under their new keys before they are written.
        const idOf = new Map(fresh.map((r) => [r.externalId ?? contentId(r.fields), randomUUID()]));
        const confidential = fresh.filter((r) => needsSealing(r.fields)).map((r) => idOf.get(r.externalId ?? contentId(r.fields)) as string);
        const keys = await createDataKeys(tx, 'evidence', confidential);
        await tx.insert(evidence).values(
          fresh.map((r) => {
            const { recommendationKeys: _k, siteIds: _s, ...fields } = r.fields;
            const id = idOf.get(r.externalId ?? contentId(r.fields)) as string;
            return { ...sealColumns(keys.get(id) ?? null, id, fields), id, externalId: r.externalId ?? contentId(r.fields), status: 'submitted' as const, submittedAt: now, createdBy: actor.id, contentChangedBy: actor.id };
          }),
        );
        const recLinks = fresh.flatMap((r) => r.fields.recommendationKeys.map((k) => ({ evidenceId: idOf.get(r.externalId ?? contentId(r.fields)) as string, recommendationId: recId.get(k) as string })));
        const siteLinks = fresh.flatMap((r) => r.fields.siteIds.map((siteId) => ({ evidenceId: idOf.get(r.externalId ?? contentId(r.fields)) as string, siteId })));
        for (const part of chunks(recLinks)) await tx.insert(evidenceRecommendations).values(part);
        for (const part of chunks(siteLinks)) await tx.insert(evidenceSites).values(part);
        report.created += fresh.length;
      }
      const changed = batch.flatMap((row, i) => {
        const current = existing.get(ids[i] as string);
        return current ? [{ row, current }] : [];
      });
      const links = await linksFor(tx, changed.map((c) => c.current.id), stored.keys);
      for (const { row, current } of changed) {
        const before = contentOf(current, links.get(current.id) as EvidenceLinks);
        const after = comparable(row.fields);
        if (canonicalJson(sorted(before)) === canonicalJson(sorted(after))) {
          report.unchanged++;
          continue;
        }
        // A match on anyone's item is an edit under the same rules as evidence.update.
        const verdict = mayEditEvidence(lifecycleOf(current), actor, 'import');
        if (!verdict.allowed) throw new AppError(verdict.code, `line ${row.line}: ${verdict.reason}`);
        await changeContent(tx, actor, current, before, after, { resubmit: true });
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

/** A row's content in the shape an item's content has; absent optionals are null. */
function comparable(fields: EvidenceCreateInput): EvidenceContent {
  const { idempotencyKey: _key, ...rest } = fields;
  return { ...rest, sourceUrl: rest.sourceUrl ?? null, publisher: rest.publisher ?? null, publishedOn: rest.publishedOn ?? null };
}

const sorted = (c: EvidenceContent) => ({ ...c, recommendationKeys: [...c.recommendationKeys].sort(), siteIds: [...c.siteIds].sort() });
