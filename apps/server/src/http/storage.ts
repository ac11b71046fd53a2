import { statfsSync } from 'node:fs';
import type { StorageGuard } from '@tracker/api';
import { AppError } from '@tracker/domain';

/** How often the free space is measured at most; a write in between uses the last reading. */
const MEASURE_EVERY_MS = 1000;

/**
 * Refuses writes while the disk that holds the embedded database has less than `minFreeBytes`
 * free, so the database never runs into a full disk in the middle of a write; reads go on, and
 * writes are accepted again by themselves once space is freed.
 */
export function storageGuard(dir: string, minFreeBytes: number, now: () => number = Date.now): StorageGuard | null {
  if (minFreeBytes <= 0) return null;
  let last: { at: number; free: number } | null = null;
  const free = () => {
    if (!last || now() - last.at > MEASURE_EVERY_MS) {
      const stats = statfsSync(dir);
      last = { at: now(), free: stats.bavail * stats.bsize };
    }
    return last.free;
  };
  return {
    check() {
      const bytes = free();
      if (bytes >= minFreeBytes) return;
      const mb = (n: number) => Math.floor(n / 2 ** 20);
      throw new AppError(
        'SERVICE_UNAVAILABLE',
        `The disk that holds the tracker’s data is full (${mb(bytes)} MB free; ${mb(minFreeBytes)} MB are kept in reserve, TRACKER_MIN_FREE_MB), so nothing can be saved right now. Reading still works and nothing saved before is lost; try again once space has been freed.`,
      );
    },
  };
}
