import { asc, eq } from 'drizzle-orm';
import type { Database } from '../client';
import { frameworks, recommendationGroups, recommendations } from '../schema';

export async function listFrameworks(db: Database) {
  return db
    .select({
      slug: frameworks.slug,
      title: frameworks.title,
      publisher: frameworks.publisher,
      publishedOn: frameworks.publishedOn,
      url: frameworks.url,
      licence: frameworks.licence,
      citation: frameworks.citation,
    })
    .from(frameworks)
    .orderBy(asc(frameworks.publishedOn), asc(frameworks.slug));
}

const recommendationColumns = {
  key: recommendations.key,
  title: recommendations.title,
  paraphrase: recommendations.paraphrase,
  addressees: recommendations.addressees,
  sdgTargets: recommendations.sdgTargets,
  sourceLocator: recommendations.sourceLocator,
  groupKey: recommendationGroups.key,
  groupTitle: recommendationGroups.title,
  frameworkSlug: frameworks.slug,
  frameworkTitle: frameworks.title,
};

function recommendationQuery(db: Database) {
  return db
    .select(recommendationColumns)
    .from(recommendations)
    .innerJoin(recommendationGroups, eq(recommendationGroups.id, recommendations.groupId))
    .innerJoin(frameworks, eq(frameworks.id, recommendations.frameworkId));
}

export type RecommendationRow = Awaited<ReturnType<typeof listRecommendations>>[number];

export async function listRecommendations(db: Database) {
  return recommendationQuery(db).orderBy(
    asc(frameworks.publishedOn),
    asc(recommendationGroups.position),
    asc(recommendations.position),
  );
}

export async function getRecommendation(db: Database, key: string): Promise<RecommendationRow | null> {
  const [row] = await recommendationQuery(db).where(eq(recommendations.key, key));
  return row ?? null;
}
