import { eq, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { authThrottle } from '../schema';

/** The longest wait a key can be given, and how long a quiet key's count is remembered. */
export const THROTTLE_MAX_WAIT_SECONDS = 15 * 60;
export const THROTTLE_FORGET_SECONDS = 60 * 60;

export interface ThrottleKey {
  key: string;
  /** Attempts allowed before waits begin; each further one doubles the wait (1 s, 2 s, 4 s …). */
  free: number;
}

/**
 * Reserves one attempt under every key before the caller does the slow work (a password hash), so
 * parallel guesses cannot get past the allowance: each reservation is one atomic upsert, and a key
 * that is waiting reserves nothing. All keys or none (one transaction). Returns 0 when the attempt
 * may go ahead, else the milliseconds until it may.
 */
export async function reserveAttempt(db: Database, keys: readonly ThrottleKey[], now = new Date()): Promise<number> {
  const at = now.toISOString();
  try {
    await db.transaction(async (tx) => {
      for (const { key, free } of keys) {
        const attempts = sql`case when ${authThrottle.lastAttemptAt} < ${at}::timestamptz - make_interval(secs => ${THROTTLE_FORGET_SECONDS}) then 1 else ${authThrottle.attempts} + 1 end`;
        const reserved = await tx
          .insert(authThrottle)
          .values({ key, attempts: 1, lastAttemptAt: now, blockedUntil: free <= 1 ? new Date(now.getTime() + 1000) : new Date(0) })
          .onConflictDoUpdate({
            target: authThrottle.key,
            set: {
              attempts,
              lastAttemptAt: now,
              blockedUntil: sql`case when ${attempts} >= ${free}::int
                then ${at}::timestamptz + make_interval(secs => least(${THROTTLE_MAX_WAIT_SECONDS}, power(2, ${attempts} - ${free}::int)))
                else 'epoch'::timestamptz end`,
            },
            setWhere: sql`${authThrottle.blockedUntil} <= ${at}::timestamptz`,
          })
          .returning({ attempts: authThrottle.attempts });
        if (reserved.length === 0) {
          const [row] = await tx.select({ blockedUntil: authThrottle.blockedUntil }).from(authThrottle).where(eq(authThrottle.key, key));
          // Undoes the keys reserved before this one: all or none.
          throw new Waiting(Math.max(1, (row?.blockedUntil.getTime() ?? now.getTime()) - now.getTime()));
        }
      }
    });
    return 0;
  } catch (error) {
    if (error instanceof Waiting) return error.waitMs;
    throw error;
  }
}

class Waiting extends Error {
  constructor(readonly waitMs: number) {
    super('waiting');
  }
}

/** A success forgets the key's count (an account that signed in) or gives the attempt back (an address). */
export async function attemptSucceeded(db: Database, forget: readonly string[], refund: readonly string[] = []): Promise<void> {
  for (const key of forget) await db.delete(authThrottle).where(eq(authThrottle.key, key));
  for (const key of refund) {
    await db
      .update(authThrottle)
      .set({ attempts: sql`greatest(${authThrottle.attempts} - 1, 0)` })
      .where(eq(authThrottle.key, key));
  }
}

/** Counts nobody has touched for a day are of no use. */
export async function pruneThrottle(db: Database, now = new Date()): Promise<void> {
  await db.delete(authThrottle).where(sql`${authThrottle.lastAttemptAt} < ${new Date(now.getTime() - 86_400_000).toISOString()}::timestamptz`);
}
