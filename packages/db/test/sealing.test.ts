import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import {
  appendLedger,
  attachToEvidence,
  createEvidence,
  getEvidence,
  keyring,
  reviewEvidence,
  sealExistingData,
  submitEvidence,
  updateEvidence,
  verifyLedger,
} from '../src';
import * as t from '../src/schema';
import { describeEachDb, evidenceFields, seededTeam, type TestUser } from '../src/testing';

const sealed = (value: unknown) => JSON.stringify(value).includes('enc:v1:') || JSON.stringify(value).includes('"sealed"');

describeEachDb('sealing confidential content', (suite) => {
  let monitor: TestUser;
  let reviewer: TestUser;

  beforeAll(async () => {
    ({ monitor, reviewer } = await seededTeam(suite.db));
  });

  const raw = async (id: string) => {
    const [row] = await suite.db.select().from(t.evidence).where(eq(t.evidence.id, id));
    const revisions = await suite.db.select().from(t.evidenceRevisions).where(eq(t.evidenceRevisions.evidenceId, id));
    const ledger = await suite.db.select().from(t.auditLedger).where(eq(t.auditLedger.entityId, id));
    const files = await suite.db.select().from(t.evidenceAttachments).where(eq(t.evidenceAttachments.evidenceId, id));
    return { row, revisions, ledger, files };
  };

  it('a public item made confidential is sealed in the same transaction, history included; made public again, its history stays sealed', async () => {
    const item = await createEvidence(suite.db, monitor, evidenceFields({ title: 'An interview first logged as public', visibility: 'public' }));
    await attachToEvidence(suite.db, monitor, item.id, { filename: 'interview-notes.txt', bytes: Buffer.from('notes of the interview'), sha256: 'a'.repeat(64), mediaType: 'text/plain' });
    const confidential = await updateEvidence(suite.db, monitor, { id: item.id, revision: 1, visibility: 'confidential' });
    const stored = await raw(item.id);
    expect(stored.row?.title).toMatch(/^enc:v1:/);
    expect(stored.revisions.every((r) => sealed(r.snapshot))).toBe(true);
    expect(stored.ledger.every((e) => sealed(e.before) && sealed(e.after))).toBe(true);
    expect(stored.files[0]?.filename).toMatch(/^enc:v1:/);
    const [blob] = await suite.db.select().from(t.blobs).where(eq(t.blobs.sha256, 'a'.repeat(64)));
    expect(blob?.sealed).toBe(true);
    expect(await getEvidence(suite.db, monitor, item.id)).toMatchObject({ title: 'An interview first logged as public', attachments: [{ filename: 'interview-notes.txt' }] });

    await updateEvidence(suite.db, monitor, { id: item.id, revision: confidential.revision ?? 2, visibility: 'public' });
    const opened = await raw(item.id);
    expect(opened.row?.title).toBe('An interview first logged as public');
    expect(opened.files[0]?.filename).toBe('interview-notes.txt');
    expect(opened.revisions.every((r) => sealed(r.snapshot))).toBe(true);
    expect((await suite.db.select().from(t.blobs).where(eq(t.blobs.sha256, 'a'.repeat(64))))[0]?.sealed).toBe(false);
    expect((await verifyLedger(suite.db)).ok).toBe(true);
  });

  it('content stored in the clear before encryption is sealed at start, resumably, and still verifies', async () => {
    // As an older version stored it: a confidential row, a revision and ledger entries in the clear.
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of ids) {
      const { recommendationKeys: _r, siteIds: _s, ...fields } = evidenceFields({ title: `Old testimony ${id.slice(0, 8)}`, visibility: 'confidential' });
      await suite.db.insert(t.evidence).values({ ...fields, id, status: 'verified', createdBy: monitor.id, contentChangedBy: monitor.id, revision: 2 });
      await suite.db.insert(t.evidenceRevisions).values({ evidenceId: id, revision: 1, snapshot: { title: 'Old testimony, first draft' }, changedBy: monitor.id });
      await suite.db.transaction((tx) => appendLedger(tx, { actorId: monitor.id, action: 'evidence.create', entityType: 'evidence', entityId: id, after: fields }));
    }
    const [firstId, ...rest] = ids;
    // Interrupted: one item sealed, then the start finishes the rest.
    const { sealStoredEvidence } = await import('../src/queries/evidence-sealing');
    await suite.db.transaction((tx) => sealStoredEvidence(tx, firstId as string));
    const report = await sealExistingData(suite.handle, keyring());
    expect(report.evidence).toBeGreaterThanOrEqual(rest.length);
    for (const id of ids) {
      const stored = await raw(id);
      expect(stored.row?.title).toMatch(/^enc:v1:/);
      expect(stored.revisions.every((r) => sealed(r.snapshot))).toBe(true);
      expect(stored.ledger.every((e) => sealed(e.after))).toBe(true);
      expect((await getEvidence(suite.db, reviewer, id)).title).toBe(`Old testimony ${id.slice(0, 8)}`);
    }
    expect(await sealExistingData(suite.handle, keyring())).toEqual({ evidence: 0, accounts: 0 });
    expect((await verifyLedger(suite.db)).ok).toBe(true);
  });

  it('a CSV import seals its confidential rows before writing them', async () => {
    const { importEvidence } = await import('../src');
    const fields = evidenceFields({ title: 'Imported testimony of a survivor', visibility: 'confidential', kind: 'testimony' });
    await importEvidence(suite.db, reviewer, [{ line: 2, externalId: 'sealed-import-1', fields }]);
    const [row] = await suite.db.select().from(t.evidence).where(eq(t.evidence.externalId, 'sealed-import-1'));
    expect(row?.title).toMatch(/^enc:v1:/);
    expect((await getEvidence(suite.db, reviewer, row?.id as string)).title).toBe('Imported testimony of a survivor');
    // Importing the same row again finds it unchanged.
    expect(await importEvidence(suite.db, reviewer, [{ line: 2, externalId: 'sealed-import-1', fields }])).toMatchObject({ unchanged: 1 });
  });

});

// Tampering breaks the ledger for everything after it, so it has a database of its own.
describeEachDb('tampering with sealed content', (suite) => {
  let monitor: TestUser;
  let reviewer: TestUser;

  beforeAll(async () => {
    ({ monitor, reviewer } = await seededTeam(suite.db));
  });

  it('sealed content that was tampered with, or moved to another item, is detected', async () => {
    const a = await createEvidence(suite.db, monitor, evidenceFields({ title: 'First sealed item', visibility: 'confidential' }));
    const b = await createEvidence(suite.db, monitor, evidenceFields({ title: 'Second sealed item', visibility: 'confidential' }));
    await submitEvidence(suite.db, monitor, a.id);
    await reviewEvidence(suite.db, reviewer, { id: a.id, decision: 'verify', note: 'ok' });
    // Moving a's sealed title onto b: the associated data names a, so b cannot open it.
    await suite.db.execute(sql`update evidence set title = (select title from evidence where id = ${a.id}) where id = ${b.id}`);
    await expect(getEvidence(suite.db, monitor, b.id)).rejects.toThrow();
    // Swapping sealed ledger content between entries breaks verification.
    const [first, second] = await suite.db.select().from(t.auditLedger).where(eq(t.auditLedger.entityId, a.id)).orderBy(t.auditLedger.seq);
    await suite.db.execute(sql`update audit_ledger set after = ${JSON.stringify(second?.after)}::jsonb where seq = ${first?.seq}`);
    const verdict = await verifyLedger(suite.db);
    expect(verdict.ok).toBe(false);
  });
});
