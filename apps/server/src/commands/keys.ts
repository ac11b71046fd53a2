import { resolve } from 'node:path';
import { compactTables, readKeyFile, readOrCreateKeyFile, rewrapDataKeys, rewrapSecrets } from '@tracker/db';
import { SingleBar, Presets } from 'cli-progress';
import type { Env } from '../env';
import { refused } from './refused';
import { withDatabase } from './database';

/**
 * `tracker key rotate --new FILE`: re-wraps every data key (and the tracker's own secrets) under
 * the key in FILE, made there if it does not exist yet. Content is not rewritten. Each batch is
 * its own transaction, so an interrupted rotation is finished by running the same command again.
 * Afterwards the old key opens nothing: point TRACKER_KEY_FILE at FILE and destroy the old one.
 */
export async function rotateKeyCommand(env: Env, newFile: string): Promise<string> {
  const current = readKeyFile(env.TRACKER_KEY_FILE);
  if (!current) throw refused(`There is no key at ${resolve(env.TRACKER_KEY_FILE)} (TRACKER_KEY_FILE) to rotate from.`);
  const next = readOrCreateKeyFile(newFile).keyring;
  if (next.keyId === current.keyId) throw refused(`${newFile} holds the key already in use; give a new file.`);
  return withDatabase(env, async (handle) => {
    const bar = new SingleBar({ format: 'rotating [{bar}] {value} data keys re-wrapped', stream: process.stderr, hideCursor: true }, Presets.shades_classic);
    if (process.stderr.isTTY) bar.start(0, 0);
    let done = 0;
    try {
      for (;;) {
        const n = await rewrapDataKeys(handle.db, current, next);
        if (n === 0) break;
        done += n;
        bar.setTotal(done);
        bar.update(done);
      }
    } finally {
      if (bar.isActive) bar.stop();
    }
    // Last, so an interrupted run can still be resumed with the old key.
    await rewrapSecrets(handle.db, current, next);
    await compactTables(handle.db);
    return (
      `Re-wrapped ${done} data keys and the tracker's secrets under the key in ${resolve(newFile)}. ` +
      `Point TRACKER_KEY_FILE at that file (or move it over ${resolve(env.TRACKER_KEY_FILE)}), back it up apart from the data, and destroy the old key: it opens nothing now.`
    );
  });
}
