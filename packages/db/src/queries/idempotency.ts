import { createHash } from 'node:crypto';
import { AppError, type Viewer } from '@tracker/domain';
import { and, eq, lt } from 'drizzle-orm';
import type { Database } from '../client';
import { canonicalJson } from '../ledger';
import { idempotencyKeys } from '../schema';

export type IdempotentProcedure = 'evidence.create' | 'evidence.attach';

/** How long a key protects against a repeated request. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

export const requestDigest = (request: unknown) => createHash('sha256').update(canonicalJson(request)).digest('hex');

/**
 * Claims `key` for this account inside the caller's transaction. Returns null when the request is
 * new (go ahead, then call `settleIdempotencyKey`), or the evidence id the earlier request with the
 * same key produced (answer with it, do nothing). A concurrent request with the same key waits on
 * the primary key until the first commits. The same key with a different request is refused.
 */
export async function claimIdempotencyKey(
  tx: Database,
  actor: Viewer,
  key: string | undefined,
  procedure: IdempotentProcedure,
  digest: string,
): Promise<string | null> {
  if (!key) return null;
  const claimed = await tx
    .insert(idempotencyKeys)
    .values({ userId: actor.id, key, procedure, requestDigest: digest })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (claimed.length > 0) return null;
  const [earlier] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, actor.id), eq(idempotencyKeys.key, key)));
  if (!earlier || earlier.procedure !== procedure || earlier.requestDigest !== digest || !earlier.evidenceId) {
    throw new AppError('CONFLICT', 'This idempotency key was already used for a different request; use a new key for a new request.');
  }
  return earlier.evidenceId;
}

/** Records which item the request behind `key` produced, in the same transaction as the work. */
export async function settleIdempotencyKey(tx: Database, actor: Viewer, key: string | undefined, evidenceId: string): Promise<void> {
  if (!key) return;
  await tx
    .update(idempotencyKeys)
    .set({ evidenceId })
    .where(and(eq(idempotencyKeys.userId, actor.id), eq(idempotencyKeys.key, key)));
}

export async function pruneIdempotencyKeys(db: Database, now = new Date()): Promise<void> {
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_TTL_MS)));
}
