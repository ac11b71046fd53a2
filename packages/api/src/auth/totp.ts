import { Secret, TOTP } from 'otpauth';

const ISSUER = 'Scam-centre tracker';

const totpFor = (secretBase32: string, label = '') =>
  new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secretBase32) });

/** A new secret and the otpauth:// URI an authenticator app reads (as text or a QR code). */
export function newTotpSecret(label: string): { secret: string; uri: string } {
  const secret = new Secret({ size: 20 });
  return { secret: secret.base32, uri: totpFor(secret.base32, label).toString() };
}

/** Accepts the current code and the ones just before and after it (clock drift). */
export function totpMatches(secretBase32: string, code: string, timestamp = Date.now()): boolean {
  return totpFor(secretBase32).validate({ token: code, window: 1, timestamp }) !== null;
}

export function totpCodeAt(secretBase32: string, timestamp = Date.now()): string {
  return totpFor(secretBase32).generate({ timestamp });
}
