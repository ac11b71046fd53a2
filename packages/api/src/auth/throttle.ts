import { attemptSucceeded, reserveAttempt, type Database, type ThrottleKey } from '@tracker/db';
import { AppError } from '@tracker/domain';

/**
 * Throttling of everything that checks a secret: sign-in, password changes, second-factor codes and
 * one-time links. An attempt is reserved before the check (so parallel guesses cannot exceed the
 * allowance), per account or subject and per client address; after the free attempts each further
 * one doubles the wait (1 s, 2 s, 4 s … up to 15 minutes). Counters live in the database, so a
 * restart or a second server does not reset them.
 */
export interface ThrottleAllowance {
  /** Attempts per account (or code, or link) before waits begin. */
  subject: number;
  /** Attempts per client address before waits begin. */
  address: number;
}

export const defaultAllowance: ThrottleAllowance = { subject: 5, address: 20 };

export type ThrottleScope = 'sign-in' | 'password' | 'totp' | 'link' | 'subscribe' | 'intake';

export interface ThrottleRequest {
  scope: ThrottleScope;
  /** Whose secret is checked: an email, an account id; none for a one-time link. */
  subject: string | null;
  address: string | null;
}

const keysOf = (r: ThrottleRequest, allowance: ThrottleAllowance): ThrottleKey[] => [
  ...(r.subject ? [{ key: `${r.scope}:${r.subject.toLowerCase()}`, free: allowance.subject }] : []),
  ...(r.address ? [{ key: `${r.scope}@${r.address}`, free: allowance.address }] : []),
];

/** Reserves an attempt or refuses with 429 and how long to wait. */
export async function reserveOrRefuse(db: Database, allowance: ThrottleAllowance, request: ThrottleRequest): Promise<void> {
  const waitMs = await reserveAttempt(db, keysOf(request, allowance));
  if (waitMs > 0) {
    const seconds = Math.ceil(waitMs / 1000);
    throw new AppError('TOO_MANY_REQUESTS', `Too many attempts. Try again in ${seconds} seconds.`, { retryAfterSeconds: seconds });
  }
}

/** The secret was right: the subject's count is forgotten and the address gets its attempt back. */
export async function attemptWasRight(db: Database, request: ThrottleRequest): Promise<void> {
  await attemptSucceeded(
    db,
    request.subject ? [`${request.scope}:${request.subject.toLowerCase()}`] : [],
    request.address ? [`${request.scope}@${request.address}`] : [],
  );
}
