import {
  AppError,
  commitmentState,
  DUE_SOON_DAYS,
  isReviewerRole,
  notFound,
  todayUtc,
  type AcceptanceState,
  type CommitmentCloseInput,
  type CommitmentCreateInput,
  type CommitmentState,
  type FollowUpReviewInput,
  type Viewer,
} from '@tracker/domain';
import { and, asc, eq, inArray, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client';
import { appendLedger } from '../ledger';
import { decideFollowUp } from './follow-up-review';
import { commitmentEvidence, commitmentRecommendations, commitments, evidence, recommendations } from '../schema';
import { readableWhere } from './evidence-view';
import { tellFollowers } from './following';
import { fieldError, recommendationIds, requireState } from './lookups';
import { readsUnaccepted } from './replies';
import { requireStateAllowed } from './users';

const commitmentColumns = {
  id: commitments.id,
  iso3: commitments.iso3,
  text: commitments.text,
  sourceUrl: commitments.sourceUrl,
  madeOn: commitments.madeOn,
  dueBy: commitments.dueBy,
  metOn: commitments.metOn,
  withdrawnOn: commitments.withdrawnOn,
  withdrawalReason: commitments.withdrawalReason,
  closeNote: commitments.closeNote,
  reviewState: commitments.reviewState,
  reviewNote: commitments.reviewNote,
  reviewedAt: commitments.reviewedAt,
  createdBy: commitments.createdBy,
  reviewerId: commitments.reviewerId,
  createdAt: commitments.createdAt,
};

async function selectCommitments(db: Database, where: SQL | undefined) {
  const rows = await db.select(commitmentColumns).from(commitments).where(where).orderBy(asc(commitments.iso3), asc(commitments.dueBy), asc(commitments.madeOn)).limit(2000);
  const ids = rows.map((r) => r.id);
  const [keys, shown] = ids.length
    ? await Promise.all([
        db
          .select({ id: commitmentRecommendations.commitmentId, key: recommendations.key })
          .from(commitmentRecommendations)
          .innerJoin(recommendations, eq(recommendations.id, commitmentRecommendations.recommendationId))
          .where(inArray(commitmentRecommendations.commitmentId, ids))
          .orderBy(asc(recommendations.position)),
        db
          .select({ id: commitmentEvidence.commitmentId, evidenceId: commitmentEvidence.evidenceId, visibility: evidence.visibility })
          .from(commitmentEvidence)
          .innerJoin(evidence, eq(evidence.id, commitmentEvidence.evidenceId))
          .where(inArray(commitmentEvidence.commitmentId, ids)),
      ])
    : [[], []];
  return rows.map((row) => ({
    ...row,
    recommendationKeys: keys.filter((k) => k.id === row.id).map((k) => k.key),
    evidence: shown.filter((e) => e.id === row.id),
  }));
}
type CommitmentRow = Awaited<ReturnType<typeof selectCommitments>>[number];

/**
 * What a viewer reads of a commitment, with its state as of the date. The evidence that shows it
 * met is named only when the viewer may read it (public evidence for the public), else counted.
 */
function project(row: CommitmentRow, viewer: Viewer | null, asOf: string) {
  const staff = readsUnaccepted(viewer);
  const readable = row.evidence.filter((e) => staff || e.visibility === 'public' || (viewer !== null && e.visibility === 'restricted'));
  // Closed by the as-of date, or not yet then.
  const met = row.metOn !== null && row.metOn <= asOf;
  const withdrawn = row.withdrawnOn !== null && row.withdrawnOn <= asOf;
  const base = {
    id: row.id,
    iso3: row.iso3,
    recommendationKeys: row.recommendationKeys,
    text: row.text,
    sourceUrl: row.sourceUrl,
    madeOn: row.madeOn,
    dueBy: row.dueBy,
    metOn: met ? row.metOn : null,
    withdrawnOn: withdrawn ? row.withdrawnOn : null,
    withdrawalReason: withdrawn ? row.withdrawalReason : null,
    state: row.reviewState === 'accepted' ? commitmentState(row, asOf) : null,
    asOf,
    reviewState: row.reviewState,
    answer: row.reviewState === 'accepted' ? row.reviewNote : null,
    evidenceIds: met ? readable.map((e) => e.evidenceId) : [],
    evidenceCount: met ? row.evidence.length : 0,
  };
  return staff
    ? { ...base, reviewNote: row.reviewNote, closeNote: row.closeNote, createdBy: row.createdBy, reviewerId: row.reviewerId, createdAt: row.createdAt.toISOString() }
    : base;
}
export type CommitmentView = ReturnType<typeof project>;

export interface CommitmentFilter {
  iso3?: string | undefined;
  recommendationKey?: string | undefined;
  state?: CommitmentState | undefined;
  asOf?: string | undefined;
  reviewState?: AcceptanceState | undefined;
}

/**
 * Commitments with their state as of a date (today by default), soonest deadline first. The
 * public reads accepted commitments made by that date; staff also read those awaiting review.
 */
export async function listCommitments(db: Database, viewer: Viewer | null, filter: CommitmentFilter) {
  const asOf = filter.asOf ?? todayUtc();
  // The public read accepted commitments only: asking for others finds none.
  if (!readsUnaccepted(viewer) && filter.reviewState && filter.reviewState !== 'accepted') return [];
  const reviewState = readsUnaccepted(viewer) ? filter.reviewState : 'accepted';
  const rows = await selectCommitments(
    db,
    and(
      reviewState ? eq(commitments.reviewState, reviewState) : undefined,
      filter.iso3 ? eq(commitments.iso3, filter.iso3) : undefined,
      filter.recommendationKey
        ? inArray(
            commitments.id,
            db
              .select({ id: commitmentRecommendations.commitmentId })
              .from(commitmentRecommendations)
              .innerJoin(recommendations, eq(recommendations.id, commitmentRecommendations.recommendationId))
              .where(eq(recommendations.key, filter.recommendationKey)),
          )
        : undefined,
      // Staff see a proposal whatever its date; an accepted commitment exists from the day it was made.
      or(ne(commitments.reviewState, 'accepted'), lte(commitments.madeOn, asOf)),
    ),
  );
  return rows
    .map((r) => project(r, viewer, asOf))
    .filter((c) => !filter.state || c.state === filter.state);
}

async function getCommitment(db: Database, viewer: Viewer | null, id: string) {
  const [row] = await selectCommitments(db, eq(commitments.id, id));
  if (!row || (!readsUnaccepted(viewer) && row.reviewState !== 'accepted')) throw notFound('Commitment');
  return project(row, viewer, todayUtc());
}

export async function createCommitment(db: Database, actor: Viewer, input: CommitmentCreateInput) {
  return db.transaction(async (tx) => {
    await requireState(tx, input.iso3);
    await requireStateAllowed(tx, actor, input.iso3);
    const recIds = await recommendationIds(tx, input.recommendationKeys);
    const [row] = await tx
      .insert(commitments)
      .values({ iso3: input.iso3, text: input.text, sourceUrl: input.sourceUrl, madeOn: input.madeOn, dueBy: input.dueBy ?? null, createdBy: actor.id })
      .returning({ id: commitments.id });
    if (!row) throw new Error('insert returned no row');
    await tx.insert(commitmentRecommendations).values([...recIds.values()].map((recommendationId) => ({ commitmentId: row.id, recommendationId })));
    await appendLedger(tx, { actorId: actor.id, action: 'commitment.create', entityType: 'commitment', entityId: row.id, after: input });
    return getCommitment(tx, actor, row.id);
  });
}

export async function reviewCommitment(db: Database, actor: Viewer, input: FollowUpReviewInput) {
  return db.transaction(async (tx) => {
    await decideFollowUp(tx, actor, 'commitment', input);
    return getCommitment(tx, actor, input.id);
  });
}

/**
 * Records an accepted commitment met (a reviewer links verified evidence about its State that shows
 * it done) or withdrawn (with the State's reason), by a reviewer other than whoever entered it. Once
 * only: a closed commitment stays closed.
 */
export async function closeCommitment(db: Database, actor: Viewer, input: CommitmentCloseInput) {
  if (!isReviewerRole(actor.role)) throw new AppError('FORBIDDEN', 'Only reviewers record a commitment met or withdrawn.');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ iso3: commitments.iso3, createdBy: commitments.createdBy, reviewState: commitments.reviewState, madeOn: commitments.madeOn, metOn: commitments.metOn, withdrawnOn: commitments.withdrawnOn })
      .from(commitments)
      .where(eq(commitments.id, input.id))
      .for('update');
    if (!row) throw notFound('Commitment');
    if (row.createdBy === actor.id) throw new AppError('FORBIDDEN', 'You entered this commitment: another reviewer records what became of it.');
    await requireStateAllowed(tx, actor, row.iso3);
    if (row.reviewState !== 'accepted') throw new AppError('CONFLICT', 'Only an accepted commitment can be met or withdrawn; review it first.');
    if (row.metOn || row.withdrawnOn) throw new AppError('CONFLICT', `This commitment is already ${row.metOn ? 'met' : 'withdrawn'}.`);
    if (input.on < row.madeOn) throw fieldError('on', 'This date is before the commitment was made.');
    if (input.on > todayUtc()) throw fieldError('on', 'This date is in the future.');
    if (input.outcome === 'met') {
      const usable = await tx
        .select({ id: evidence.id })
        .from(evidence)
        .where(and(inArray(evidence.id, input.evidenceIds), readableWhere(actor), eq(evidence.iso3, row.iso3), eq(evidence.status, 'verified'), isNull(evidence.retractedAt)));
      const ok = new Set(usable.map((u) => u.id));
      const bad = input.evidenceIds.filter((id) => !ok.has(id));
      if (bad.length > 0) throw fieldError('evidenceIds', `${bad.join(', ')} is not verified evidence about ${row.iso3}.`);
      await tx.update(commitments).set({ metOn: input.on, closedBy: actor.id, closeNote: input.note ?? null }).where(eq(commitments.id, input.id));
      await tx.insert(commitmentEvidence).values(input.evidenceIds.map((evidenceId) => ({ commitmentId: input.id, evidenceId })));
    } else {
      await tx.update(commitments).set({ withdrawnOn: input.on, withdrawalReason: input.reason, closedBy: actor.id }).where(eq(commitments.id, input.id));
    }
    await appendLedger(tx, {
      actorId: actor.id,
      action: input.outcome === 'met' ? 'commitment.met' : 'commitment.withdraw',
      entityType: 'commitment',
      entityId: input.id,
      after: input,
    });
    return getCommitment(tx, actor, input.id);
  });
}

/**
 * Tells followers of a State, or of a recommendation a commitment concerns, when an accepted open
 * commitment falls due soon and when it falls overdue: once each, whoever runs it first (the row
 * is claimed in the transaction). Run by the hourly chores (apps/server/src/chores.ts); returns how many it told.
 */
export async function tellCommitmentsFallingDue(db: Database, on = todayUtc()): Promise<number> {
  let told = 0;
  for (const stage of ['due_soon', 'overdue'] as const) {
    const column = stage === 'due_soon' ? commitments.dueSoonToldAt : commitments.overdueToldAt;
    const reached =
      stage === 'due_soon'
        ? sql`${commitments.dueBy} >= ${on}::date and ${commitments.dueBy} <= ${on}::date + ${DUE_SOON_DAYS}::int`
        : sql`${commitments.dueBy} < ${on}::date`;
    for (;;) {
      const done = await db.transaction(async (tx) => {
        const [row] = await tx
          .select({ id: commitments.id, iso3: commitments.iso3 })
          .from(commitments)
          .where(and(eq(commitments.reviewState, 'accepted'), isNull(commitments.metOn), isNull(commitments.withdrawnOn), isNull(column), sql`${commitments.dueBy} is not null`, lte(commitments.madeOn, on), reached))
          .limit(1)
          .for('update', { skipLocked: true });
        if (!row) return false;
        await tx.update(commitments).set(stage === 'due_soon' ? { dueSoonToldAt: new Date() } : { overdueToldAt: new Date(), dueSoonToldAt: sql`coalesce(${commitments.dueSoonToldAt}, now())` }).where(eq(commitments.id, row.id));
        const recs = await tx.select({ id: commitmentRecommendations.recommendationId }).from(commitmentRecommendations).where(eq(commitmentRecommendations.commitmentId, row.id));
        await tellFollowers(tx, {
          kind: stage === 'due_soon' ? 'followed_commitment_due' : 'followed_commitment_overdue',
          entityId: row.id,
          iso3: row.iso3,
          recommendationIds: recs.map((r) => r.id),
          actorId: null,
        });
        return true;
      });
      if (!done) break;
      told++;
    }
  }
  return told;
}
