import { and, eq } from 'drizzle-orm';
import type { Database } from '../client';
import { appendLedger } from '../ledger';
import * as t from '../schema';
import * as paper from './briefing-paper';

export interface SeedReport {
  inserted: Record<string, number>;
}

/**
 * Loads the briefing paper's catalogue. Idempotent: rows are matched on their natural keys and
 * left alone when present, so re-running never duplicates and never overwrites an admin's edits.
 */
export async function seedCatalogue(db: Database): Promise<SeedReport> {
  return db.transaction(async (tx) => {
    const inserted: Record<string, number> = {};
    const count = (table: string, rows: unknown[]) => {
      inserted[table] = (inserted[table] ?? 0) + rows.length;
    };

    count(
      'frameworks',
      await tx.insert(t.frameworks).values(paper.framework).onConflictDoNothing().returning({ id: t.frameworks.id }),
    );
    const [fw] = await tx
      .select({ id: t.frameworks.id })
      .from(t.frameworks)
      .where(eq(t.frameworks.slug, paper.FRAMEWORK_SLUG));
    if (!fw) throw new Error('framework missing after insert');

    count(
      'recommendation_groups',
      await tx
        .insert(t.recommendationGroups)
        .values({ ...paper.group, frameworkId: fw.id })
        .onConflictDoNothing()
        .returning({ id: t.recommendationGroups.id }),
    );
    const [grp] = await tx
      .select({ id: t.recommendationGroups.id })
      .from(t.recommendationGroups)
      .where(and(eq(t.recommendationGroups.frameworkId, fw.id), eq(t.recommendationGroups.key, paper.group.key)));
    if (!grp) throw new Error('recommendation group missing after insert');

    count(
      'recommendations',
      await tx
        .insert(t.recommendations)
        .values(
          paper.recommendations.map((r, i) => ({
            ...r,
            frameworkId: fw.id,
            groupId: grp.id,
            sourceLocator: paper.recommendationsLocator,
            position: i + 1,
          })),
        )
        .onConflictDoNothing()
        .returning({ id: t.recommendations.id }),
    );

    count(
      'states',
      await tx
        .insert(t.states)
        .values(paper.states.map(({ iso3, name, region }) => ({ iso3, name, region })))
        .onConflictDoNothing()
        .returning({ iso3: t.states.iso3 }),
    );
    count(
      'state_roles',
      await tx
        .insert(t.stateRoleClaims)
        .values(paper.states.flatMap((s) => s.roles.map((r) => ({ ...r, iso3: s.iso3 }))))
        .onConflictDoNothing()
        .returning({ iso3: t.stateRoleClaims.iso3 }),
    );

    count(
      'sites',
      await tx
        .insert(t.sites)
        .values(
          paper.sites.map(({ iso3, name, kind, adminArea }) => ({
            iso3,
            name,
            kind,
            adminArea,
            citation: paper.sitesCitation,
          })),
        )
        .onConflictDoNothing()
        .returning({ id: t.sites.id }),
    );
    const siteIds = await tx.select({ id: t.sites.id, iso3: t.sites.iso3, name: t.sites.name }).from(t.sites);
    const siteId = (iso3: string, name: string) => siteIds.find((s) => s.iso3 === iso3 && s.name === name)?.id;
    count(
      'site_status_events',
      await tx
        .insert(t.siteStatusEvents)
        .values(
          paper.sites.flatMap((s) => {
            const id = siteId(s.iso3, s.name);
            return id
              ? [{ siteId: id, status: 'reported_active' as const, ...s.status, citation: paper.sitesCitation }]
              : [];
          }),
        )
        .onConflictDoNothing()
        .returning({ id: t.siteStatusEvents.id }),
    );

    for (const indicator of paper.indicators) {
      const { observations, ...fields } = indicator;
      count(
        'indicators',
        await tx.insert(t.indicators).values(fields).onConflictDoNothing().returning({ id: t.indicators.id }),
      );
      const [row] = await tx
        .select({ id: t.indicators.id })
        .from(t.indicators)
        .where(eq(t.indicators.key, indicator.key));
      if (!row) throw new Error(`indicator ${indicator.key} missing after insert`);
      count(
        'observations',
        await tx
          .insert(t.observations)
          .values(observations.map((o) => ({ ...o, indicatorId: row.id })))
          .onConflictDoNothing()
          .returning({ id: t.observations.id }),
      );
    }
    if (Object.values(inserted).some((n) => n > 0)) {
      await appendLedger(tx, { actorId: null, action: 'catalogue.seed', entityType: 'framework', entityId: paper.FRAMEWORK_SLUG, after: inserted });
    }
    return { inserted };
  });
}

/** True when the catalogue has been loaded at least once (the first-start check). */
export async function hasCatalogue(db: Database): Promise<boolean> {
  const rows = await db.select({ id: t.frameworks.id }).from(t.frameworks).limit(1);
  return rows.length > 0;
}
