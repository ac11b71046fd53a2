import { asc, eq } from 'drizzle-orm';
import type { Database } from '../client';
import { siteStatusEvents, sites } from '../schema';

export async function listSites(db: Database, filter: { iso3?: string | undefined } = {}) {
  const where = filter.iso3 ? eq(sites.iso3, filter.iso3) : undefined;
  const [rows, events] = await Promise.all([
    db
      .select({
        id: sites.id,
        iso3: sites.iso3,
        name: sites.name,
        kind: sites.kind,
        adminArea: sites.adminArea,
        latitude: sites.latitude,
        longitude: sites.longitude,
        citation: sites.citation,
      })
      .from(sites)
      .where(where)
      .orderBy(asc(sites.iso3), asc(sites.name)),
    db
      .select({
        siteId: siteStatusEvents.siteId,
        status: siteStatusEvents.status,
        observedOn: siteStatusEvents.observedOn,
        note: siteStatusEvents.note,
        citation: siteStatusEvents.citation,
      })
      .from(siteStatusEvents)
      .innerJoin(sites, eq(sites.id, siteStatusEvents.siteId))
      .where(where)
      .orderBy(asc(siteStatusEvents.observedOn)),
  ]);
  return rows.map((site) => {
    const history = events.filter((e) => e.siteId === site.id).map(({ siteId: _, ...e }) => e);
    return { ...site, status: history.at(-1) ?? null, history };
  });
}
