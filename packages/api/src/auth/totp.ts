import { Secret, TOTP } from 'otpauth';

const ISSUER = 'Scam-centre tracker';
const PERIOD_SECONDS = 30;

const totpFor = (secretBase32: string, label = '') =>
  new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(secretBase32) });

/** A new secret and the otpauth:// URI an authenticator app reads (as text or a QR code). */
export function newTotpSecret(label: string): { secret: string; uri: string } {
  const secret = new Secret({ size: 20 });
  return { secret: secret.base32, uri: totpFor(secret.base32, label).toString() };
}

/**
 * The 30-second time step a code belongs to, accepting the current step and the ones just before
 * and after it (clock drift); null when the code matches none. The caller accepts a step only once.
 */
export function totpStep(secretBase32: string, code: string, timestamp = Date.now()): number | null {
  const delta = totpFor(secretBase32).validate({ token: code, window: 1, timestamp });
  return delta === null ? null : Math.floor(timestamp / 1000 / PERIOD_SECONDS) + delta;
}

export function totpCodeAt(secretBase32: string, timestamp = Date.now()): string {
  return totpFor(secretBase32).generate({ timestamp });
}
