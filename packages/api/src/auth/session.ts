import { createOneTimeToken, createSession, type OneTimePurpose } from '@tracker/db';
import { AppError, ONE_TIME_LINK_HOURS } from '@tracker/domain';
import type { Context } from '../trpc';
import { newToken } from './tokens';

/** A fresh session for a user who just proved who they are; the token goes only into the cookie. */
export async function startSession(ctx: Context, userId: string): Promise<void> {
  if (!ctx.http) throw new AppError('BAD_REQUEST', 'Signing in needs an HTTP request to carry the session cookie.');
  const { token, hash } = newToken();
  await createSession(ctx.db, {
    userId,
    tokenHash: hash,
    expiresAt: new Date(Date.now() + ctx.auth.absoluteMs),
    clientAddress: ctx.http.clientAddress,
    userAgent: ctx.http.userAgent,
  });
  ctx.http.setSessionCookie(token, Math.floor(ctx.auth.absoluteMs / 1000));
}

export interface OneTimeLink {
  /** Path and fragment of the page that uses the token; the fragment never reaches server logs. */
  path: string;
  token: string;
  expiresAt: string;
}

const pages: Record<OneTimePurpose, string> = { setup: '/setup', password_reset: '/reset-password' };

export async function issueOneTimeLink(ctx: Pick<Context, 'db'>, purpose: OneTimePurpose, userId: string | null): Promise<OneTimeLink> {
  const { token, hash } = newToken();
  const expiresAt = new Date(Date.now() + ONE_TIME_LINK_HOURS * 3_600_000);
  await createOneTimeToken(ctx.db, { purpose, tokenHash: hash, userId, expiresAt });
  return { path: `${pages[purpose]}#token=${token}`, token, expiresAt: expiresAt.toISOString() };
}
