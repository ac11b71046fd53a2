import type { EvidenceFacetName, EvidenceFacetsInput, Viewer } from '@tracker/domain';
import { and, eq, not, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Database } from '../client';
import { evidence, evidenceRecommendations, recommendations } from '../schema';
import { anyOf } from './any-of';
import { clearTextMatches, filterConditions, holdsText, sealedText } from './evidence-filter';
import { openEvidenceRows } from './evidence-sealing';
import { readableWhere, selectEvidence } from './evidence-view';

const count = sql<number>`count(distinct ${evidence.id})::int`;

/**
 * The search as one condition. Sealed items the viewer may read are opened and searched here once
 * (linear in the confidential items); the ciphertext itself never matches.
 */
async function textCondition(db: Database, viewer: Viewer | null, q: string): Promise<SQL | undefined> {
  const { rows } = await openEvidenceRows(db, await selectEvidence(db).where(and(readableWhere(viewer), sealedText)));
  const sealedMatches = rows.filter(holdsText(q)).map((row) => row.id);
  return or(and(not(sealedText), clearTextMatches(q)), sealedMatches.length > 0 ? anyOf(evidence.id, sealedMatches) : undefined);
}

/**
 * How many items the filters find, and for each facet how many each of its values would find with
 * the other filters kept (the usual faceted-search count), all within what the viewer may read.
 */
export async function evidenceFacets(db: Database, viewer: Viewer | null, filter: EvidenceFacetsInput) {
  const text = filter.q ? await textCondition(db, viewer, filter.q) : undefined;
  const where = (without?: EvidenceFacetName) => and(...filterConditions(viewer, filter, without), text);
  const byColumn = async (column: AnyPgColumn, facet: EvidenceFacetName) =>
    db.select({ value: sql<string>`${column}`, count }).from(evidence).where(where(facet)).groupBy(column).orderBy(column);
  const [[total], iso3, recommendationKey, kind, direction] = await Promise.all([
    db.select({ count }).from(evidence).where(where()),
    byColumn(evidence.iso3, 'iso3'),
    db
      .select({ value: recommendations.key, count })
      .from(evidence)
      .innerJoin(evidenceRecommendations, eq(evidenceRecommendations.evidenceId, evidence.id))
      .innerJoin(recommendations, eq(recommendations.id, evidenceRecommendations.recommendationId))
      .where(where('recommendationKey'))
      .groupBy(recommendations.key)
      .orderBy(recommendations.key),
    byColumn(evidence.kind, 'kind'),
    byColumn(evidence.direction, 'direction'),
  ]);
  return { total: total?.count ?? 0, iso3, recommendationKey, kind, direction };
}
