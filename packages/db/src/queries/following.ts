import { AppError, MAX_FOLLOWS } from '@tracker/domain';
import { and, count, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { evidenceRecommendations, follows, recommendations, users } from '../schema';
import { recommendationIds, requireState } from './lookups';
import { notify } from './notifications';
import { queueSubscriberMail } from './subscriptions';

export interface FollowTarget {
  iso3?: string | undefined;
  recommendationKey?: string | undefined;
}

/** What a person follows: States by code, recommendations by key. */
export async function listFollows(db: Database, userId: string): Promise<{ states: string[]; recommendations: string[] }> {
  const rows = await db
    .select({ iso3: follows.iso3, key: recommendations.key })
    .from(follows)
    .leftJoin(recommendations, eq(recommendations.id, follows.recommendationId))
    .where(eq(follows.userId, userId))
    .orderBy(follows.createdAt);
  return {
    states: rows.flatMap((r) => (r.iso3 ? [r.iso3] : [])),
    recommendations: rows.flatMap((r) => (r.key ? [r.key] : [])),
  };
}

/** The row's columns for a target, the State or recommendation checked to exist. */
async function targetColumns(db: Database, target: FollowTarget) {
  if (target.iso3) {
    await requireState(db, target.iso3);
    return { iso3: target.iso3, recommendationId: null };
  }
  const key = target.recommendationKey ?? '';
  const ids = await recommendationIds(db, [key], 'recommendationKey');
  return { iso3: null, recommendationId: ids.get(key) ?? null };
}

/** Follows a State or recommendation; following it again changes nothing. */
export async function addFollow(db: Database, userId: string, target: FollowTarget) {
  const columns = await targetColumns(db, target);
  await db.transaction(async (tx) => {
    // One person's rows, counted under a lock on their account, so parallel adds cannot pass the cap.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
    const [held] = await tx.select({ n: count() }).from(follows).where(eq(follows.userId, userId));
    if ((held?.n ?? 0) >= MAX_FOLLOWS) throw new AppError('BAD_REQUEST', `You follow ${MAX_FOLLOWS} States and recommendations already; stop following some first.`);
    await tx.insert(follows).values({ userId, ...columns }).onConflictDoNothing();
  });
  return listFollows(db, userId);
}

export async function removeFollow(db: Database, userId: string, target: FollowTarget) {
  const columns = await targetColumns(db, target);
  await db
    .delete(follows)
    .where(and(eq(follows.userId, userId), columns.iso3 ? eq(follows.iso3, columns.iso3) : eq(follows.recommendationId, columns.recommendationId ?? '')));
  return listFollows(db, userId);
}

export interface FollowedChange {
  kind: 'followed_evidence' | 'followed_assessment' | 'followed_commitment_due' | 'followed_commitment_overdue';
  /** The evidence item or assessment. */
  entityId: string;
  iso3: string;
  /** The recommendations it concerns; for evidence, read from its links when left out. */
  recommendationIds?: readonly string[];
  /** Who made the change: not told about their own decision. Null when the tracker noticed it (a deadline). */
  actorId: string | null;
}

/**
 * Tells, in the caller's transaction, everyone who follows the State or one of the recommendations
 * of a change the public can see (verified public evidence, an approved assessment, an accepted
 * commitment falling due or overdue), and queues mail
 * to the public's confirmed subscribers of that State. Only ever called for what the public feeds
 * show: nothing confidential is announced.
 */
export async function tellFollowers(tx: Database, change: FollowedChange): Promise<void> {
  const recIds =
    change.recommendationIds ??
    (await tx.select({ id: evidenceRecommendations.recommendationId }).from(evidenceRecommendations).where(eq(evidenceRecommendations.evidenceId, change.entityId))).map((r) => r.id);
  const followers = await tx
    .selectDistinct({ userId: follows.userId })
    .from(follows)
    .innerJoin(users, eq(users.id, follows.userId))
    .where(
      and(
        eq(users.active, true),
        change.actorId ? ne(follows.userId, change.actorId) : undefined,
        or(eq(follows.iso3, change.iso3), recIds.length > 0 ? inArray(follows.recommendationId, [...recIds]) : sql`false`),
      ),
    );
  for (const { userId } of followers) await notify(tx, { userId, kind: change.kind, entityId: change.entityId, iso3: change.iso3 });
  await queueSubscriberMail(tx, { kind: change.kind, entityId: change.entityId, iso3: change.iso3 });
}
