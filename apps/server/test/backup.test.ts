import { createEvidence, attachToEvidence, seedCatalogue, seedDemo, verifyLedger } from '@tracker/db';
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

  it('refuses a damaged or altered backup before touching the database', async () => {
    const dir = join(root, 'first');
    const file = join(dir, 'evidence.jsonl');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Illustrative', 'Altered'));
    await expect(readBackup(dir)).rejects.toThrow(/evidence\.jsonl does not match its SHA-256/);
    await expect(readBackup(join(root, 'nowhere'))).rejects.toThrow(/no readable manifest/);
  });
});
