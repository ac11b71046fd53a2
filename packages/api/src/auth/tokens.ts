import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, base64url (43 characters). Only the SHA-256 of a token is ever stored. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
