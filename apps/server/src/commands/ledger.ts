import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { auditLedger } from '@tracker/db/schema';
import { toChainedEntry, verifyEntries, verifyLedger, type LedgerVerdict, type VerifiedEntry } from '@tracker/db';
import { asc, count, gt } from 'drizzle-orm';
import { SingleBar, Presets } from 'cli-progress';
import type { Env } from '../env';
import { withDatabase } from './database';

function describe(verdict: LedgerVerdict): { text: string; ok: boolean } {
  if (verdict.ok) return { ok: true, text: `Ledger intact: ${verdict.entries} entries, head ${verdict.head}.` };
  return {
    ok: false,
    text: `Ledger BROKEN at entry ${verdict.firstBroken.seq}: ${verdict.firstBroken.reason}. ${verdict.entries - 1} entries before it verify.`,
  };
}

function progressBar(total: number) {
  const bar = new SingleBar({ format: 'verifying [{bar}] {percentage}% {value}/{total} entries', stream: process.stderr, hideCursor: true }, Presets.shades_classic);
  if (process.stderr.isTTY && total > 5000) bar.start(total, 0);
  return { update: (n: number) => bar.isActive && bar.update(n), stop: () => bar.isActive && bar.stop() };
}

/** Recomputes the whole chain in the database and names the first broken link. */
export async function verifyLedgerCommand(env: Env): Promise<{ text: string; ok: boolean }> {
  return withDatabase(env, async (handle) => {
    const [total] = await handle.db.select({ n: count() }).from(auditLedger);
    const bar = progressBar(total?.n ?? 0);
    try {
      return describe(await verifyLedger(handle.db, 2000, bar.update));
    } finally {
      bar.stop();
    }
  });
}

/**
 * Writes the chain as JSON lines: each entry with the digests of its before and after states,
 * not their content, so it can be published and verified offline without revealing anything.
 */
export async function exportLedgerCommand(env: Env, file: string): Promise<string> {
  return withDatabase(env, async (handle) => {
    const out = createWriteStream(file, { encoding: 'utf8' });
    let after = 0;
    let written = 0;
    for (;;) {
      const rows = await handle.db.select().from(auditLedger).where(gt(auditLedger.seq, after)).orderBy(asc(auditLedger.seq)).limit(2000);
      if (rows.length === 0) break;
      for (const r of rows) {
        if (!out.write(`${JSON.stringify(toChainedEntry(r))}\n`)) await once(out, 'drain');
        written++;
      }
      after = Number(rows.at(-1)?.seq);
    }
    out.end();
    await once(out, 'finish');
    return `Wrote ${written} ledger entries to ${file}. Verify anywhere with: npm run tracker -- ledger verify --file ${file}`;
  });
}

/** Verifies an exported chain without any database. */
export async function verifyLedgerFileCommand(file: string): Promise<{ text: string; ok: boolean }> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  const state = { prev: '0'.repeat(64), count: 0 };
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (!line.trim()) continue;
    let entry: VerifiedEntry;
    try {
      entry = JSON.parse(line) as VerifiedEntry;
    } catch {
      return { ok: false, text: `Line ${lineNo} of ${file} is not JSON.` };
    }
    const verdict = verifyEntries([entry], state);
    if (verdict) return describe(verdict);
  }
  return describe({ ok: true, entries: state.count, head: state.prev });
}
