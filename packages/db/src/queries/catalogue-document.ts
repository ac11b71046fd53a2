import { AppError, type CatalogueDocument, type Viewer } from '@tracker/domain';
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../client';
import { appendLedger, canonicalJson } from '../ledger';
import { frameworks, recommendationGroups, recommendations } from '../schema';

/** The whole catalogue as one document, in the order the pages show it. */
export async function exportCatalogue(db: Database): Promise<CatalogueDocument> {
  const [fws, groups, recs] = await Promise.all([
    db.select().from(frameworks).orderBy(asc(frameworks.publishedOn), asc(frameworks.slug)),
    db.select().from(recommendationGroups).orderBy(asc(recommendationGroups.position)),
    db.select().from(recommendations).orderBy(asc(recommendations.position)),
  ]);
  return {
    version: 1,
    frameworks: fws.map((f) => ({
      slug: f.slug,
      title: f.title,
      publisher: f.publisher,
      publishedOn: f.publishedOn,
      url: f.url,
      licence: f.licence,
      citation: f.citation,
      groups: groups
        .filter((g) => g.frameworkId === f.id)
        .map((g) => ({
          key: g.key,
          title: g.title,
          recommendations: recs
            .filter((r) => r.groupId === g.id)
            .map((r) => ({ key: r.key, title: r.title, paraphrase: r.paraphrase, addressees: r.addressees, sdgTargets: r.sdgTargets, sourceLocator: r.sourceLocator })),
        })),
    })),
  };
}

export interface CatalogueImportReport {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * Adds and updates frameworks, groups and recommendations, matched by slug and key, in one
 * transaction; nothing is deleted (evidence and assessments refer to the catalogue). Each change is
 * a ledger entry.
 */
export async function importCatalogue(db: Database, actor: Viewer, doc: CatalogueDocument): Promise<CatalogueImportReport> {
  return db.transaction(async (tx) => {
    const report: CatalogueImportReport = { created: 0, updated: 0, unchanged: 0 };
    const record = async (entityType: string, entityId: string, before: unknown, after: unknown) => {
      if (before && canonicalJson(before) === canonicalJson(after)) {
        report.unchanged++;
        return false;
      }
      if (before) report.updated++;
      else report.created++;
      await appendLedger(tx, { actorId: actor.id, action: before ? 'catalogue.update' : 'catalogue.create', entityType, entityId, before: before ?? null, after });
      return true;
    };
    for (const f of doc.frameworks) {
      const { groups, ...fields } = f;
      const [existing] = await tx.select().from(frameworks).where(eq(frameworks.slug, f.slug));
      const before = existing ? { slug: existing.slug, title: existing.title, publisher: existing.publisher, publishedOn: existing.publishedOn, url: existing.url, licence: existing.licence, citation: existing.citation } : null;
      let frameworkId = existing?.id;
      if (await record('framework', f.slug, before, fields)) {
        if (existing) await tx.update(frameworks).set(fields).where(eq(frameworks.id, existing.id));
        else frameworkId = (await tx.insert(frameworks).values(fields).returning({ id: frameworks.id }))[0]?.id;
      }
      if (!frameworkId) throw new Error('framework id missing');
      for (const [gi, g] of groups.entries()) {
        const [group] = await tx
          .select()
          .from(recommendationGroups)
          .where(and(eq(recommendationGroups.frameworkId, frameworkId), eq(recommendationGroups.key, g.key)));
        const groupFields = { key: g.key, title: g.title, position: gi + 1 };
        let groupId = group?.id;
        if (await record('recommendation_group', `${f.slug}/${g.key}`, group ? { key: group.key, title: group.title, position: group.position } : null, groupFields)) {
          if (group) await tx.update(recommendationGroups).set(groupFields).where(eq(recommendationGroups.id, group.id));
          else groupId = (await tx.insert(recommendationGroups).values({ ...groupFields, frameworkId }).returning({ id: recommendationGroups.id }))[0]?.id;
        }
        if (!groupId) throw new Error('group id missing');
        for (const [ri, r] of g.recommendations.entries()) {
          const [rec] = await tx.select().from(recommendations).where(eq(recommendations.key, r.key));
          if (rec && rec.frameworkId !== frameworkId) {
            throw new AppError('CONFLICT', `Recommendation ${r.key} already belongs to another framework; keys are unique across the catalogue.`);
          }
          const recFields = { ...r, position: ri + 1 };
          const recBefore = rec
            ? { key: rec.key, title: rec.title, paraphrase: rec.paraphrase, addressees: rec.addressees, sdgTargets: rec.sdgTargets, sourceLocator: rec.sourceLocator, position: rec.position, groupKey: rec.groupId === groupId ? g.key : null }
            : null;
          if (await record('recommendation', r.key, recBefore, { ...recFields, groupKey: g.key })) {
            if (rec) await tx.update(recommendations).set({ ...recFields, groupId }).where(eq(recommendations.id, rec.id));
            else await tx.insert(recommendations).values({ ...recFields, frameworkId, groupId });
          }
        }
      }
    }
    return report;
  });
}
