import { eq } from 'drizzle-orm';
import type { Database } from '../client';
import { blobs, evidenceAttachments, evidenceRecommendations, evidenceSites, recommendations, sites } from '../schema';
import { anyOf } from './any-of';
import { openFilename } from './evidence-sealing';
import type { EvidenceLinks } from './evidence-view';

/** Recommendations, sites and files of items; `keys` opens the file names of confidential ones. */
export async function linksFor(db: Database, ids: string[], keys: Map<string, Buffer> = new Map()): Promise<Map<string, EvidenceLinks>> {
  const links = new Map<string, EvidenceLinks>(ids.map((id) => [id, { recommendationKeys: [], sites: [], attachments: [] }]));
  if (ids.length === 0) return links;
  const [recs, siteRows, files] = await Promise.all([
    db
      .select({ evidenceId: evidenceRecommendations.evidenceId, key: recommendations.key })
      .from(evidenceRecommendations)
      .innerJoin(recommendations, eq(recommendations.id, evidenceRecommendations.recommendationId))
      .where(anyOf(evidenceRecommendations.evidenceId, ids))
      .orderBy(recommendations.position),
    db
      .select({ evidenceId: evidenceSites.evidenceId, id: sites.id, name: sites.name })
      .from(evidenceSites)
      .innerJoin(sites, eq(sites.id, evidenceSites.siteId))
      .where(anyOf(evidenceSites.evidenceId, ids))
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
      .where(anyOf(evidenceAttachments.evidenceId, ids))
      .orderBy(evidenceAttachments.createdAt),
  ]);
  for (const { evidenceId, key } of recs) links.get(evidenceId)?.recommendationKeys.push(key);
  for (const { evidenceId, ...site } of siteRows) links.get(evidenceId)?.sites.push(site);
  for (const { evidenceId, ...file } of files) links.get(evidenceId)?.attachments.push({ ...file, filename: openFilename(keys.get(evidenceId), evidenceId, file.sha256, file.filename) });
  return links;
}
