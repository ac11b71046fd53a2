import { analyzeTables, migrationState, openDatabase, seedCatalogue, seedDemo, type DbHandle } from '@tracker/db';
import type { Env } from '../env';
import { keyCreatedMessage } from '../key-message';

/** Runs `work` on the configured database; the embedded one is locked for the duration. */
export async function withDatabase<T>(env: Env, work: (handle: DbHandle) => Promise<T>): Promise<T> {
  const handle = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.TRACKER_DATA_DIR, keyFile: env.TRACKER_KEY_FILE, maxConnections: 2 });
  if (handle.keyCreated) process.stderr.write(`${keyCreatedMessage(env.TRACKER_KEY_FILE)}\n`);
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}

export async function migrateCommand(env: Env): Promise<string> {
  return withDatabase(env, async (handle) => {
    const state = await migrationState(handle.db);
    return `Database (${handle.kind}) is at migration ${state.latest} (${state.applied} of ${state.total} applied).`;
  });
}

export async function seedCommand(env: Env, options: { demo: boolean }): Promise<string> {
  return withDatabase(env, async (handle) => {
    const report = await seedCatalogue(handle.db);
    const demo = options.demo ? await seedDemo(handle.db) : null;
    await analyzeTables(handle.db);
    const added = Object.entries(report.inserted)
      .filter(([, n]) => n > 0)
      .map(([table, n]) => `${n} ${table}`);
    const lines = [added.length ? `Catalogue: added ${added.join(', ')}.` : 'Catalogue: already complete, nothing added.'];
    if (demo) {
      lines.push(
        demo.skipped
          ? 'Demo data: already present, nothing added.'
          : `Demo data: added ${demo.evidence} illustrative evidence items and ${demo.assessments} assessments, all flagged as demo.`,
      );
    }
    return lines.join('\n');
  });
}
