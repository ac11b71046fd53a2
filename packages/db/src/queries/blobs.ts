import { and, asc, eq, gte } from 'drizzle-orm';
import type { Database } from '../client';
import { BLOB_CHUNK_BYTES, blobChunks, blobs } from '../schema';

export interface StoredFile {
  sha256: string;
  mediaType: string;
  bytes: Uint8Array;
}

/** Chunks read per query when streaming a file out: about 2 MB. */
const CHUNKS_PER_READ = 8;

/** Stores a file once per SHA-256, in chunks; a file already stored is left as it is. */
export async function storeBlob(tx: Database, file: StoredFile): Promise<void> {
  const created = await tx
    .insert(blobs)
    .values({ sha256: file.sha256, size: file.bytes.byteLength, mediaType: file.mediaType })
    .onConflictDoNothing()
    .returning({ sha256: blobs.sha256 });
  if (created.length === 0) return;
  for (let seq = 0; seq * BLOB_CHUNK_BYTES < file.bytes.byteLength; seq++) {
    await tx.insert(blobChunks).values({ sha256: file.sha256, seq, bytes: file.bytes.subarray(seq * BLOB_CHUNK_BYTES, (seq + 1) * BLOB_CHUNK_BYTES) });
  }
}

/** A stored file's bytes, chunk by chunk, in order, a few chunks per query. */
export async function* blobBytes(db: Database, sha256: string): AsyncGenerator<Uint8Array> {
  for (let from = 0; ; from += CHUNKS_PER_READ) {
    const rows = await db
      .select({ bytes: blobChunks.bytes })
      .from(blobChunks)
      .where(and(eq(blobChunks.sha256, sha256), gte(blobChunks.seq, from)))
      .orderBy(asc(blobChunks.seq))
      .limit(CHUNKS_PER_READ);
    for (const row of rows) yield row.bytes;
    if (rows.length < CHUNKS_PER_READ) return;
  }
}
