import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '@tracker/domain';

export const LOCK_FILE = 'tracker.lock';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite allows one process per data directory; two writers corrupt it. The lock file holds the
 * owner's pid, is created exclusively, and is taken over when its owner is no longer running.
 * Returns the function that releases it; `recovered` says whether a killed process's lock was
 * taken over (its database was not shut down cleanly).
 */
export function lockDataDir(dataDir: string): (() => void) & { recovered: boolean } {
  let recovered = false;
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(path, { force: true });
      };
      return Object.assign(release, { recovered });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new AppError(
          'SERVICE_UNAVAILABLE',
          `The data directory ${dataDir} is in use by another tracker process (pid ${owner}). ` +
            'The embedded database allows one process at a time: stop that process first, ' +
            'or point TRACKER_DATA_DIR at another directory, or use PostgreSQL with DATABASE_URL.',
        );
      }
      // Stale lock: its owner is gone (crash, kill -9). Take it over.
      rmSync(path, { force: true });
      recovered = true;
    }
  }
  throw new AppError('SERVICE_UNAVAILABLE', `Could not take the lock on ${dataDir}; try again.`);
}
