import { createEvidence, attachToEvidence, isEmptyDatabase, seedCatalogue, seedDemo, updateEvidence, verifyLedger } from '@tracker/db';
import { createTestDatabase, createUser, describeEachDb, evidenceFields } from '@tracker/db/testing';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { readBackup, restoreBackup, writeBackup } from '../src/commands/backup';

describeEachDb('backup and restore', (suite) => {
  const root = mkdtempSync(join(tmpdir(), 'tracker-backup-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  beforeAll(async () => {
    await seedCatalogue(suite.db);
    await seedDemo(suite.db);
    const monitor = await createUser(suite.db, 'monitor');
    const item = await createEvidence(suite.db, monitor, evidenceFields({ title: 'ศาลตัดสิน — item with an attachment' }));
    const bytes = Buffer.from('%PDF-1.4 backup test');
    await attachToEvidence(suite.db, monitor, item.id, { filename: 'judgment.pdf', bytes, mediaType: 'application/pdf', sha256: createHash('sha256').update(bytes).digest('hex') });
  });

  it('restores a backup into an empty database exactly, ledger included, on the same kind of database', async () => {
    const first = await writeBackup(suite.db, join(root, 'first'));
    expect(first.tables['evidence']?.rows).toBeGreaterThan(50);
    expect(first.tables['blobs']?.rows).toBe(1);
    const fresh = await createTestDatabase(suite.kind, inject('postgresTemplate'));
    try {
      expect(await restoreBackup(fresh.db, join(root, 'first'))).toMatch(/the ledger verifies/);
      expect(await verifyLedger(fresh.db)).toMatchObject({ ok: true, head: first.ledgerHead });
      const second = await writeBackup(fresh.db, join(root, 'second'));
      expect(second.tables).toEqual(first.tables);
      await expect(restoreBackup(fresh.db, join(root, 'first'))).rejects.toThrow(/not empty/);
    } finally {
      await fresh.drop();
    }
  });

  it('a backup whose row was changed and its hash recomputed restores nothing, naming the record', async () => {
    const dir = join(root, 'tampered');
    await writeBackup(suite.db, dir);
    const file = join(dir, 'evidence.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n');
    const target = lines.findIndex((l) => l.includes('item with an attachment'));
    const id = (JSON.parse(lines[target] ?? '{}') as { id: string }).id;
    lines[target] = (lines[target] ?? '').replace('item with an attachment', 'item with a forged title');
    writeFileSync(file, lines.join('\n'));
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { tables: Record<string, { sha256: string }> };
    (manifest.tables['evidence'] as { sha256: string }).sha256 = createHash('sha256').update(readFileSync(file, 'utf8')).digest('hex');
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    const fresh = await createTestDatabase(suite.kind, inject('postgresTemplate'));
    try {
      await expect(restoreBackup(fresh.db, dir)).rejects.toThrow(new RegExp(`Nothing was restored: evidence ${id} is not what the ledger says`));
      expect(await isEmptyDatabase(fresh.db)).toBe(true);
    } finally {
      await fresh.drop();
    }
  });

  // On the embedded database the CLI needs the server stopped (one process per data directory), so
  // nobody writes during a backup; PostgreSQL is where servers keep writing while one is taken.
  it.skipIf(suite.kind === 'pglite')('a backup taken while people write restores every time', async () => {
    const monitor = await createUser(suite.db, 'monitor');
    let writing = true;
    const writers = [0, 1, 2].map(async (w) => {
      let n = 0;
      while (writing) {
        const item = await createEvidence(suite.db, monitor, evidenceFields({ title: `Written during the backup ${w}.${n++}`, recommendationKeys: ['A.1', 'A.3'] }));
        await updateEvidence(suite.db, monitor, { id: item.id, revision: 1, summary: 'Changed while the backup ran.' });
        // Writes arrive over the network: leave the event loop room (the embedded database can answer without it).
        await new Promise((r) => setTimeout(r, 5));
      }
      return n;
    });
    const dirs: string[] = [];
    try {
      for (let round = 0; round < 3; round++) {
        dirs.push(join(root, `under-load-${round}`));
        await writeBackup(suite.db, dirs[round] as string);
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      writing = false;
    }
    for (const dir of dirs) {
      const fresh = await createTestDatabase(suite.kind, inject('postgresTemplate'));
      try {
        expect(await restoreBackup(fresh.db, dir)).toMatch(/the ledger verifies .* records match it/);
      } finally {
        await fresh.drop();
      }
    }
    expect((await Promise.all(writers)).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('restores a backup made before the inbox existed, with an empty inbox; any other missing table is refused', async () => {
    const dir = join(root, 'before-the-inbox');
    await writeBackup(suite.db, dir);
    const manifestFile = join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { tables: Record<string, unknown> };
    delete manifest.tables['notifications'];
    rmSync(join(dir, 'notifications.jsonl'));
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const fresh = await createTestDatabase(suite.kind, inject('postgresTemplate'));
    try {
      expect(await restoreBackup(fresh.db, dir)).toMatch(/the ledger verifies/);
    } finally {
      await fresh.drop();
    }
    delete manifest.tables['evidence'];
    writeFileSync(manifestFile, JSON.stringify(manifest));
    await expect(readBackup(dir)).rejects.toThrow(/The manifest does not list evidence/);
  });

  it('refuses a damaged or altered backup before touching the database', async () => {
    const dir = join(root, 'damaged');
    await writeBackup(suite.db, dir);
    await expect(readBackup(dir)).resolves.toBeTruthy();
    const file = join(dir, 'evidence.jsonl');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Illustrative', 'Altered'));
    await expect(readBackup(dir)).rejects.toThrow(/evidence\.jsonl does not match its SHA-256/);
    await expect(readBackup(join(root, 'nowhere'))).rejects.toThrow(/no readable manifest/);
  });
});
