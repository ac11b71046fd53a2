import { exportCatalogue, seedCatalogue } from '@tracker/db';
import * as t from '@tracker/db/schema';
import { createTestDatabase, createUser, describeEachDb, type TestUser, must } from '@tracker/db/testing';
import type { CatalogueDocument } from '@tracker/domain';
import { eq } from 'drizzle-orm';
import { beforeAll, expect, inject, it } from 'vitest';
import { callerAs, errorOf } from './support';

describeEachDb('catalogue import and export', (suite) => {
  let admin: TestUser;
  let original: CatalogueDocument;
  const as = (user: TestUser | null) => callerAs(suite.db, user);

  beforeAll(async () => {
    admin = await createUser(suite.db, 'admin');
    await seedCatalogue(suite.db);
    original = await as(null).catalogue.export();
  });

  it('exports the seeded catalogue as one document anyone can fetch', () => {
    expect(original.frameworks).toHaveLength(1);
    expect(original.frameworks[0]?.groups[0]?.recommendations.map((r) => r.key)).toEqual(['A.1', 'A.2', 'A.3', 'A.4', 'A.5', 'A.6', 'A.7']);
  });

  it('re-importing the same document changes nothing', async () => {
    const current = await as(null).catalogue.export();
    const items = current.frameworks.reduce((n, f) => n + 1 + f.groups.reduce((m, g) => m + 1 + g.recommendations.length, 0), 0);
    expect(items).toBeGreaterThanOrEqual(9);
    expect(await as(admin).catalogue.import(current)).toEqual({ created: 0, updated: 0, unchanged: items });
  });

  it('adds another group of the paper and updates an edited paraphrase, each change in the ledger', async () => {
    const doc = structuredClone(original);
    const framework = must(doc.frameworks[0]);
    must(must(framework.groups[0]).recommendations[0]).paraphrase = 'An edited paraphrase of the first recommendation, in the tracker’s own words.';
    framework.groups.push({
      key: 'B',
      title: 'Protection of victims',
      recommendations: [
        { key: 'B.1', title: 'Screen for trafficking before any penalty', paraphrase: 'States should identify people forced into scam operations as victims before treating them as offenders.', addressees: ['all'], sdgTargets: ['16.2'], sourceLocator: 'section B' },
      ],
    });
    expect(await as(admin).catalogue.import(doc)).toEqual({ created: 2, updated: 1, unchanged: 8 });
    const keys = (await as(null).catalogue.recommendations()).map((r) => r.key);
    expect(keys).toEqual(['A.1', 'A.2', 'A.3', 'A.4', 'A.5', 'A.6', 'A.7', 'B.1']);
    expect((await as(null).catalogue.recommendation({ key: 'A.1' })).paraphrase).toMatch(/^An edited paraphrase/);
    const entries = await suite.db.select({ action: t.auditLedger.action }).from(t.auditLedger).where(eq(t.auditLedger.actorId, admin.id));
    expect(entries.map((e) => e.action).sort()).toEqual(['catalogue.create', 'catalogue.create', 'catalogue.update']);
  });

  it('round-trips into an empty database exactly', async () => {
    const doc = await exportCatalogue(suite.db);
    const fresh = await createTestDatabase(suite.kind, inject('postgresTemplate'));
    try {
      const freshAdmin = await createUser(fresh.db, 'admin');
      await callerAs(fresh.db, freshAdmin).catalogue.import(doc);
      expect(await exportCatalogue(fresh.db)).toEqual(doc);
    } finally {
      await fresh.drop();
    }
  });

  it('refuses invalid documents, duplicate keys and keys owned by another framework, and non-admins', async () => {
    const bad = structuredClone(original);
    must(bad.frameworks[0]).url = 'ftp://example.org';
    const invalid = await errorOf(as(admin).catalogue.import(bad));
    expect(invalid).toMatchObject({ code: 'BAD_REQUEST' });
    expect(invalid.message).toMatch(/frameworks\.0\.url: /);

    const twice = structuredClone(original);
    const group = must(must(twice.frameworks[0]).groups[0]);
    group.recommendations.push({ ...must(group.recommendations[0]) });
    expect((await errorOf(as(admin).catalogue.import(twice))).message).toMatch(/appears twice/);

    const stolen = structuredClone(original);
    must(stolen.frameworks[0]).slug = 'another-framework';
    expect((await errorOf(as(admin).catalogue.import(stolen))).code).toBe('CONFLICT');
    expect((await as(null).catalogue.frameworks()).map((f) => f.slug)).toEqual(['ohchr-2023-scam-trafficking']);

    const monitor = await createUser(suite.db, 'monitor');
    expect((await errorOf(as(monitor).catalogue.import(original))).code).toBe('FORBIDDEN');
  });
});
