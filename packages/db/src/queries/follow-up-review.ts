import { AppError, mayReviewFollowUp, notFound, requireAllowed, type FollowUpReviewInput, type Viewer } from '@tracker/domain';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../client';
import { appendLedger } from '../ledger';
import { commitments, replies } from '../schema';
import { requireStateAllowed } from './users';

const reviewed = {
  reply: { table: replies, name: 'Reply' },
  commitment: { table: commitments, name: 'Commitment' },
} as const;

/**
 * Another person accepts or returns a proposed reply or commitment, once: the row is locked, the
 * four-eyes rule checked, and a second decision finds it no longer proposed (CONFLICT).
 */
export async function decideFollowUp(tx: Database, actor: Viewer, what: keyof typeof reviewed, input: FollowUpReviewInput): Promise<void> {
  const { table, name } = reviewed[what];
  const [row] = await tx
    .select({ createdBy: table.createdBy, reviewState: table.reviewState, iso3: table.iso3 })
    .from(table)
    .where(eq(table.id, input.id))
    .for('update');
  if (!row) throw notFound(name);
  requireAllowed(mayReviewFollowUp(row, actor, what));
  await requireStateAllowed(tx, actor, row.iso3);
  const reviewState = input.decision === 'accept' ? 'accepted' : 'returned';
  const decided = await tx
    .update(table)
    .set({ reviewState, reviewerId: actor.id, reviewedAt: new Date(), reviewNote: input.note })
    .where(and(eq(table.id, input.id), eq(table.reviewState, 'proposed')))
    .returning({ id: table.id });
  if (decided.length === 0) throw new AppError('CONFLICT', `Another reviewer decided on this ${what} first.`);
  await appendLedger(tx, {
    actorId: actor.id,
    action: `${what}.${input.decision}`,
    entityType: what,
    entityId: input.id,
    before: { reviewState: 'proposed' },
    after: { reviewState, note: input.note },
  });
}
