import { randomBytes } from 'node:crypto';
import { eq, ne, sql } from 'drizzle-orm';
import type { Database } from './client';
import { keyring, type Keyring } from './crypto/keyring';
import { recordKeys, trackerSecrets } from './schema';

const KEY_CHECK = 'key_check';
const KEY_CHECK_VALUE = Buffer.from('tracker key check', 'utf8');

/**
 * One of the tracker's own secrets, made on first use and stored wrapped by the master key. (A
 * secret stored by a version that did not wrap it yet is wrapped on first read.)
 */
export async function trackerSecret(db: Database, name: string): Promise<Buffer> {
  const ring = keyring();
  const read = async () => (await db.select({ value: trackerSecrets.value, keyId: trackerSecrets.keyId }).from(trackerSecrets).where(eq(trackerSecrets.name, name)))[0];
  let row = await read();
  if (!row) {
    await db.insert(trackerSecrets).values({ name, value: ring.wrap(randomBytes(32), name), keyId: ring.keyId }).onConflictDoNothing();
    row = await read();
    if (!row) throw new Error(`the tracker secret ${name} could not be created`);
  }
  if (row.keyId === null) {
    await db.update(trackerSecrets).set({ value: ring.wrap(row.value, name), keyId: ring.keyId }).where(eq(trackerSecrets.name, name));
    return Buffer.from(row.value);
  }
  return ring.unwrap(row.value, name);
}

export interface KeyState {
  /** A key check was stored: the database was opened with a key before. */
  checked: boolean;
  /** Anything is sealed: data keys or the tracker's own secrets exist (a key check alone seals nothing). */
  encrypted: boolean;
  /** Whether `ring` opens this database (true when there is nothing to open). */
  opens(ring: Keyring): boolean;
}

/** What the database says about its key; a database from before encryption says nothing. */
export async function keyState(db: Database): Promise<KeyState> {
  try {
    const [check] = await db.select({ value: trackerSecrets.value }).from(trackerSecrets).where(eq(trackerSecrets.name, KEY_CHECK));
    const [secrets] = await db.select({ n: sql<number>`count(*)::int` }).from(trackerSecrets).where(ne(trackerSecrets.name, KEY_CHECK));
    const keys = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(recordKeys)
      .then(([row]) => Number(row?.n ?? 0))
      .catch(() => 0);
    return {
      checked: Boolean(check),
      encrypted: keys > 0 || Number(secrets?.n ?? 0) > 0,
      opens: (ring) => {
        if (!check) return true;
        try {
          return ring.unwrap(check.value, KEY_CHECK).equals(KEY_CHECK_VALUE);
        } catch {
          return false;
        }
      },
    };
  } catch {
    return { checked: false, encrypted: false, opens: () => true };
  }
}

/** Records which key opens this database, so a wrong one is refused before it changes anything. */
export async function storeKeyCheck(db: Database, ring: Keyring): Promise<void> {
  await db
    .insert(trackerSecrets)
    .values({ name: KEY_CHECK, value: ring.wrap(KEY_CHECK_VALUE, KEY_CHECK), keyId: ring.keyId })
    .onConflictDoUpdate({ target: trackerSecrets.name, set: { value: ring.wrap(KEY_CHECK_VALUE, KEY_CHECK), keyId: ring.keyId } });
}

/** Whether the backup's key check (if it has one) opens with `ring`. */
export function backupOpensWith(rows: readonly { name: string; value: Uint8Array }[], ring: Keyring): boolean {
  const check = rows.find((r) => r.name === KEY_CHECK);
  if (!check) return true;
  try {
    return ring.unwrap(check.value, KEY_CHECK).equals(KEY_CHECK_VALUE);
  } catch {
    return false;
  }
}

/** Re-wraps the tracker's own secrets (and the key check) under `to`. */
export async function rewrapSecrets(db: Database, from: Keyring, to: Keyring): Promise<void> {
  await db.transaction(async (tx) => {
    const rows = await tx.select().from(trackerSecrets).for('update');
    for (const row of rows) {
      if (row.keyId === to.keyId) continue;
      const plain = row.keyId === null ? Buffer.from(row.value) : from.unwrap(row.value, row.name);
      await tx.update(trackerSecrets).set({ value: to.wrap(plain, row.name), keyId: to.keyId }).where(eq(trackerSecrets.name, row.name));
    }
  });
}
