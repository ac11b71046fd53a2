import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { AppError, INTAKE_CHALLENGE_MINUTES, INTAKE_WORK_BITS, leadingZeroBits } from '@tracker/domain';
import type { Database } from '../client';
import { trackerSecret } from '../secrets';

/**
 * The proof of work /share asks of a sender's browser, and the network key its throttle counts by.
 * A challenge is `<issued seconds>.<random>.<keyed hash>`: the tracker stores nothing when it issues
 * one, can tell its own from a forged one, and spends each once (the submission keeps its random part).
 */
const SECRET = 'intake';

const mac = (secret: Buffer, text: string) => createHmac('sha256', secret).update(text).digest('base64url');

export async function issueIntakeChallenge(db: Database, now = new Date()) {
  const body = `${Math.floor(now.getTime() / 1000)}.${randomBytes(16).toString('hex')}`;
  return { challenge: `${body}.${mac(await trackerSecret(db, SECRET), `challenge:${body}`)}`, bits: INTAKE_WORK_BITS };
}

const refused = (message: string) => new AppError('BAD_REQUEST', message, { issues: [{ path: 'proof', message }] });

/**
 * Checks a solved challenge, reading the secret once for both answers: the challenge's random part,
 * which a submission spends, and the network key the throttle counts the sender by.
 */
export async function checkIntakeProof(
  db: Database,
  proof: { challenge: string; nonce: string },
  address: string | null,
  now = new Date(),
): Promise<{ challengeId: string; network: string | null }> {
  const [issued, random, given] = proof.challenge.split('.');
  if (!issued || !random || !given) throw refused('The proof of work is not complete.');
  const secret = await trackerSecret(db, SECRET);
  const expected = Buffer.from(mac(secret, `challenge:${issued}.${random}`));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw refused('This page is out of date: load it again and send once more.');
  const ageSeconds = now.getTime() / 1000 - Number(issued);
  if (ageSeconds < -60 || ageSeconds > INTAKE_CHALLENGE_MINUTES * 60) throw refused('This page was open too long: load it again and send once more (what you wrote is kept in the form).');
  const digest = createHash('sha256').update(`${proof.challenge}:${proof.nonce}`).digest();
  if (leadingZeroBits(digest) < INTAKE_WORK_BITS) throw refused('The proof of work is not complete.');
  return { challengeId: random, network: networkKey(secret, address, now) };
}

/**
 * A keyed hash of the sender's network (an IPv4 /24, an IPv6 /48), changing every day: counts can be
 * kept per network for the throttle without the tracker storing or being able to recover an address.
 */
function networkKey(secret: Buffer, address: string | null, now: Date): string | null {
  if (!address) return null;
  const plain = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  const network = isIP(plain) === 4 ? plain.split('.').slice(0, 3).join('.') : plain.toLowerCase().split(':').slice(0, 3).join(':');
  return mac(secret, `network:${now.toISOString().slice(0, 10)}:${network}`).slice(0, 22);
}
