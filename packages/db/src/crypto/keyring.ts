import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

/**
 * The tracker's master key and envelope encryption with it. Confidential content is encrypted
 * under per-record data keys (AES-256-GCM); each data key is stored wrapped (encrypted) by the
 * master key, which lives in a file outside the database (TRACKER_KEY_FILE). A copy of the
 * database without the file is ciphertext.
 */
export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM with a random IV: iv ‖ tag ‖ ciphertext. The associated data binds it to where it belongs. */
export function encrypt(key: Uint8Array, plaintext: Uint8Array, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** Throws when the key is wrong, the data was altered, or it was moved from where it belongs. */
export function decrypt(key: Uint8Array, sealed: Uint8Array, aad: string): Buffer {
  const buffer = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const decipher = createDecipheriv('aes-256-gcm', key, buffer.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(buffer.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(buffer.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}

export class Keyring {
  /** A short, public fingerprint of the key: which key wrapped a data key, without revealing it. */
  readonly keyId: string;

  constructor(
    private readonly key: Uint8Array,
    /** Where the key came from, for messages. */
    readonly source: string,
  ) {
    if (key.byteLength !== KEY_BYTES) throw new Error(`${source} does not hold a ${KEY_BYTES * 8}-bit key.`);
    this.keyId = createHash('sha256').update(key).digest('hex').slice(0, 16);
  }

  static random(source = 'a key made for this process'): Keyring {
    return new Keyring(randomBytes(KEY_BYTES), source);
  }

  wrap(dataKey: Uint8Array, aad: string): Buffer {
    return encrypt(this.key, dataKey, `wrap:${aad}`);
  }

  unwrap(wrapped: Uint8Array, aad: string): Buffer {
    return decrypt(this.key, wrapped, `wrap:${aad}`);
  }
}

/** The key file holds the key as base64 on one line, so it can be mounted as a secret or printed to paper. */
export function readKeyFile(path: string): Keyring | null {
  if (!existsSync(path)) return null;
  const text = readFileSync(path, 'utf8').trim();
  const key = Buffer.from(text, 'base64');
  if (key.byteLength !== KEY_BYTES || key.toString('base64') !== text) {
    throw new Error(`The key file ${path} is not a tracker key (${KEY_BYTES * 8} bits, base64). Restore the right file or point TRACKER_KEY_FILE at it.`);
  }
  return new Keyring(key, path);
}

/**
 * Makes a new key file, readable by its owner only; refuses to overwrite one. The key is written
 * to a file of its own and then linked into place, so nobody ever reads a half-written key file.
 */
export function createKeyFile(path: string): Keyring {
  const key = randomBytes(KEY_BYTES);
  const draft = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.new`;
  writeFileSync(draft, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    chmodSync(draft, 0o600);
    linkSync(draft, path);
  } finally {
    rmSync(draft, { force: true });
  }
  return new Keyring(key, path);
}

/**
 * The key in the file, or a new key file when there is none. Two processes starting together
 * (two servers on one database) end up with the same key: the one that loses the race to create
 * the file reads the winner's.
 */
export function readOrCreateKeyFile(path: string): { keyring: Keyring; created: boolean } {
  const existing = readKeyFile(path);
  if (existing) return { keyring: existing, created: false };
  try {
    return { keyring: createKeyFile(path), created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const winner = readKeyFile(path);
    if (!winner) throw error;
    return { keyring: winner, created: false };
  }
}

let loaded: Keyring | null = null;

/**
 * The process's key: the server and the CLI load it at start (openDatabase); tests load one of
 * their own. One per process, like the key file.
 */
export function useKeyring(keyring: Keyring | null): void {
  loaded = keyring;
}

export function keyring(): Keyring {
  if (!loaded) throw new Error('No encryption key is loaded: open the database with its key file first.');
  return loaded;
}
