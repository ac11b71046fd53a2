import { beforeAll, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { seedCatalogue } from '../src';
import * as t from '../src/schema';
import { describeEachDb, must } from '../src/testing';

const ZERO = '0'.repeat(64);

/** The database keeps its own invariants, whatever code writes to it. */
describeEachDb('database constraints', (suite) => {
  const author = async () => {
    const [user] = await suite.db
      .insert(t.users)
      .values({ email: `m${Math.random()}@example.org`, displayName: 'Monitor', role: 'monitor' })
      .returning({ id: t.users.id });
    return must(user).id;
  };
  const evidenceRow = (createdBy: string, overrides: Partial<typeof t.evidence.$inferInsert> = {}) => ({
    iso3: 'KHM',
    title: 'Title',
    summary: 'Summary',
    kind: 'media_report' as const,
    direction: 'context' as const,
    language: 'en',
    reliability: 'B' as const,
    credibility: 2,
    visibility: 'public' as const,
    createdBy,
    contentChangedBy: createdBy,
    ...overrides,
  });

  beforeAll(async () => {
    await seedCatalogue(suite.db);
  });

  it('accepts a well-formed evidence row', async () => {
    const id = await author();
    const rows = await suite.db.insert(t.evidence).values(evidenceRow(id)).returning({ id: t.evidence.id });
    expect(rows).toHaveLength(1);
  });

  it('refuses personal data outside confidential visibility', async () => {
    const id = await author();
    await expect(
      suite.db.insert(t.evidence).values(evidenceRow(id, { containsPersonalData: true, visibility: 'restricted' })),
    ).rejects.toThrow();
  });

  it('refuses grades, kinds and URL schemes outside the vocabulary', async () => {
    const id = await author();
    await expect(suite.db.insert(t.evidence).values(evidenceRow(id, { credibility: 7 }))).rejects.toThrow();
    await expect(
      suite.db.insert(t.evidence).values(evidenceRow(id, { reliability: 'G' as 'A' })),
    ).rejects.toThrow();
    await expect(
      suite.db.insert(t.evidence).values(evidenceRow(id, { kind: 'rumour' as 'other' })),
    ).rejects.toThrow();
    await expect(
      suite.db.insert(t.evidence).values(evidenceRow(id, { sourceUrl: 'javascript:alert(1)' })),
    ).rejects.toThrow();
  });

  it('refuses evidence for a State that is not in the catalogue', async () => {
    const id = await author();
    await expect(suite.db.insert(t.evidence).values(evidenceRow(id, { iso3: 'XXX' }))).rejects.toThrow();
  });

  it('refuses coordinates out of range and a latitude without a longitude', async () => {
    const base = { iso3: 'KHM', kind: 'compound' as const, citation: 'test' };
    await expect(suite.db.insert(t.sites).values({ ...base, name: 'a', latitude: 91, longitude: 0 })).rejects.toThrow();
    await expect(suite.db.insert(t.sites).values({ ...base, name: 'b', latitude: 10 })).rejects.toThrow();
  });

  it('refuses an assessment reviewed by its own assessor (four eyes)', async () => {
    const id = await author();
    const [rec] = await suite.db.select({ id: t.recommendations.id }).from(t.recommendations).limit(1);
    await expect(
      suite.db.insert(t.assessments).values({
        iso3: 'KHM',
        recommendationId: must(rec).id,
        status: 'committed',
        rationale: 'r',
        effectiveFrom: '2024-01-01',
        assessorId: id,
        reviewerId: id,
        reviewState: 'approved',
        reviewedAt: new Date(),
      }),
    ).rejects.toThrow();
  });

  it('refuses two users with the same email in different case', async () => {
    await suite.db.insert(t.users).values({ email: 'Same@Example.org', displayName: 'A', role: 'admin' });
    await expect(
      suite.db.insert(t.users).values({ email: 'same@example.org', displayName: 'B', role: 'admin' }),
    ).rejects.toThrow();
  });

  it('keeps the audit ledger append-only: update, delete and truncate are refused', async () => {
    await suite.db.insert(t.auditLedger).values({
      action: 'test',
      entityType: 'test',
      entityId: '1',
      prevHash: ZERO,
      hash: 'a'.repeat(64),
    });
    await expect(suite.db.update(t.auditLedger).set({ action: 'changed' })).rejects.toThrow();
    await expect(suite.db.delete(t.auditLedger)).rejects.toThrow();
    await expect(suite.db.execute(sql`truncate audit_ledger`)).rejects.toThrow();
    const rows = await suite.db.select({ action: t.auditLedger.action }).from(t.auditLedger).where(eq(t.auditLedger.entityType, 'test'));
    expect(rows).toEqual([{ action: 'test' }]);
  });
});
