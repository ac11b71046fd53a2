import type { Role } from '@tracker/domain';
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { oneTimeTokens, rolePolicies, sessions, users } from '../schema';

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  totpEnabled: boolean;
  /** The role requires a second factor that this account has not set up yet. */
  mustEnrollTotp: boolean;
}

export async function createSession(
  db: Database,
  input: { userId: string; tokenHash: string; expiresAt: Date; clientAddress: string | null; userAgent: string | null },
): Promise<void> {
  await db.insert(sessions).values({ ...input, userAgent: input.userAgent?.slice(0, 300) ?? null });
}

/**
 * The signed-in user for a session token hash, or null when the session is unknown, revoked,
 * past its absolute expiry, idle for too long, or its user is deactivated. Refreshes the idle clock.
 */
export async function sessionUser(db: Database, tokenHash: string, idleMs: number, now = new Date()): Promise<SessionUser | null> {
  const [row] = await db
    .select({
      sessionId: sessions.id,
      lastSeenAt: sessions.lastSeenAt,
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      role: users.role,
      totpEnabled: sql<boolean>`${users.totpSecret} is not null`,
      totpRequired: sql<boolean>`coalesce(${rolePolicies.requireTotp}, false)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(rolePolicies, eq(rolePolicies.role, users.role))
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now), eq(users.active, true)));
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > idleMs) return null;
  // Touch at most once a minute: reads stay cheap.
  if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
    // Best effort: on a full disk (or a read-only moment) reading goes on; the clock moves next time.
    await db
      .update(sessions)
      .set({ lastSeenAt: now })
      .where(eq(sessions.id, row.sessionId))
      .catch(() => undefined);
  }
  const { sessionId: _s, lastSeenAt: _l, totpRequired, ...user } = row;
  const totpEnabled = Boolean(user.totpEnabled);
  return { ...user, totpEnabled, mustEnrollTotp: Boolean(totpRequired) && !totpEnabled };
}

export async function revokeSession(db: Database, tokenHash: string): Promise<void> {
  await db.update(sessions).set({ revokedAt: new Date() }).where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)));
}

/** Old sessions are worth nothing; keep the table small. */
export async function pruneSessions(db: Database, olderThan: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, olderThan));
}

export type OneTimePurpose = 'setup' | 'password_reset';

/** Stores a new link; for an account, any earlier unused link of the same purpose stops working. */
export async function createOneTimeToken(
  db: Database,
  input: { purpose: OneTimePurpose; tokenHash: string; userId: string | null; expiresAt: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    if (input.userId) {
      await tx
        .delete(oneTimeTokens)
        .where(and(eq(oneTimeTokens.userId, input.userId), eq(oneTimeTokens.purpose, input.purpose), isNull(oneTimeTokens.usedAt)));
    }
    await tx.insert(oneTimeTokens).values(input);
  });
}

/**
 * Whose account a link that still works opens, and until when, without using it up: the page the
 * link leads to names the account before its holder chooses a password. Null for a link that is
 * unknown, used or expired.
 */
export async function oneTimeTokenHolder(db: Database, purpose: OneTimePurpose, tokenHash: string, now = new Date()) {
  const [row] = await db
    .select({ email: users.email, displayName: users.displayName, expiresAt: oneTimeTokens.expiresAt })
    .from(oneTimeTokens)
    .innerJoin(users, eq(users.id, oneTimeTokens.userId))
    .where(and(eq(oneTimeTokens.purpose, purpose), eq(oneTimeTokens.tokenHash, tokenHash), isNull(oneTimeTokens.usedAt), gt(oneTimeTokens.expiresAt, now)));
  return row ? { email: row.email, displayName: row.displayName, expiresAt: row.expiresAt.toISOString() } : null;
}

/** Marks a token used and returns it, atomically: a link works once, before it expires. */
export async function consumeOneTimeToken(db: Database, purpose: OneTimePurpose, tokenHash: string, now = new Date()) {
  const [row] = await db
    .update(oneTimeTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(oneTimeTokens.purpose, purpose),
        eq(oneTimeTokens.tokenHash, tokenHash),
        isNull(oneTimeTokens.usedAt),
        gt(oneTimeTokens.expiresAt, now),
      ),
    )
    .returning({ userId: oneTimeTokens.userId });
  return row ?? null;
}
