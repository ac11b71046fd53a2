import { randomBytes } from 'node:crypto';
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Database } from '../client';
import { KEY_BYTES, keyring, type Keyring } from '../crypto/keyring';
import { recordKeys } from '../schema';

export type KeyedEntity = 'evidence' | 'user' | 'blob' | 'intake';

const wrapAad = (type: KeyedEntity, id: string) => `${type}:${id}`;

/**
 * Unwrapped data keys, by the wrapped bytes they came from, so reading the same items again costs
 * no decryption of their keys. Only ever consulted with wrapped bytes just read from the database:
 * a destroyed key is not read, so it is never used again.
 */
const unwrapped = new Map<string, Buffer>();
const CACHE_MAX = 20_000;

export function unwrapDataKey(type: KeyedEntity, id: string, wrapped: Uint8Array): Buffer {
  const cacheKey = `${keyring().keyId}:${type}:${id}:${Buffer.from(wrapped).toString('base64')}`;
  const known = unwrapped.get(cacheKey);
  if (known) return known;
  const key = keyring().unwrap(wrapped, wrapAad(type, id));
  if (unwrapped.size >= CACHE_MAX) unwrapped.clear();
  unwrapped.set(cacheKey, key);
  return key;
}

/** A record's data key, made (and stored wrapped) on first need when `create` is set. */
export async function dataKeyFor(tx: Database, type: KeyedEntity, id: string, create: true): Promise<Buffer>;
export async function dataKeyFor(tx: Database, type: KeyedEntity, id: string, create?: false): Promise<Buffer | null>;
export async function dataKeyFor(tx: Database, type: KeyedEntity, id: string, create = false): Promise<Buffer | null> {
  const found = (await dataKeysFor(tx, type, [id])).get(id);
  if (found || !create) return found ?? null;
  const key = randomBytes(KEY_BYTES);
  const ring = keyring();
  await tx.insert(recordKeys).values({ entityType: type, entityId: id, wrapped: ring.wrap(key, wrapAad(type, id)), keyId: ring.keyId }).onConflictDoNothing();
  // Another writer may have made one at the same moment: use whichever was stored.
  return (await dataKeysFor(tx, type, [id])).get(id) ?? key;
}

/** New data keys for records that have none yet, stored in one statement per 500. */
export async function createDataKeys(tx: Database, type: KeyedEntity, ids: readonly string[]): Promise<Map<string, Buffer>> {
  const ring = keyring();
  const made = new Map(ids.map((id) => [id, randomBytes(KEY_BYTES)]));
  const rows = [...made].map(([id, key]) => ({ entityType: type, entityId: id, wrapped: ring.wrap(key, wrapAad(type, id)), keyId: ring.keyId }));
  for (let i = 0; i < rows.length; i += 500) await tx.insert(recordKeys).values(rows.slice(i, i + 500));
  return made;
}

/** The data keys of many records in one query; records without one are absent. */
export async function dataKeysFor(db: Database, type: KeyedEntity, ids: readonly string[]): Promise<Map<string, Buffer>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: recordKeys.entityId, wrapped: recordKeys.wrapped })
    .from(recordKeys)
    .where(and(eq(recordKeys.entityType, type), inArray(recordKeys.entityId, [...new Set(ids)])));
  return new Map(rows.map((r) => [r.id, unwrapDataKey(type, r.id, r.wrapped)]));
}

/** Destroys a record's data key: whatever is sealed under it can no longer be read by anyone. */
export async function destroyDataKey(tx: Database, type: KeyedEntity, id: string): Promise<void> {
  await tx.delete(recordKeys).where(and(eq(recordKeys.entityType, type), eq(recordKeys.entityId, id)));
}

/**
 * Re-wraps, under `to`, up to `batch` data keys still wrapped by another key; returns how many it
 * did. Content is not touched. One transaction per batch, so an interrupted rotation resumes
 * where it stopped.
 */
export async function rewrapDataKeys(db: Database, from: Keyring, to: Keyring, batch = 500): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ type: recordKeys.entityType, id: recordKeys.entityId, wrapped: recordKeys.wrapped })
      .from(recordKeys)
      .where(ne(recordKeys.keyId, to.keyId))
      .limit(batch)
      .for('update');
    for (const r of rows) {
      const aad = wrapAad(r.type as KeyedEntity, r.id);
      await tx
        .update(recordKeys)
        .set({ wrapped: to.wrap(from.unwrap(r.wrapped, aad), aad), keyId: to.keyId, rewrappedAt: new Date() })
        .where(and(eq(recordKeys.entityType, r.type), eq(recordKeys.entityId, r.id)));
    }
    return rows.length;
  });
}
