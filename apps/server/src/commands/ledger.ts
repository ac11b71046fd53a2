import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { countLedgerEntries, exportPublicLedger, verifyEntries, verifyLedger, verifyRecordStates, type ExportedEntry, type LedgerVerdict } from '@tracker/db';
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

/**
 * Recomputes the whole chain in the database and names the first broken link; with `deep`, also
 * checks that every ledgered record is what its last entry says, naming the first that is not.
 */
export async function verifyLedgerCommand(env: Env, deep = false): Promise<{ text: string; ok: boolean }> {
  return withDatabase(env, async (handle) => {
    const bar = progressBar(await countLedgerEntries(handle.db));
    let chain: { text: string; ok: boolean };
    try {
      chain = describe(await verifyLedger(handle.db, 2000, bar.update));
    } finally {
      bar.stop();
    }
    if (!chain.ok || !deep) return chain;
    const records = await verifyRecordStates(handle.db);
    if (!records.ok) {
      return { ok: false, text: `${chain.text}\nBut ${records.first.entityType} ${records.first.entityId} is not what the ledger says: ${records.first.reason}.` };
    }
    return { ok: true, text: `${chain.text} Every ledgered record (${records.records}) is what its last entry says.` };
  });
}

/**
 * Writes the chain as JSON lines for anyone to verify: salted references and digests, no content,
 * and ids only of records the public may read (see packages/db/src/ledger.ts).
 */
export async function exportLedgerCommand(env: Env, file: string): Promise<string> {
  return withDatabase(env, async (handle) => {
    const out = createWriteStream(file, { encoding: 'utf8' });
    const written = await exportPublicLedger(handle.db, async (entries) => {
      for (const entry of entries) if (!out.write(`${JSON.stringify(entry)}\n`)) await once(out, 'drain');
    });
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
    let entry: ExportedEntry;
    try {
      entry = JSON.parse(line) as ExportedEntry;
    } catch {
      return { ok: false, text: `Line ${lineNo} of ${file} is not JSON.` };
    }
    const verdict = verifyEntries([entry], state);
    if (verdict) return describe(verdict);
  }
  return describe({ ok: true, entries: state.count, head: state.prev });
}
