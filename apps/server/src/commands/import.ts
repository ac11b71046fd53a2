import { readFile, stat } from 'node:fs/promises';
import { describeIssues, parseEvidenceCsv } from '@tracker/api';
import { checkImportReferences, findLoginUser, importEvidence, importWrote, vacuumAnalyze } from '@tracker/db';
import { Presets, SingleBar } from 'cli-progress';
import type { Env } from '../env';
import { MAX_IMPORT_FILE_BYTES } from '@tracker/domain';
import { refused } from './refused';
import { withDatabase } from './database';

export { parseEvidenceCsv };

/** Files larger than this are refused before reading: split them, or use pg_dump/psql for bulk moves. */

/** `tracker import FILE --as EMAIL`: all rows or none, attributed to that account, awaiting review. */
export async function importCommand(env: Env, file: string, asEmail: string | undefined): Promise<string> {
  if (!asEmail) throw refused('Say whose import this is: --as EMAIL (a monitor, reviewer or admin).');
  const size = (await stat(file).catch(() => null))?.size;
  if (size === undefined) throw refused(`Cannot read ${file}.`);
  if (size > MAX_IMPORT_FILE_BYTES) throw refused(`The file is ${Math.round(size / 2 ** 20)} MB; at most ${MAX_IMPORT_FILE_BYTES / 2 ** 20} MB is accepted. Split it into smaller files.`);
  const started = performance.now();
  const { rows, issues } = parseEvidenceCsv(await readFile(file));
  return withDatabase(env, async (handle) => {
    const all = [...issues, ...(await checkImportReferences(handle.db, rows))].sort((a, b) => a.line - b.line);
    if (all.length > 0) throw refused(describeIssues(all));
    const user = await findLoginUser(handle.db, asEmail);
    if (!user || !user.active || user.role === 'policymaker') {
      throw refused(`${asEmail} is not an active monitor, reviewer or admin account.`);
    }
    const bar = new SingleBar({ format: 'importing [{bar}] {percentage}% {value}/{total} rows', stream: process.stderr, hideCursor: true }, Presets.shades_classic);
    if (process.stderr.isTTY) bar.start(rows.length, 0);
    try {
      const report = await importEvidence(handle.db, { id: user.id, role: user.role }, rows, (n) => bar.isActive && bar.update(n));
      // Bulk writes: tidy and re-plan before the next reader or import.
      if (importWrote(report)) await vacuumAnalyze(handle.db);
      const seconds = (performance.now() - started) / 1000;
      return `Imported ${rows.length} rows in ${seconds.toFixed(1)} s (${Math.round(rows.length / seconds)} rows/s): ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged. New and changed items await review.`;
    } finally {
      if (bar.isActive) bar.stop();
    }
  });
}
