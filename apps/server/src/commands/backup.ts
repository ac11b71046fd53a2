import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { analyzeTables, backupTables, laterBackupTables, encodeRow, isEmptyDatabase, ledgerHead, migrationState, readOnlySnapshot, restoreRows, tableRows, verifyLedger, verifyRecordStates, type Database } from '@tracker/db';
import type { Env } from '../env';
import { refused } from './refused';
import { withDatabase } from './database';

const MANIFEST = 'manifest.json';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface Manifest {
  format: 1;
  createdAt: string;
  migration: string | null;
  ledgerHead: string | null;
  /** The ledger head the backup was taken at, to compare with a published one (`audit.head`). */
  ledger?: { seq: number; hash: string; at: string } | null;
  tables: Record<string, { rows: number; sha256: string }>;
}

/** Writes every table and the manifest into `dir`, which must be new or empty. */
export async function writeBackup(db: Database, dir: string): Promise<Manifest> {
  const existing = await readdir(dir).catch(() => []);
  if (existing.length > 0) throw refused(`${dir} is not empty; back up into a new folder.`);
  await mkdir(dir, { recursive: true });
  // One snapshot for everything, the ledger head included: writes made meanwhile are either wholly
  // in the backup or wholly out of it, so it always restores.
  const manifest = await readOnlySnapshot(db, async (tx) => {
    const head = await ledgerHead(tx);
    const result: Manifest = {
      format: 1,
      createdAt: new Date().toISOString(),
      migration: (await migrationState(tx)).latest,
      ledgerHead: head?.hash ?? null,
      ledger: head,
      tables: {},
    };
    for (const [name, table] of backupTables) {
      const rows = await tableRows(tx, table);
      const text = rows.map((r) => JSON.stringify(encodeRow(table, r))).join('\n') + (rows.length ? '\n' : '');
      await writeFile(join(dir, `${name}.jsonl`), text);
      result.tables[name] = { rows: rows.length, sha256: sha256(text) };
    }
    return result;
  });
  await writeFile(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Reads a backup, refusing it unless every file matches the manifest. */
export async function readBackup(dir: string): Promise<{ manifest: Manifest; files: Map<string, Record<string, unknown>[]> }> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as Manifest;
  } catch {
    throw refused(`${dir} has no readable ${MANIFEST}; is it a tracker backup?`);
  }
  if (manifest.format !== 1) throw refused(`Backup format ${String(manifest.format)} is not known to this version.`);
  const files = new Map<string, Record<string, unknown>[]>();
  for (const [name] of backupTables) {
    const entry = manifest.tables[name];
    if (!entry && laterBackupTables.has(name)) {
      files.set(name, []);
      continue;
    }
    if (!entry) throw refused(`The manifest does not list ${name}.`);
    const text = await readFile(join(dir, `${name}.jsonl`), 'utf8').catch(() => null);
    if (text === null) throw refused(`${name}.jsonl is missing from ${dir}.`);
    if (sha256(text) !== entry.sha256) throw refused(`${name}.jsonl does not match its SHA-256 in the manifest: the backup is damaged or was altered.`);
    files.set(name, text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>));
  }
  return { manifest, files };
}

/**
 * Restores into an empty database and proves the result before committing it: the ledger verifies
 * to the manifest's head, and every ledgered record is what its last ledger entry says. Anything
 * else and nothing is restored.
 */
export async function restoreBackup(db: Database, dir: string): Promise<string> {
  const { manifest, files } = await readBackup(dir);
  if (!(await isEmptyDatabase(db))) throw refused('The target database is not empty: restore into a new, empty database.');
  const { counts, verdict, states } = await restoreRows(
    db,
    (name) => files.get(name) ?? [],
    async (tx) => {
      const chain = await verifyLedger(tx);
      if (!chain.ok) throw refused(`Nothing was restored: the ledger does not verify at entry ${chain.firstBroken.seq}: ${chain.firstBroken.reason}.`);
      if (chain.entries > 0 && chain.head !== manifest.ledgerHead) throw refused('Nothing was restored: the ledger head differs from the manifest.');
      const records = await verifyRecordStates(tx);
      if (!records.ok) {
        throw refused(`Nothing was restored: ${records.first.entityType} ${records.first.entityId} is not what the ledger says: ${records.first.reason}.`);
      }
      return { verdict: chain, states: records };
    },
  );
  await analyzeTables(db);
  const total = Object.values(counts).reduce((n, c) => n + c, 0);
  return `Restored ${total} rows; the ledger verifies (${verdict.entries} entries, head ${verdict.head}) and ${states.records} records match it.`;
}

/** `tracker export --all DIR`: one JSON-lines file per table and a manifest with each file's SHA-256, the migration and the ledger head. */
export async function backupCommand(env: Env, dir: string): Promise<string> {
  return withDatabase(env, async (handle) => {
    const manifest = await writeBackup(handle.db, dir);
    const total = Object.values(manifest.tables).reduce((n, t) => n + t.rows, 0);
    return `Backed up ${total} rows from ${backupTables.length} tables to ${dir} (ledger head ${manifest.ledgerHead ?? 'none'}).`;
  });
}

/** `tracker restore DIR`. */
export async function restoreCommand(env: Env, dir: string): Promise<string> {
  await readBackup(dir);
  return withDatabase(env, (handle) => restoreBackup(handle.db, dir));
}
