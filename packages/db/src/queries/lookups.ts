import { fieldError } from '@tracker/domain';
import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../client';
import { recommendations, sites, states } from '../schema';

export { fieldError };

export async function requireState(db: Database, iso3: string, path = 'iso3'): Promise<void> {
  const [row] = await db.select({ iso3: states.iso3 }).from(states).where(eq(states.iso3, iso3));
  if (!row) throw fieldError(path, `${iso3} is not a State in the catalogue.`);
}

/** Maps keys to ids, refusing any key the catalogue does not have. */
export async function recommendationIds(db: Database, keys: readonly string[], path = 'recommendationKeys') {
  if (keys.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: recommendations.id, key: recommendations.key })
    .from(recommendations)
    .where(inArray(recommendations.key, [...keys]));
  const byKey = new Map(rows.map((r) => [r.key, r.id]));
  const unknown = keys.filter((k) => !byKey.has(k));
  if (unknown.length > 0) throw fieldError(path, `unknown recommendation ${unknown.join(', ')}.`);
  return byKey;
}

/** Sites must exist and lie in the evidence's State. */
export async function requireSitesIn(db: Database, iso3: string, siteIds: readonly string[], path = 'siteIds') {
  if (siteIds.length === 0) return;
  const rows = await db
    .select({ id: sites.id, iso3: sites.iso3 })
    .from(sites)
    .where(inArray(sites.id, [...siteIds]));
  const found = new Map(rows.map((r) => [r.id, r.iso3]));
  for (const id of siteIds) {
    if (!found.has(id)) throw fieldError(path, `site ${id} does not exist.`);
    if (found.get(id) !== iso3) throw fieldError(path, `site ${id} is not in ${iso3}.`);
  }
}
