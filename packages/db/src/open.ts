import { resolve } from 'node:path';
import { createDb, type DbHandle } from './client';
import { lockDataDir } from './data-dir-lock';
import { loadKey, sealExistingData, type SealReport } from './key-setup';
import { analyzeTables, vacuumAnalyze, vacuumIfNeeded } from './maintenance';
import { migrate } from './migrate';

export interface OpenOptions {
  /** PostgreSQL connection string; when absent the embedded database in `dataDir` is used. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** The master key's file (see crypto/keyring.ts); made on first start. */
  keyFile: string;
  maxConnections?: number;
}

export interface OpenedDatabase extends DbHandle {
  /** The key file was made now: its owner must be told to back it up apart from the data. */
  keyCreated: boolean;
  /** What was sealed at this start (data stored before encryption existed). */
  sealed: SealReport;
}

/**
 * Opens the configured database, holding the data directory lock for the embedded one: loads the
 * master key (refusing a wrong or missing one before anything is written), brings the schema up to
 * date and seals what an older version stored in the clear. `close()` also releases the lock.
 */
export async function openDatabase(options: OpenOptions): Promise<OpenedDatabase> {
  const release = options.databaseUrl ? Object.assign(() => undefined, { recovered: false }) : lockDataDir(resolve(options.dataDir));
  let handle: DbHandle | undefined;
  try {
    handle = options.databaseUrl
      ? await createDb({ kind: 'postgres', url: options.databaseUrl, ...(options.maxConnections ? { maxConnections: options.maxConnections } : {}) })
      : await createDb({ kind: 'pglite', dataDir: resolve(options.dataDir) });
    const { keyring, created } = await loadKey(handle.db, options.keyFile, options.databaseUrl ? undefined : options.dataDir);
    await migrate(handle);
    const sealed = await sealExistingData(handle, keyring);
    // After a crash the embedded database's statistics are gone and an aborted write left dead rows.
    if (release.recovered) await vacuumAnalyze(handle.db);
    else await vacuumIfNeeded(handle.db);
    await analyzeTables(handle.db);
    const close = () => (handle as DbHandle).close();
    return {
      ...handle,
      keyCreated: created,
      sealed,
      close: async () => {
        try {
          await close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    await handle?.close().catch(() => undefined);
    release();
    throw error;
  }
}
