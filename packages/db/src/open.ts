import { resolve } from 'node:path';
import { createDb, type DbHandle } from './client';
import { lockDataDir } from './data-dir-lock';
import { migrate } from './migrate';

export interface OpenOptions {
  /** PostgreSQL connection string; when absent the embedded database in `dataDir` is used. */
  databaseUrl?: string | undefined;
  dataDir: string;
  maxConnections?: number;
}

/**
 * Opens the configured database, holding the data directory lock for the embedded one, and brings
 * its schema up to date. `close()` also releases the lock.
 */
export async function openDatabase(options: OpenOptions): Promise<DbHandle> {
  if (options.databaseUrl) {
    const handle = await createDb({
      kind: 'postgres',
      url: options.databaseUrl,
      ...(options.maxConnections ? { maxConnections: options.maxConnections } : {}),
    });
    await migrate(handle);
    return handle;
  }
  const dataDir = resolve(options.dataDir);
  const release = lockDataDir(dataDir);
  try {
    const handle = await createDb({ kind: 'pglite', dataDir });
    await migrate(handle);
    const close = handle.close;
    return {
      ...handle,
      close: async () => {
        try {
          await close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
