import { notFound, type AcceptanceState, type FollowUpReviewInput, type ReplyCreateInput, type Viewer } from '@tracker/domain';
import { and, asc, desc, eq, type SQL } from 'drizzle-orm';
import type { Database } from '../client';
import { appendLedger } from '../ledger';
import { decideFollowUp } from './follow-up-review';
import { recommendations, replies } from '../schema';
import { recommendationIds, requireState } from './lookups';
import { requireStateAllowed } from './users';

/** Staff read every reply; the public and policymakers read accepted ones only. */
export const readsUnaccepted = (viewer: Viewer | null) => viewer !== null && viewer.role !== 'policymaker';

const replyColumns = {
  id: replies.id,
  iso3: replies.iso3,
  recommendationKey: recommendations.key,
  kind: replies.kind,
  summary: replies.summary,
  sourceUrl: replies.sourceUrl,
  publishedOn: replies.publishedOn,
  claimedStatus: replies.claimedStatus,
  reviewState: replies.reviewState,
  reviewNote: replies.reviewNote,
  reviewedAt: replies.reviewedAt,
  createdBy: replies.createdBy,
  reviewerId: replies.reviewerId,
  createdAt: replies.createdAt,
};

type ReplyRow = Awaited<ReturnType<typeof selectReplies>>[number];

function selectReplies(db: Database, where: SQL | undefined) {
  return db
    .select(replyColumns)
    .from(replies)
    .innerJoin(recommendations, eq(recommendations.id, replies.recommendationId))
    .where(where)
    .orderBy(asc(replies.iso3), asc(recommendations.position), desc(replies.publishedOn), desc(replies.createdAt))
    .limit(2000);
}

/** What a viewer reads of a reply: the tracker's answer is the reviewer's note, public once accepted. */
function project(row: ReplyRow, viewer: Viewer | null) {
  const base = {
    id: row.id,
    iso3: row.iso3,
    recommendationKey: row.recommendationKey,
    kind: row.kind,
    summary: row.summary,
    sourceUrl: row.sourceUrl,
    publishedOn: row.publishedOn,
    claimedStatus: row.claimedStatus,
    reviewState: row.reviewState,
    answer: row.reviewState === 'accepted' ? row.reviewNote : null,
    acceptedAt: row.reviewState === 'accepted' ? (row.reviewedAt?.toISOString() ?? null) : null,
  };
  return readsUnaccepted(viewer)
    ? { ...base, reviewNote: row.reviewNote, createdBy: row.createdBy, reviewerId: row.reviewerId, createdAt: row.createdAt.toISOString() }
    : base;
}
export type ReplyView = ReturnType<typeof project>;

/** Replies, newest first within each State and recommendation. */
export async function listReplies(
  db: Database,
  viewer: Viewer | null,
  filter: { iso3?: string | undefined; recommendationKey?: string | undefined; reviewState?: AcceptanceState | undefined },
) {
  // The public read accepted replies only: asking for others finds none.
  if (!readsUnaccepted(viewer) && filter.reviewState && filter.reviewState !== 'accepted') return [];
  const reviewState = readsUnaccepted(viewer) ? filter.reviewState : 'accepted';
  const rows = await selectReplies(
    db,
    and(
      reviewState ? eq(replies.reviewState, reviewState) : undefined,
      filter.iso3 ? eq(replies.iso3, filter.iso3) : undefined,
      filter.recommendationKey ? eq(recommendations.key, filter.recommendationKey) : undefined,
    ),
  );
  return rows.map((r) => project(r, viewer));
}

async function getReply(db: Database, viewer: Viewer | null, id: string) {
  const [row] = await selectReplies(db, eq(replies.id, id));
  if (!row || (!readsUnaccepted(viewer) && row.reviewState !== 'accepted')) throw notFound('Reply');
  return project(row, viewer);
}

export async function createReply(db: Database, actor: Viewer, input: ReplyCreateInput) {
  return db.transaction(async (tx) => {
    await requireState(tx, input.iso3);
    await requireStateAllowed(tx, actor, input.iso3);
    const recId = (await recommendationIds(tx, [input.recommendationKey], 'recommendationKey')).get(input.recommendationKey) as string;
    const [row] = await tx
      .insert(replies)
      .values({
        iso3: input.iso3,
        recommendationId: recId,
        kind: input.kind,
        summary: input.summary,
        sourceUrl: input.sourceUrl,
        publishedOn: input.publishedOn,
        claimedStatus: input.claimedStatus ?? null,
        createdBy: actor.id,
      })
      .returning({ id: replies.id });
    if (!row) throw new Error('insert returned no row');
    await appendLedger(tx, { actorId: actor.id, action: 'reply.create', entityType: 'reply', entityId: row.id, after: input });
    return getReply(tx, actor, row.id);
  });
}

/** Another person accepts (publishes, with their note as the tracker's answer) or returns it. */
export async function reviewReply(db: Database, actor: Viewer, input: FollowUpReviewInput) {
  return db.transaction(async (tx) => {
    await decideFollowUp(tx, actor, 'reply', input);
    return getReply(tx, actor, input.id);
  });
}
