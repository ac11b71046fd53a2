import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { aadOf, openBytes, sealBytes } from '../crypto/seal';
import { BLOB_CHUNK_BYTES, blobChunks, blobs, evidence, evidenceAttachments } from '../schema';
import { dataKeyFor, destroyDataKey } from './record-keys';

export interface StoredFile {
  sha256: string;
  mediaType: string;
  bytes: Uint8Array;
}

/** Chunks read per query when streaming a file out: about 2 MB. */
const CHUNKS_PER_READ = 8;

const chunkAad = (sha256: string, seq: number) => aadOf('blob', sha256, `chunk:${seq}`);

/**
 * Stores a file once per SHA-256, in chunks, sealed under the file's own data key when `sealed`;
 * a file already stored is left as it is (call `reconcileBlob` after linking it).
 */
export async function storeBlob(tx: Database, file: StoredFile, sealed: boolean): Promise<void> {
  const created = await tx
    .insert(blobs)
    .values({ sha256: file.sha256, size: file.bytes.byteLength, mediaType: file.mediaType, sealed })
    .onConflictDoNothing()
    .returning({ sha256: blobs.sha256 });
  if (created.length === 0) return;
  const key = sealed ? await dataKeyFor(tx, 'blob', file.sha256, true) : null;
  for (let seq = 0; seq * BLOB_CHUNK_BYTES < file.bytes.byteLength; seq++) {
    const part = file.bytes.subarray(seq * BLOB_CHUNK_BYTES, (seq + 1) * BLOB_CHUNK_BYTES);
    await tx.insert(blobChunks).values({ sha256: file.sha256, seq, bytes: key ? sealBytes(key, chunkAad(file.sha256, seq), part) : part });
  }
}

/** A stored file's bytes, chunk by chunk, in order, a few chunks per query, opened when sealed. */
export async function* blobBytes(db: Database, sha256: string): AsyncGenerator<Uint8Array> {
  const [blob] = await db.select({ sealed: blobs.sealed }).from(blobs).where(eq(blobs.sha256, sha256));
  if (!blob) return;
  const key = blob.sealed ? await dataKeyFor(db, 'blob', sha256) : null;
  if (blob.sealed && !key) return;
  for (let from = 0; ; from += CHUNKS_PER_READ) {
    const rows = await db
      .select({ seq: blobChunks.seq, bytes: blobChunks.bytes })
      .from(blobChunks)
      .where(and(eq(blobChunks.sha256, sha256), gte(blobChunks.seq, from)))
      .orderBy(asc(blobChunks.seq))
      .limit(CHUNKS_PER_READ);
    for (const row of rows) yield key ? openBytes(key, chunkAad(sha256, row.seq), row.bytes) : row.bytes;
    if (rows.length < CHUNKS_PER_READ) return;
  }
}

/**
 * Keeps a file sealed exactly while every item that attaches it is confidential (a file also
 * attached to a public item is public already), and deletes it, with its key, once nothing
 * attaches it. Chunk by chunk, in the caller's transaction.
 */
export async function reconcileBlob(tx: Database, sha256: string): Promise<void> {
  const [blob] = await tx.select({ sealed: blobs.sealed }).from(blobs).where(eq(blobs.sha256, sha256)).for('update');
  if (!blob) return;
  const [usage] = await tx
    .select({
      links: sql<number>`count(*)::int`,
      open: sql<number>`count(*) filter (where ${evidence.visibility} <> 'confidential' and not ${evidence.containsPersonalData})::int`,
    })
    .from(evidenceAttachments)
    .innerJoin(evidence, eq(evidence.id, evidenceAttachments.evidenceId))
    .where(eq(evidenceAttachments.sha256, sha256));
  if (!usage || usage.links === 0) {
    await tx.delete(blobs).where(eq(blobs.sha256, sha256));
    await destroyDataKey(tx, 'blob', sha256);
    return;
  }
  const seal = usage.open === 0;
  if (seal === blob.sealed) return;
  const key = await dataKeyFor(tx, 'blob', sha256, true);
  const chunks = await tx.select({ seq: blobChunks.seq }).from(blobChunks).where(eq(blobChunks.sha256, sha256)).orderBy(asc(blobChunks.seq));
  for (const { seq } of chunks) {
    const [row] = await tx.select({ bytes: blobChunks.bytes }).from(blobChunks).where(and(eq(blobChunks.sha256, sha256), eq(blobChunks.seq, seq)));
    if (!row) continue;
    const bytes = seal ? sealBytes(key, chunkAad(sha256, seq), row.bytes) : openBytes(key, chunkAad(sha256, seq), row.bytes);
    await tx.update(blobChunks).set({ bytes }).where(and(eq(blobChunks.sha256, sha256), eq(blobChunks.seq, seq)));
  }
  await tx.update(blobs).set({ sealed: seal }).where(eq(blobs.sha256, sha256));
  if (!seal) await destroyDataKey(tx, 'blob', sha256);
}

/** Files no longer attached to anything are deleted with their keys. */
export async function reconcileBlobs(tx: Database, sha256s: readonly string[]): Promise<void> {
  for (const sha of new Set(sha256s)) await reconcileBlob(tx, sha);
}

export const blobsOf = async (db: Database, evidenceIds: string[]) =>
  evidenceIds.length === 0 ? [] : db.select({ evidenceId: evidenceAttachments.evidenceId, sha256: evidenceAttachments.sha256 }).from(evidenceAttachments).where(inArray(evidenceAttachments.evidenceId, evidenceIds));
