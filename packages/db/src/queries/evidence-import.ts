import { randomUUID } from 'node:crypto';
import { AppError, mayEditEvidence, type EvidenceCreateInput, type Viewer } from '@tracker/domain';
import type { Database } from '../client';
import { appendLedger, canonicalJson, sha256Hex } from '../ledger';
import { changeContent, linksFor } from './evidence';
import { anyOf } from './any-of';
import { insertRows } from './insert-rows';
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

/** Whether an import wrote rows, and so the tables want analysing again (an unchanged re-import did not). */
export const importWrote = (report: ImportReport) => report.created + report.updated > 0;

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
      // Read without locks first: most rows of a re-import are unchanged, and locking them would
      // write to every one. Only the rows that differ are read again, locked, before they change.
      const stored = await storedByExternalId(tx, ids, false);
      const fresh = batch.flatMap((row, i) => (stored.items.has(ids[i] as string) ? [] : [{ row, externalId: ids[i] as string }]));
      if (fresh.length > 0) {
        // Ids chosen here, so confidential rows are sealed under their new keys before they are written.
        const made = fresh.map(({ row, externalId }) => ({ row, externalId, id: randomUUID() }));
        const keys = await createDataKeys(tx, 'evidence', made.filter(({ row }) => needsSealing(row.fields)).map(({ id }) => id));
        await insertRows(
          tx,
          evidence,
          made.map(({ row, externalId, id }) => {
            const { recommendationKeys: _k, siteIds: _s, ...fields } = row.fields;
            return { ...sealColumns(keys.get(id) ?? null, id, fields), id, externalId, status: 'submitted' as const, submittedAt: now, createdBy: actor.id, contentChangedBy: actor.id };
          }),
        );
        await insertRows(tx, evidenceRecommendations, made.flatMap(({ row, id }) => row.fields.recommendationKeys.map((k) => ({ evidenceId: id, recommendationId: recId.get(k) as string }))));
        await insertRows(tx, evidenceSites, made.flatMap(({ row, id }) => row.fields.siteIds.map((siteId) => ({ evidenceId: id, siteId }))));
        report.created += fresh.length;
      }
      const matched = batch.flatMap((row, i) => (stored.items.has(ids[i] as string) ? [{ row, externalId: ids[i] as string }] : []));
      const differing = matched.filter(({ row, externalId }) => !stored.holds(externalId, row.fields));
      report.unchanged += matched.length - differing.length;
      if (differing.length > 0) {
        const locked = await storedByExternalId(tx, differing.map((d) => d.externalId), true);
        for (const { row, externalId } of differing) {
          const current = locked.items.get(externalId);
          if (!current) throw new AppError('CONFLICT', `line ${row.line}: the item ${externalId} was deleted during the import. Import the file again.`);
          // Someone may have made the same change meanwhile.
          if (locked.holds(externalId, row.fields)) {
            report.unchanged++;
            continue;
          }
          // A match on anyone's item is an edit under the same rules as evidence.update.
          const verdict = mayEditEvidence(lifecycleOf(current.row), actor, 'import');
          if (!verdict.allowed) throw new AppError(verdict.code, `line ${row.line}: ${verdict.reason}`);
          await changeContent(tx, actor, current.row, current.content, comparable(row.fields), { resubmit: true });
          report.updated++;
        }
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

/**
 * The items already stored under `externalIds`, opened, with their content as a row of the file
 * would give it; `lock` reads them `FOR UPDATE`. `holds` says whether an item's content equals a row's.
 */
async function storedByExternalId(tx: Database, externalIds: string[], lock: boolean) {
  const query = tx.select({ ...evidenceColumns, externalId: evidence.externalId }).from(evidence).where(anyOf(evidence.externalId, externalIds));
  const stored = await openEvidenceRows(tx, await (lock ? query.for('update') : query));
  const links = await linksFor(tx, stored.rows.map((r) => r.id), stored.keys);
  const items = new Map(
    stored.rows.map(({ externalId, ...row }) => [externalId as string, { row, content: contentOf(row, links.get(row.id) as EvidenceLinks) }]),
  );
  const holds = (externalId: string, fields: EvidenceCreateInput) => {
    const item = items.get(externalId);
    return item !== undefined && canonicalJson(sorted(item.content)) === canonicalJson(sorted(comparable(fields)));
  };
  return { items, holds };
}

/** A row's content in the shape an item's content has; absent optionals are null. */
function comparable(fields: EvidenceCreateInput): EvidenceContent {
  const { idempotencyKey: _key, ...rest } = fields;
  return { ...rest, sourceUrl: rest.sourceUrl ?? null, publisher: rest.publisher ?? null, publishedOn: rest.publishedOn ?? null };
}

const sorted = (c: EvidenceContent) => ({ ...c, recommendationKeys: [...c.recommendationKeys].sort(), siteIds: [...c.siteIds].sort() });
