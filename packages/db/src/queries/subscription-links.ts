import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Database } from '../client';
import { trackerSecret } from '../secrets';

const SECRET = 'subscription_links';

export type LinkPurpose = 'confirm' | 'unsubscribe';

export interface SubscriberLinks {
  confirmToken: string;
  unsubscribeToken: string;
}

const mac = (secret: Buffer, purpose: LinkPurpose, id: string) => createHmac('sha256', secret).update(`${purpose}:${id}`).digest('base64url');

/**
 * A subscription's link token: its id and a keyed hash of the id and the link's purpose. Nothing is
 * stored; a token cannot be guessed, and a confirmation token does not unsubscribe (or the reverse).
 */
export async function linkToken(db: Database, purpose: LinkPurpose, id: string): Promise<string> {
  return `${id}.${mac(await trackerSecret(db, SECRET), purpose, id)}`;
}

export async function subscriberLinks(db: Database, id: string): Promise<SubscriberLinks> {
  const secret = await trackerSecret(db, SECRET);
  return { confirmToken: `${id}.${mac(secret, 'confirm', id)}`, unsubscribeToken: `${id}.${mac(secret, 'unsubscribe', id)}` };
}

/** The subscription id a token names, when the token is genuine for that purpose; else null. */
export async function subscriptionOfToken(db: Database, purpose: LinkPurpose, token: string): Promise<string | null> {
  const [id, given] = token.split('.');
  if (!id || !given) return null;
  const expected = Buffer.from(mac(await trackerSecret(db, SECRET), purpose, id));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? id : null;
}
