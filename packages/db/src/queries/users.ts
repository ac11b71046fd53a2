import { AppError, notFound, type Role, type Viewer } from '@tracker/domain';
import { and, asc, count, eq, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { aadOf, isSealedText, openText, sealText } from '../crypto/seal';
import { dataKeyFor } from './record-keys';
import type { Database } from '../client';
import { notify } from './notifications';
import { appendLedger } from '../ledger';
import { oneTimeTokens, rolePolicies, sessions, userStates, users } from '../schema';
import { consumeOneTimeToken } from './sessions';
import { fieldError } from './lookups';

/** What the ledger and listings say about a user: never the password hash or TOTP secret. */
const publicColumns = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  role: users.role,
  active: users.active,
  totpEnabled: sql<boolean>`${users.totpSecret} is not null`,
  isDemo: users.isDemo,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
};

export async function countUsers(db: Database): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users).where(eq(users.isDemo, false));
  return row?.n ?? 0;
}

const totpAad = (userId: string) => aadOf('user', userId, 'totp');

/** The fields sign-in needs, the second-factor secret opened. Email matching is case-insensitive. */
export async function findLoginUser(db: Database, email: string) {
  const [row] = await db
    .select({ id: users.id, email: users.email, role: users.role, active: users.active, passwordHash: users.passwordHash, totpSecret: users.totpSecret })
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  if (!row) return null;
  if (!isSealedText(row.totpSecret)) return row;
  const key = await dataKeyFor(db, 'user', row.id);
  return { ...row, totpSecret: key ? openText(key, totpAad(row.id), row.totpSecret) : null };
}

/** A second-factor secret as stored: sealed under the account's own data key. */
export async function sealTotpSecret(tx: Database, userId: string, secret: string): Promise<string> {
  return sealText(await dataKeyFor(tx, 'user', userId, true), totpAad(userId), secret);
}

/** Accounts whose second-factor secret was stored in the clear (before encryption), a batch at a time. */
export async function unsealedTotpSecrets(db: Database, limit: number) {
  return db
    .select({ id: users.id, totpSecret: users.totpSecret })
    .from(users)
    .where(and(isNotNull(users.totpSecret), sql`${users.totpSecret} not like 'enc:v1:%'`))
    .limit(limit);
}

export async function listUsers(db: Database) {
  const [rows, limits] = await Promise.all([
    db.select(publicColumns).from(users).orderBy(asc(users.email)),
    db.select({ userId: userStates.userId, iso3: userStates.iso3 }).from(userStates),
  ]);
  return rows.map((u) => ({
    ...u,
    totpEnabled: Boolean(u.totpEnabled),
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
    states: limits.filter((l) => l.userId === u.id).map((l) => l.iso3),
  }));
}

export async function getUser(db: Database, id: string) {
  const [row] = await db.select(publicColumns).from(users).where(eq(users.id, id));
  if (!row) throw notFound('User');
  const states = await db.select({ iso3: userStates.iso3 }).from(userStates).where(eq(userStates.userId, id));
  return {
    ...row,
    totpEnabled: Boolean(row.totpEnabled),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    states: states.map((s) => s.iso3),
  };
}

export interface NewUser {
  email: string;
  displayName: string;
  role: Role;
  passwordHash: string | null;
  states?: string[];
}

export async function createUserAccount(db: Database, actorId: string | null, input: NewUser) {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${input.email.toLowerCase()}`);
    if (existing) throw fieldError('email', 'an account with this email already exists.');
    const [row] = await tx
      .insert(users)
      .values({ email: input.email, displayName: input.displayName, role: input.role, passwordHash: input.passwordHash })
      .returning({ id: users.id });
    if (!row) throw new Error('insert returned no row');
    if (input.states?.length) await tx.insert(userStates).values(input.states.map((iso3) => ({ userId: row.id, iso3 })));
    const created = await getUser(tx, row.id);
    await appendLedger(tx, { actorId, action: 'user.create', entityType: 'user', entityId: row.id, after: created });
    return created;
  });
}

/** Serialises first-admin setup across every server process on one database. */
const SETUP_LOCK_KEY = 727_001_2025;

/**
 * Creates the first administrator from a setup link: exactly one, however many servers printed
 * links and however many are used at the same moment. Every other setup link stops working.
 */
export async function claimFirstAdmin(db: Database, tokenHash: string, account: { email: string; displayName: string; passwordHash: string }) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK_KEY})`);
    if ((await countUsers(tx)) > 0) throw new AppError('CONFLICT', 'The tracker is already set up. Sign in instead.');
    const claimed = await consumeOneTimeToken(tx, 'setup', tokenHash);
    if (!claimed) throw new AppError('BAD_REQUEST', 'This setup link has expired or was already used. Restart the server for a new one.');
    await tx.update(oneTimeTokens).set({ usedAt: new Date() }).where(and(eq(oneTimeTokens.purpose, 'setup'), isNull(oneTimeTokens.usedAt)));
    return createUserAccount(tx, null, { ...account, role: 'admin' });
  });
}

/** Revokes every open session of a user (on password, role or activity change). */
export async function revokeUserSessions(db: Database, userId: string): Promise<void> {
  await db.update(sessions).set({ revokedAt: new Date() }).where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

export async function updateUserAccount(
  db: Database,
  actor: Viewer,
  input: {
    id: string;
    displayName?: string | undefined;
    role?: Role | undefined;
    active?: boolean | undefined;
    states?: string[] | undefined;
    /** When the caller last read the account; if it changed since, the edit is refused rather than applied over it. */
    updatedAt?: string | undefined;
  },
) {
  return db.transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, input.id)).for('update');
    const before = await getUser(tx, input.id);
    if (input.updatedAt !== undefined && new Date(input.updatedAt).getTime() !== new Date(before.updatedAt).getTime()) {
      throw new AppError('CONFLICT', 'This account was changed by someone else since you loaded it. Reload and apply your change again.');
    }
    if (input.id === actor.id && (input.role !== undefined && input.role !== 'admin' || input.active === false)) {
      throw new AppError('CONFLICT', 'You cannot remove your own admin role or deactivate yourself; ask another admin.');
    }
    const changes = {
      ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
      ...(input.role !== undefined ? { role: input.role } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
    };
    await tx.update(users).set({ ...changes, updatedAt: new Date() }).where(eq(users.id, input.id));
    if (input.states) {
      await tx.delete(userStates).where(eq(userStates.userId, input.id));
      if (input.states.length) await tx.insert(userStates).values(input.states.map((iso3) => ({ userId: input.id, iso3 })));
    }
    if ((input.role !== undefined && input.role !== before.role) || input.active === false) await revokeUserSessions(tx, input.id);
    const after = await getUser(tx, input.id);
    await appendLedger(tx, { actorId: actor.id, action: 'user.update', entityType: 'user', entityId: input.id, before, after });
    return after;
  });
}

/** Sets a new password hash and signs the user out everywhere. */
export async function setUserPassword(db: Database, actorId: string | null, userId: string, passwordHash: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).for('update');
    if (!before) throw notFound('User');
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, userId));
    await revokeUserSessions(tx, userId);
    await appendLedger(tx, { actorId, action: 'user.password', entityType: 'user', entityId: userId, after: { passwordChanged: true } });
    // A first password (a new account's) is no change to warn about.
    if (before.passwordHash) await notify(tx, { userId, kind: 'password_changed' });
  });
}

/** States a monitor is limited to; an empty list means every State. */
export async function statesOf(db: Database, userId: string): Promise<string[]> {
  const rows = await db.select({ iso3: userStates.iso3 }).from(userStates).where(eq(userStates.userId, userId));
  return rows.map((r) => r.iso3);
}

/** Refuses work on a State outside a monitor's limits. */
export async function requireStateAllowed(db: Database, actor: Viewer, iso3: string): Promise<void> {
  if (actor.role !== 'monitor') return;
  const allowed = await statesOf(db, actor.id);
  if (allowed.length > 0 && !allowed.includes(iso3)) {
    throw new AppError('FORBIDDEN', `Your account is limited to ${allowed.join(', ')}; ${iso3} is outside it.`);
  }
}

/**
 * Turns the second factor on (with its secret and the time step of the code that proved it, so
 * that code cannot sign in afterwards) or off (null) for an account.
 */
export async function setTotpSecret(db: Database, actorId: string, userId: string, secret: string | null, acceptedStep: number | null = null): Promise<void> {
  await db.transaction(async (tx) => {
    const stored = secret === null ? null : await sealTotpSecret(tx, userId, secret);
    await tx.update(users).set({ totpSecret: stored, totpLastStep: acceptedStep, updatedAt: new Date() }).where(eq(users.id, userId));
    await appendLedger(tx, { actorId, action: secret ? 'user.totp.enable' : 'user.totp.disable', entityType: 'user', entityId: userId, after: { totpEnabled: secret !== null } });
    await notify(tx, { userId, kind: secret ? 'totp_enabled' : 'totp_disabled' });
  });
}

/**
 * Accepts a second-factor code's time step for an account once: true when the step is later than
 * the last accepted one (and records it), false for a replayed or older code. Atomic, so two
 * requests with the same code cannot both pass.
 */
export async function acceptTotpStep(db: Database, userId: string, step: number): Promise<boolean> {
  const accepted = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return accepted.length > 0;
}

export async function listRolePolicies(db: Database) {
  const rows = await db.select({ role: rolePolicies.role, requireTotp: rolePolicies.requireTotp }).from(rolePolicies);
  return (['admin', 'reviewer', 'monitor', 'policymaker'] as const).map((role) => ({
    role,
    requireTotp: rows.find((r) => r.role === role)?.requireTotp ?? false,
  }));
}

export async function setRolePolicy(db: Database, actorId: string, role: Role, requireTotp: boolean) {
  return db.transaction(async (tx) => {
    await tx
      .insert(rolePolicies)
      .values({ role, requireTotp })
      .onConflictDoUpdate({ target: rolePolicies.role, set: { requireTotp, updatedAt: new Date() } });
    await appendLedger(tx, { actorId, action: 'role.policy', entityType: 'role', entityId: role, after: { requireTotp } });
    return listRolePolicies(tx);
  });
}
