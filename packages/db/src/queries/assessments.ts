import { AppError, mayReviewAssessment, notFound, requireAllowed, readableVisibilities, type AssessmentProposeInput, type Viewer } from '@tracker/domain';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client';
import { appendLedger } from '../ledger';
import { notify } from './notifications';
import { tellFollowers } from './following';
import { assessmentEvidence, assessments, evidence, evidenceRecommendations, recommendations } from '../schema';
import { readableWhere } from './evidence-view';
import { fieldError, recommendationIds, requireState } from './lookups';
import { requireStateAllowed } from './users';

const isStaff = (viewer: Viewer | null) => viewer !== null && viewer.role !== 'policymaker';

const assessmentColumns = {
  id: assessments.id,
  iso3: assessments.iso3,
  recommendationKey: recommendations.key,
  status: assessments.status,
  claimedStatus: assessments.claimedStatus,
  rationale: assessments.rationale,
  effectiveFrom: assessments.effectiveFrom,
  reviewState: assessments.reviewState,
  assessorId: assessments.assessorId,
  reviewerId: assessments.reviewerId,
  reviewNote: assessments.reviewNote,
  reviewedAt: assessments.reviewedAt,
  isDemo: assessments.isDemo,
  createdAt: assessments.createdAt,
};

type AssessmentRow = {
  [K in keyof typeof assessmentColumns]: (typeof assessmentColumns)[K]['_']['notNull'] extends true
    ? (typeof assessmentColumns)[K]['_']['data']
    : (typeof assessmentColumns)[K]['_']['data'] | null;
};

/**
 * Shapes assessments for a viewer: everyone sees how many sources of each visibility support a
 * judgement ("2 confidential sources"), but only the ids of evidence they may read themselves.
 */
async function project(db: Database, rows: AssessmentRow[], viewer: Viewer | null) {
  const ids = rows.map((r) => r.id);
  const support = ids.length
    ? await db
        .select({ assessmentId: assessmentEvidence.assessmentId, evidenceId: evidence.id, visibility: evidence.visibility, createdBy: evidence.createdBy })
        .from(assessmentEvidence)
        .innerJoin(evidence, eq(evidence.id, assessmentEvidence.evidenceId))
        .where(and(inArray(assessmentEvidence.assessmentId, ids), eq(evidence.status, 'verified'), sql`${evidence.retractedAt} is null`))
    : [];
  const rule = readableVisibilities(viewer);
  return rows.map((row) => {
    const mine = support.filter((s) => s.assessmentId === row.id);
    const counts = { public: 0, restricted: 0, confidential: 0 };
    for (const s of mine) counts[s.visibility]++;
    const readable = mine.filter(
      (s) => rule.everything || rule.verified.includes(s.visibility) || (rule.ownAnything && viewer && s.createdBy === viewer.id),
    );
    const base = {
      id: row.id,
      iso3: row.iso3,
      recommendationKey: row.recommendationKey,
      status: row.status,
      claimedStatus: row.claimedStatus,
      rationale: row.rationale,
      effectiveFrom: row.effectiveFrom,
      reviewState: row.reviewState,
      reviewedAt: row.reviewedAt?.toISOString() ?? null,
      isDemo: row.isDemo,
      createdAt: row.createdAt.toISOString(),
      evidenceCounts: counts,
      evidenceIds: readable.map((s) => s.evidenceId),
    };
    return isStaff(viewer)
      ? { ...base, assessorId: row.assessorId, reviewerId: row.reviewerId, reviewNote: row.reviewNote }
      : base;
  });
}

function baseQuery(db: Database) {
  return db.select(assessmentColumns).from(assessments).innerJoin(recommendations, eq(recommendations.id, assessments.recommendationId));
}

async function getAssessment(db: Database, viewer: Viewer | null, id: string) {
  const rows = await baseQuery(db).where(eq(assessments.id, id));
  const [view] = await project(db, rows, viewer);
  if (!view) throw notFound('Assessment');
  return view;
}

/** The record, oldest first. The public and policymakers see approved judgements only. */
export async function assessmentHistory(db: Database, viewer: Viewer | null, filter: { iso3?: string | undefined; recommendationKey?: string | undefined }) {
  const conditions: (SQL | undefined)[] = [
    isStaff(viewer) ? undefined : eq(assessments.reviewState, 'approved'),
    filter.iso3 ? eq(assessments.iso3, filter.iso3) : undefined,
    filter.recommendationKey ? eq(recommendations.key, filter.recommendationKey) : undefined,
  ];
  const rows = await baseQuery(db)
    .where(and(...conditions))
    .orderBy(asc(assessments.iso3), asc(recommendations.position), asc(assessments.effectiveFrom), asc(assessments.createdAt))
    .limit(5000);
  return project(db, rows, viewer);
}

/** A monitor proposes a judgement resting on verified evidence of the same State and recommendation. */
export async function proposeAssessment(db: Database, actor: Viewer, input: AssessmentProposeInput) {
  return db.transaction(async (tx) => {
    await requireState(tx, input.iso3);
    await requireStateAllowed(tx, actor, input.iso3);
    const recId = (await recommendationIds(tx, [input.recommendationKey], 'recommendationKey')).get(input.recommendationKey) as string;
    if (input.evidenceIds.length > 0) {
      const usable = await tx
        .select({ id: evidence.id })
        .from(evidence)
        .innerJoin(evidenceRecommendations, and(eq(evidenceRecommendations.evidenceId, evidence.id), eq(evidenceRecommendations.recommendationId, recId)))
        .where(
          and(
            inArray(evidence.id, input.evidenceIds),
            // Evidence the proposer may not read answers exactly like evidence that does not exist.
            readableWhere(actor),
            eq(evidence.iso3, input.iso3),
            eq(evidence.status, 'verified'),
            sql`${evidence.retractedAt} is null`,
          ),
        );
      const ok = new Set(usable.map((u) => u.id));
      const bad = input.evidenceIds.filter((id) => !ok.has(id));
      if (bad.length > 0) {
        throw fieldError('evidenceIds', `${bad.join(', ')} is not verified evidence about ${input.iso3} linked to ${input.recommendationKey}.`);
      }
    }
    const [row] = await tx
      .insert(assessments)
      .values({
        iso3: input.iso3,
        recommendationId: recId,
        status: input.status,
        claimedStatus: input.claimedStatus ?? null,
        rationale: input.rationale,
        effectiveFrom: input.effectiveFrom,
        assessorId: actor.id,
      })
      .returning({ id: assessments.id });
    if (!row) throw new Error('insert returned no row');
    if (input.evidenceIds.length > 0) {
      await tx.insert(assessmentEvidence).values(input.evidenceIds.map((evidenceId) => ({ assessmentId: row.id, evidenceId })));
    }
    await appendLedger(tx, { actorId: actor.id, action: 'assessment.propose', entityType: 'assessment', entityId: row.id, after: input });
    return getAssessment(tx, actor, row.id);
  });
}

/** A different reviewer approves or returns a proposal; of two deciding at once exactly one wins. */
export async function reviewAssessment(db: Database, actor: Viewer, input: { id: string; decision: 'approve' | 'return'; note: string }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ assessorId: assessments.assessorId, reviewState: assessments.reviewState, iso3: assessments.iso3, recommendationId: assessments.recommendationId })
      .from(assessments)
      .where(eq(assessments.id, input.id))
      .for('update');
    if (!row) throw notFound('Assessment');
    requireAllowed(mayReviewAssessment(row, actor));
    await requireStateAllowed(tx, actor, row.iso3);
    const decided = await tx
      .update(assessments)
      .set({
        reviewState: input.decision === 'approve' ? 'approved' : 'returned',
        reviewerId: actor.id,
        reviewedAt: new Date(),
        reviewNote: input.note,
      })
      .where(and(eq(assessments.id, input.id), eq(assessments.reviewState, 'proposed')))
      .returning({ id: assessments.id });
    if (decided.length === 0) throw new AppError('CONFLICT', 'Another reviewer decided this proposal first.');
    await appendLedger(tx, {
      actorId: actor.id,
      action: `assessment.${input.decision}`,
      entityType: 'assessment',
      entityId: input.id,
      before: { reviewState: 'proposed' },
      after: { reviewState: input.decision === 'approve' ? 'approved' : 'returned', note: input.note },
    });
    await notify(tx, { userId: row.assessorId, kind: input.decision === 'approve' ? 'assessment_approved' : 'assessment_returned', entityId: input.id });
    if (input.decision === 'approve') await tellFollowers(tx, { kind: 'followed_assessment', entityId: input.id, iso3: row.iso3, recommendationIds: [row.recommendationId], actorId: actor.id });
    return getAssessment(tx, actor, input.id);
  });
}

