import type { EvidenceFacetName, EvidenceFacetsInput, Viewer } from '@tracker/domain';
import { eq, gte, isNotNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { evidence, evidenceRecommendations, evidenceSites, recommendations } from '../schema';
import { readableWhere } from './evidence-view';

/**
 * The evidence list's filters as conditions, combined with what the viewer may read; the text
 * search is the caller's, because sealed items are searched once opened. `without` leaves one
 * filter out: a facet counts its values with the other filters kept.
 */
export function filterConditions(viewer: Viewer | null, filter: Omit<EvidenceFacetsInput, 'q'>, without?: EvidenceFacetName): (SQL | undefined)[] {
  const conditions: (SQL | undefined)[] = [readableWhere(viewer)];
  if (filter.mine) conditions.push(viewer ? eq(evidence.createdBy, viewer.id) : sql`false`);
  if (filter.iso3 && without !== 'iso3') conditions.push(eq(evidence.iso3, filter.iso3));
  if (filter.kind && without !== 'kind') conditions.push(eq(evidence.kind, filter.kind));
  if (filter.direction && without !== 'direction') conditions.push(eq(evidence.direction, filter.direction));
  if (filter.status === 'submitted' && viewer && viewer.role !== 'policymaker') {
    // For staff, "submitted" means awaiting a decision: first submissions and proposed changes.
    conditions.push(or(eq(evidence.status, 'submitted'), isNotNull(evidence.pendingBy)));
  } else if (filter.status) conditions.push(eq(evidence.status, filter.status));
  if (filter.visibility) conditions.push(eq(evidence.visibility, filter.visibility));
  if (filter.publishedFrom) conditions.push(gte(evidence.publishedOn, filter.publishedFrom));
  if (filter.publishedTo) conditions.push(lte(evidence.publishedOn, filter.publishedTo));
  if (filter.recommendationKey && without !== 'recommendationKey') {
    conditions.push(
      sql`exists (select 1 from ${evidenceRecommendations} er join ${recommendations} r on r.id = er.recommendation_id
        where er.evidence_id = ${evidence.id} and r.key = ${filter.recommendationKey})`,
    );
  }
  if (filter.siteId) {
    conditions.push(sql`exists (select 1 from ${evidenceSites} es where es.evidence_id = ${evidence.id} and es.site_id = ${filter.siteId})`);
  }
  return conditions;
}

/** `%`, `_` and `\` are literal in the user's search text. */
const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Items whose title or summary in the clear holds the words (found by the trigram index). */
export const clearTextMatches = (q: string): SQL => sql`lower(${evidence.title} || ' ' || ${evidence.summary}) like ${likePattern(q)} escape '\\'`;

/** Items stored sealed: their words are searched once they are opened. */
export const sealedText: SQL = sql`${evidence.title} like 'enc:v1:%'`;

/** Whether an opened item holds the words. */
export const holdsText = (q: string) => {
  const needle = q.toLowerCase();
  return (row: { title: string; summary: string }) => `${row.title} ${row.summary}`.toLowerCase().includes(needle);
};
