import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { appendLedger, canonicalJson, digestOf, ledgerHead, verifyLedger } from '../src';
import { describeEachDb, type DbSuite } from '../src/testing';

describe('canonical JSON', () => {
  it('gives the same text whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }));
    expect(digestOf({ a: 1, b: 2 })).toBe(digestOf({ b: 2, a: 1 }));
  });
});

/** Appends five entries (entity ids 0–4) and returns their hashes. */
async function appendFive(db: DbSuite['db']): Promise<string[]> {
  const hashes: string[] = [];
  for (let i = 0; i < 5; i++) {
    hashes.push(
      await db.transaction((tx) =>
        appendLedger(tx, { actorId: null, action: 'catalogue.update', entityType: 'test', entityId: String(i), before: { n: i - 1 }, after: { n: i, at: new Date('2025-01-01T00:00:00Z'), ok: true } }),
      ),
    );
  }
  return hashes;
}

const entriesOf = async (db: DbSuite['db']) => (await verifyLedger(db)).entries;

describeEachDb('the tamper-evident ledger', (suite) => {
  it('chains every entry to the one before and verifies from the first to the head', async () => {
    const before = await entriesOf(suite.db);
    const hashes = await appendFive(suite.db);
    expect(new Set(hashes).size).toBe(5);
    expect((await ledgerHead(suite.db))?.hash).toBe(hashes.at(-1));
    expect(await verifyLedger(suite.db)).toEqual({ ok: true, entries: before + 5, head: hashes.at(-1) });
  });

  it('keeps the chain whole under concurrent writers', async () => {
    const before = await entriesOf(suite.db);
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        suite.db.transaction((tx) => appendLedger(tx, { actorId: null, action: 'catalogue.create', entityType: 'test', entityId: `c${i}` })),
      ),
    );
    const verdict = await verifyLedger(suite.db, 3);
    expect(verdict).toMatchObject({ ok: true, entries: before + 8 });
  });
});

// Each tampering test breaks the chain, so each has a database of its own.
describeEachDb('the ledger with an altered entry', (suite) => {
  it('names the first broken link when a row is altered behind the guard', async () => {
    await appendFive(suite.db);
    await suite.db.execute(sql`alter table audit_ledger disable trigger audit_ledger_append_only`);
    await suite.db.execute(sql`update audit_ledger set after = '{"n": 99}'::jsonb where entity_id = '2' and action = 'catalogue.update'`);
    await suite.db.execute(sql`alter table audit_ledger enable trigger audit_ledger_append_only`);
    const verdict = await verifyLedger(suite.db);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.firstBroken.seq).toBe(3);
    expect(verdict.firstBroken.reason).toMatch(/altered/);
  });
});

describeEachDb('the ledger with a deleted entry', (suite) => {
  it('names the entry after one that was deleted', async () => {
    await appendFive(suite.db);
    expect((await verifyLedger(suite.db)).ok).toBe(true);
    await suite.db.execute(sql`alter table audit_ledger disable trigger audit_ledger_append_only`);
    await suite.db.execute(sql`delete from audit_ledger where entity_id = '3' and action = 'catalogue.update'`);
    await suite.db.execute(sql`alter table audit_ledger enable trigger audit_ledger_append_only`);
    const verdict = await verifyLedger(suite.db);
    expect(verdict).toMatchObject({ ok: false, firstBroken: { seq: 5 } });
    if (!verdict.ok) expect(verdict.firstBroken.reason).toMatch(/removed/);
  });
});
