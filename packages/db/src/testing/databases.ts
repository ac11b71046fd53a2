import { type PGlite } from '@electric-sql/pglite';
import { createDb, type DbHandle, type DbKind } from '../client';
import { migrate } from '../migrate';
import { databaseUrl, randomName, withAdmin } from './postgres-server';

export interface TestDatabase extends DbHandle {
  /** Closes the handle and, on PostgreSQL, drops the suite's database. */
  drop(): Promise<void>;
}

let pgliteTemplate: Promise<Blob> | undefined;

/** Migrates an in-memory PGlite once per worker and dumps it; each suite starts from the dump. */
function migratedPgliteDump(): Promise<Blob> {
  pgliteTemplate ??= (async () => {
    const handle = await createDb({ kind: 'pglite' });
    await migrate(handle);
    const dump = await (handle.pglite as PGlite).dumpDataDir('none');
    await handle.close();
    return dump;
  })();
  return pgliteTemplate;
}

export async function createTestDatabase(
  kind: DbKind,
  postgresTemplate: string | null,
  { maxConnections = 5, ...options }: { onQuery?: (sql: string) => void; maxConnections?: number } = {},
): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const handle = await createDb({ kind: 'pglite', loadDataDir: await migratedPgliteDump(), ...options });
    return { ...handle, drop: () => handle.close() };
  }
  if (!postgresTemplate) throw new Error('PostgreSQL template database is missing');
  const name = randomName('tracker_test');
  await withAdmin(async (sql) => {
    // CREATE DATABASE refuses while another session is copying the same template; retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await sql.unsafe(`create database ${name} template ${postgresTemplate}`);
        return;
      } catch (error) {
        if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  });
  const handle = await createDb({ kind: 'postgres', url: databaseUrl(name), maxConnections, ...options });
  return {
    ...handle,
    drop: async () => {
      await handle.close();
      await withAdmin((sql) => sql.unsafe(`drop database if exists ${name} with (force)`));
    },
  };
}
