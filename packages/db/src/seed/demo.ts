import {
  assessmentStatuses,
  evidenceKinds,
  visibilities,
  type AssessmentStatus,
  type EvidenceKind,
  type EvidenceStatus,
  type Visibility,
} from '@tracker/domain';
import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../client';
import { randomUUID } from 'node:crypto';
import { appendLedger } from '../ledger';
import { sealColumns } from '../queries/evidence-sealing';
import { dataKeyFor } from '../queries/record-keys';
import * as t from '../schema';
import { focusStates } from './briefing-paper';

/**
 * An illustrative data set for trying the product. Every row is flagged `is_demo` and every title
 * says so; none of it describes real events. Deterministic: the same rows every run.
 */

const DEMO_PREFIX = '[Demo]';
const demoUsers = [
  { email: 'demo.monitor@example.org', displayName: 'Demo monitor', role: 'monitor' as const },
  { email: 'demo.reviewer@example.org', displayName: 'Demo reviewer', role: 'reviewer' as const },
];

/** mulberry32: tiny seeded PRNG so the demo set is reproducible. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

const kindLabel: Record<EvidenceKind, string> = {
  law_regulation: 'law amending the anti-trafficking act',
  policy_plan: 'national action plan',
  court_decision: 'court ruling on a trafficking case',
  enforcement_action: 'raid on a compound',
  official_statement: 'ministerial statement',
  un_ngo_report: 'NGO monitoring report',
  media_report: 'news report',
  testimony: 'survivor interview',
  dataset: 'victim identification figures',
  other: 'parliamentary question',
};

const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

export interface DemoReport {
  skipped: boolean;
  evidence: number;
  assessments: number;
}

export async function seedDemo(db: Database): Promise<DemoReport> {
  return db.transaction(async (tx) => {
    const existing = await tx.select({ id: t.evidence.id }).from(t.evidence).where(eq(t.evidence.isDemo, true)).limit(1);
    if (existing.length > 0) return { skipped: true, evidence: 0, assessments: 0 };

    await tx
      .insert(t.users)
      .values(demoUsers.map((u) => ({ ...u, isDemo: true, active: false })))
      .onConflictDoNothing();
    const people = await tx
      .select({ id: t.users.id, role: t.users.role })
      .from(t.users)
      .where(
        inArray(
          t.users.email,
          demoUsers.map((u) => u.email),
        ),
      );
    const monitor = people.find((p) => p.role === 'monitor');
    const reviewer = people.find((p) => p.role === 'reviewer');
    if (!monitor || !reviewer) throw new Error('demo users missing');

    const recs = await tx
      .select({ id: t.recommendations.id, key: t.recommendations.key })
      .from(t.recommendations)
      .orderBy(t.recommendations.position);
    const random = prng(2023);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

    let evidenceCount = 0;
    let assessmentCount = 0;
    const start = '2024-11-01';
    for (const iso3 of focusStates) {
      // Evidence: every kind, every visibility, most verified; testimony is always confidential.
      const verifiedByRec = new Map<string, string[]>();
      for (const [k, kind] of evidenceKinds.entries()) {
        const visibility: Visibility = kind === 'testimony' ? 'confidential' : (visibilities[k % 3] as Visibility);
        const status: EvidenceStatus = k === 8 ? 'submitted' : k === 9 ? 'draft' : 'verified';
        const linked = [pick(recs), pick(recs)].filter((r, i, all) => all.findIndex((x) => x.id === r.id) === i);
        const publishedOn = addDays(start, Math.floor(random() * 700));
        // Sealed like any confidential item, so the demo shows the tracker as it stores testimony.
        const id = randomUUID();
        const key = visibility === 'confidential' || kind === 'testimony' ? await dataKeyFor(tx, 'evidence', id, true) : null;
        const [row] = await tx
          .insert(t.evidence)
          .values({
            id,
            ...sealColumns(key, id, {
              title: `${DEMO_PREFIX} Illustrative ${kindLabel[kind]} (${iso3})`,
              summary:
                'Illustrative demo record, not a real event. It exists so the tracker can be tried: filters, review, scorecards and exports all have something to show.',
              sourceUrl: `https://example.org/demo/${iso3.toLowerCase()}/${kind}`,
              publisher: 'Demo publisher',
              reviewNote: status === 'verified' ? 'Demo: source checked.' : null,
            }),
            iso3,
            kind,
            direction: pick(['progress', 'progress', 'setback', 'context'] as const),
            publishedOn,
            accessedOn: addDays(publishedOn, 3),
            language: 'en',
            reliability: pick(['A', 'B', 'C', 'D'] as const),
            credibility: 1 + Math.floor(random() * 4),
            visibility,
            containsPersonalData: kind === 'testimony',
            status,
            createdBy: monitor.id,
            contentChangedBy: monitor.id,
            submittedAt: status === 'draft' ? null : new Date(`${addDays(publishedOn, 5)}T09:00:00Z`),
            reviewedBy: status === 'verified' ? reviewer.id : null,
            reviewedAt: status === 'verified' ? new Date(`${addDays(publishedOn, 7)}T09:00:00Z`) : null,
            isDemo: true,
          })
          .returning({ id: t.evidence.id });
        if (!row) throw new Error('demo evidence insert returned nothing');
        evidenceCount++;
        await tx.insert(t.evidenceRecommendations).values(linked.map((r) => ({ evidenceId: row.id, recommendationId: r.id })));
        if (status === 'verified') {
          for (const r of linked) verifiedByRec.set(r.id, [...(verifiedByRec.get(r.id) ?? []), row.id]);
        }
      }

      // Assessment history over two years: each cell climbs (sometimes slips) the ladder.
      for (const rec of recs) {
        let level = 1 + Math.floor(random() * 3); // regressed .. committed
        let effectiveFrom = addDays(start, Math.floor(random() * 60));
        const steps = 2 + Math.floor(random() * 3);
        for (let s = 0; s < steps; s++) {
          const status = assessmentStatuses[level] as AssessmentStatus;
          const claimed = random() < 0.4 ? (assessmentStatuses[Math.min(level + 2, 6)] as AssessmentStatus) : null;
          const [a] = await tx
            .insert(t.assessments)
            .values({
              iso3,
              recommendationId: rec.id,
              status,
              claimedStatus: claimed,
              rationale: `Demo: illustrative judgement for ${rec.key} in ${iso3}, step ${s + 1} of ${steps}.`,
              effectiveFrom,
              assessorId: monitor.id,
              reviewState: 'approved',
              reviewerId: reviewer.id,
              reviewedAt: new Date(`${addDays(effectiveFrom, 2)}T10:00:00Z`),
              reviewNote: 'Demo: approved.',
              isDemo: true,
            })
            .returning({ id: t.assessments.id });
          if (!a) throw new Error('demo assessment insert returned nothing');
          assessmentCount++;
          const basis = verifiedByRec.get(rec.id) ?? [];
          if (basis.length > 0) {
            await tx.insert(t.assessmentEvidence).values(basis.map((evidenceId) => ({ assessmentId: a.id, evidenceId })));
          }
          level = Math.max(1, Math.min(6, level + (random() < 0.15 ? -1 : 1)));
          effectiveFrom = addDays(effectiveFrom, 90 + Math.floor(random() * 120));
          if (effectiveFrom > addDays(start, 730)) break;
        }
      }
    }
    await appendLedger(tx, {
      actorId: null,
      action: 'demo.seed',
      entityType: 'demo',
      entityId: 'demo',
      after: { evidence: evidenceCount, assessments: assessmentCount },
    });
    return { skipped: false, evidence: evidenceCount, assessments: assessmentCount };
  });
}
