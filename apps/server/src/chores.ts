import { eraseDiscardedIntake, tellCommitmentsFallingDue, type DbHandle } from '@tracker/db';
import { log } from './log';

/** How often the chores run; each is idempotent, so running them on every server is harmless. */
const CHORE_INTERVAL_MS = 60 * 60_000;

/**
 * What the tracker does on its own, on start and every hour, mail or no mail: tell followers of
 * commitments that fell due soon or overdue (once each), and erase submissions from outside that were
 * discarded more than 30 days ago.
 */
export async function runChores(handle: DbHandle, now = new Date()): Promise<{ commitmentsTold: number; submissionsErased: number }> {
  const commitmentsTold = await tellCommitmentsFallingDue(handle.db, now.toISOString().slice(0, 10));
  const submissionsErased = await eraseDiscardedIntake(handle.db, now);
  if (commitmentsTold + submissionsErased > 0) log.info('chores done', { commitmentsTold, submissionsErased });
  return { commitmentsTold, submissionsErased };
}

/** Runs the chores now and every hour; stopping waits for a run under way, so the database closes after it. */
export function startChores(handle: DbHandle): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = runChores(handle).catch((error: unknown) => log.warn('chores failed; trying again in an hour', { reason: error instanceof Error ? error.message : String(error) }));
  };
  run();
  const timer = setInterval(run, CHORE_INTERVAL_MS);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
