import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse, serialize } from 'cookie';

export const SESSION_COOKIE = 'tracker_session';

export function readSessionToken(req: IncomingMessage): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  const token = parse(header)[SESSION_COOKIE];
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : null;
}

/** HttpOnly so scripts cannot read it, SameSite=Lax so other sites cannot send it on posts, Secure over HTTPS. */
export function setSessionCookie(res: ServerResponse, token: string, maxAgeSeconds: number, secure: boolean): void {
  res.appendHeader('set-cookie', serialize(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: maxAgeSeconds }));
}

export function clearSessionCookie(res: ServerResponse, secure: boolean): void {
  res.appendHeader('set-cookie', serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: 0 }));
}
