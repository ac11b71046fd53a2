import { beforeAll, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { hasCatalogue, listIndicatorSeries, listRecommendations, listSites, listStates, seedCatalogue, seedDemo } from '../src';
import * as t from '../src/schema';
import { describeEachDb } from '../src/testing';

describeEachDb('a new database', (suite) => {
  it('starts empty, so a first start knows to seed', async () => {
    expect(await hasCatalogue(suite.db)).toBe(false);
  });
});

// Every test below reads the seeded catalogue and may run in any order.
describeEachDb('seeding the catalogue', (suite) => {
  beforeAll(async () => {
    await seedCatalogue(suite.db);
  });

  it('loads the seven recommendations A.1 to A.7, each with a paraphrase and addressees', async () => {
    const recs = await listRecommendations(suite.db);
    expect(recs.map((r) => r.key)).toEqual(['A.1', 'A.2', 'A.3', 'A.4', 'A.5', 'A.6', 'A.7']);
    for (const r of recs) {
      expect(r.paraphrase.length).toBeGreaterThan(100);
      expect(r.addressees.length).toBeGreaterThan(0);
      expect(r.sourceLocator).toMatch(/OHCHR \(2023\)/);
    }
  });

  it('names the destination and transit States and the origin jurisdictions the source lists', async () => {
    const states = await listStates(suite.db);
    const roles = Object.fromEntries(states.map((s) => [s.iso3, s.roles]));
    for (const iso3 of ['KHM', 'MMR', 'LAO', 'PHL']) expect(roles[iso3]).toContain('destination');
    expect(roles['THA']).toContain('transit');
    for (const iso3 of ['IDN', 'MYS', 'SGP', 'VNM', 'CHN', 'BGD', 'IND', 'NPL', 'PAK', 'ETH', 'KEN', 'TZA', 'EGY', 'TUR', 'BRA']) {
      expect(roles[iso3]).toEqual(['origin']);
    }
    expect(states.find((s) => s.iso3 === 'LAO')?.name).toBe("Lao People's Democratic Republic");
  });

  it('places the named sites in their States with a status and a citation', async () => {
    const sites = await listSites(suite.db);
    const names = sites.map((s) => `${s.iso3}:${s.name}`);
    for (const expected of ['KHM:Dara Sakor SEZ', 'KHM:Henge Thmorda SEZ', 'MMR:Shwe Kokko', 'LAO:Golden Triangle SEZ', 'PHL:Clark Freeport Zone']) {
      expect(names).toContain(expected);
    }
    for (const site of sites) {
      expect(site.status?.status).toBe('reported_active');
      expect(site.citation).toMatch(/OHCHR/);
    }
    const cambodia = await listSites(suite.db, { iso3: 'KHM' });
    expect(cambodia.every((s) => s.iso3 === 'KHM')).toBe(true);
  });

  it('records the figures the source gives, with their qualifiers', async () => {
    const series = await listIndicatorSeries(suite.db);
    const value = (key: string, iso3: string, on?: string) =>
      series
        .find((s) => s.key === key)
        ?.observations.find((o) => o.iso3 === iso3 && (!on || o.observedOn.startsWith(on)));
    expect(value('people_held_estimate', 'MMR')).toMatchObject({ value: 120000, qualifier: 'at_least' });
    expect(value('people_held_estimate', 'KHM')).toMatchObject({ value: 100000, qualifier: 'at_least' });
    expect(value('casinos', 'KHM', '2014')?.value).toBe(57);
    expect(value('casinos', 'KHM', '2019')?.value).toBe(150);
    expect(value('licensed_pogos', 'PHL')).toMatchObject({ value: 30, qualifier: 'over' });
    const myanmarOnly = await listIndicatorSeries(suite.db, { iso3: 'MMR' });
    expect(myanmarOnly.map((s) => s.key)).toEqual(['people_held_estimate']);
  });

  it('invents nothing: the default seed has no evidence, assessments or users', async () => {
    for (const table of [t.evidence, t.assessments, t.users]) {
      const [row] = await suite.db.select({ n: count() }).from(table);
      expect(row?.n).toBe(0);
    }
  });

  it('is idempotent: seeding again adds nothing', async () => {
    const before = await listSites(suite.db);
    const report = await seedCatalogue(suite.db);
    expect(Object.values(report.inserted).every((n) => n === 0)).toBe(true);
    expect(await listSites(suite.db)).toHaveLength(before.length);
    expect(await hasCatalogue(suite.db)).toBe(true);
  });

});

describeEachDb('the demo data set', (suite) => {
  beforeAll(async () => {
    await seedCatalogue(suite.db);
  });

  it('adds a demo set that is flagged as demo everywhere, once', async () => {
    const first = await seedDemo(suite.db);
    expect(first.skipped).toBe(false);
    expect(first.evidence).toBeGreaterThan(0);
    const second = await seedDemo(suite.db);
    expect(second.skipped).toBe(true);

    const evidence = await suite.db.select({ isDemo: t.evidence.isDemo, title: t.evidence.title, kind: t.evidence.kind, visibility: t.evidence.visibility }).from(t.evidence);
    // Confidential demo items are sealed like any confidential item.
    expect(evidence.every((e) => e.isDemo && (e.title.startsWith('[Demo]') || (e.visibility === 'confidential' && e.title.startsWith('enc:v1:'))))).toBe(true);
    expect(evidence.some((e) => e.title.startsWith('enc:v1:'))).toBe(true);
    expect(new Set(evidence.map((e) => e.kind)).size).toBe(10);
    expect(new Set(evidence.map((e) => e.visibility))).toEqual(new Set(['public', 'restricted', 'confidential']));

    const assessments = await suite.db.select({ isDemo: t.assessments.isDemo, iso3: t.assessments.iso3, effectiveFrom: t.assessments.effectiveFrom }).from(t.assessments);
    expect(assessments.every((a) => a.isDemo)).toBe(true);
    expect(new Set(assessments.map((a) => a.iso3))).toEqual(new Set(['KHM', 'MMR', 'LAO', 'PHL', 'THA']));
    const dates = assessments.map((a) => a.effectiveFrom).sort();
    expect(Number(dates.at(-1)?.slice(0, 4)) - Number(dates[0]?.slice(0, 4))).toBeGreaterThanOrEqual(1);

    const users = await suite.db.select({ isDemo: t.users.isDemo, active: t.users.active, passwordHash: t.users.passwordHash }).from(t.users).where(eq(t.users.isDemo, true));
    expect(users.length).toBe(2);
    expect(users.every((u) => !u.active && u.passwordHash === null)).toBe(true);
  });
});
