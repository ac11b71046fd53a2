import { seedCatalogue, type Database } from '@tracker/db';
import { users } from '@tracker/db/schema';
import { assessmentStatuses, evidenceKinds } from '@tracker/domain';
import { sql } from 'drizzle-orm';
import { must } from '@tracker/db/testing';

const list = (values: readonly string[]) => sql.raw(`array[${values.map((v) => `'${v}'`).join(',')}]`);

/**
 * Fills a migrated database with synthetic, verified evidence and approved assessments, in a few
 * set-based statements so 100k rows take seconds. Every State and recommendation gets data.
 */
export async function fillSynthetic(db: Database, evidenceRows: number, assessmentRows: number): Promise<void> {
  await seedCatalogue(db);
  const [monitor] = await db.insert(users).values({ email: 'bench.monitor@example.org', displayName: 'Bench monitor', role: 'monitor' }).returning({ id: users.id });
  const [reviewer] = await db.insert(users).values({ email: 'bench.reviewer@example.org', displayName: 'Bench reviewer', role: 'reviewer' }).returning({ id: users.id });
  const states = sql`(select array_agg(iso3 order by iso3) from states)`;
  // A bulk load: count once at the end rather than row by row in the triggers.
  await db.execute(sql`alter table evidence disable trigger evidence_cell_counts_evidence_write`);
  await db.execute(sql`alter table evidence_recommendations disable trigger evidence_cell_counts_link_write`);
  await db.execute(sql`
    insert into evidence (iso3, title, summary, kind, direction, language, reliability, credibility, visibility, status,
                          created_by, content_changed_by, reviewed_by, reviewed_at, submitted_at, published_on, created_at)
    select ${states}[1 + i % 20], 'Synthetic evidence ' || i, 'Synthetic summary of item ' || i || ' for benchmarking',
           (${list(evidenceKinds)})[1 + i % 10], (array['progress','setback','context'])[1 + i % 3], 'en',
           (array['A','B','C','D','E','F'])[1 + i % 6], 1 + i % 6, (array['public','restricted','confidential'])[1 + i % 3],
           'verified', ${must(monitor).id}, ${must(monitor).id}, ${must(reviewer).id}, now(), now(), date '2022-01-01' + (i % 1400),
           now() - (i || ' seconds')::interval
    from generate_series(1, ${evidenceRows}) as i`);
  await db.execute(sql`
    insert into evidence_recommendations (evidence_id, recommendation_id)
    select e.id, r.id from evidence e join recommendations r on r.position = 1 + (abs(hashtext(e.id::text)) % 7)`);
  await db.execute(sql`alter table evidence enable trigger evidence_cell_counts_evidence_write`);
  await db.execute(sql`alter table evidence_recommendations enable trigger evidence_cell_counts_link_write`);
  await db.execute(sql`select evidence_cell_counts_rebuild()`);
  await db.execute(sql`
    insert into assessments (iso3, recommendation_id, status, rationale, effective_from, assessor_id, review_state, reviewer_id, reviewed_at)
    select ${states}[1 + i % 20], (select id from recommendations where position = 1 + (i / 20) % 7),
           (${list(assessmentStatuses.slice(1))})[1 + (i * 7919) % 6], 'Synthetic judgement ' || i,
           date '2022-01-01' + (i % 1400), ${must(monitor).id}, 'approved', ${must(reviewer).id}, now()
    from generate_series(1, ${assessmentRows}) as i`);
  // Statistics first, so the lateral lookups below use the indexes.
  await db.execute(sql`analyze`);
  await db.execute(sql`
    insert into assessment_evidence (assessment_id, evidence_id)
    select a.id, er.evidence_id
    from assessments a
    cross join lateral (
      select er.evidence_id from evidence_recommendations er join evidence e on e.id = er.evidence_id
      where er.recommendation_id = a.recommendation_id and e.iso3 = a.iso3 limit 2
    ) er`);
  await db.execute(sql`analyze`);
}
