import { seedCatalogue } from '@tracker/db';
import * as t from '@tracker/db/schema';
import { createUser, describeEachDb, type evidenceFields, type TestUser, must } from '@tracker/db/testing';
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { callerAs, errorOf, verifiedEvidence } from './support';

describeEachDb('searching and paging the evidence log', (suite) => {
  let monitor: TestUser;
  let reviewer: TestUser;
  const as = (user: TestUser | null) => callerAs(suite.db, user);
  const texts = {
    th: 'ศาลตัดสินจำคุกผู้ค้ามนุษย์ในคดีแก๊งคอลเซ็นเตอร์',
    km: 'តុលាការបានកាត់ទោសជនល្មើសជួញដូរមនុស្ស',
    my: 'လူကုန်ကူးမှုဆိုင်ရာ ဥပဒေသစ်ကို အတည်ပြုခဲ့သည်',
    vi: 'Tòa án xét xử vụ lừa đảo trực tuyến xuyên quốc gia',
  };

  beforeAll(async () => {
    await seedCatalogue(suite.db);
    monitor = await createUser(suite.db, 'monitor');
    reviewer = await createUser(suite.db, 'reviewer');
    const [site] = await suite.db.select({ id: t.sites.id }).from(t.sites).where(eq(t.sites.name, 'Dara Sakor SEZ'));
    for (const [language, title] of Object.entries(texts)) {
      await publish({ title, language, iso3: language === 'th' ? 'THA' : language === 'my' ? 'MMR' : 'KHM', publishedOn: '2025-01-10' });
    }
    for (let i = 0; i < 7; i++) {
      await publish({
        title: `Paging item ${i} about raids`,
        kind: i % 2 ? 'enforcement_action' : 'media_report',
        direction: i % 3 ? 'progress' : 'setback',
        recommendationKeys: [i < 3 ? 'A.5' : 'A.6'],
        siteIds: i === 0 && site ? [site.id] : [],
        publishedOn: `2025-0${i + 1}-15`,
      });
    }
  });

  async function publish(overrides: Parameters<typeof evidenceFields>[0]) {
    await verifiedEvidence(suite.db, monitor, reviewer, overrides);
  }

  it('finds text in Thai, Khmer, Burmese and Vietnamese by a fragment of it', async () => {
    const fragments = { th: 'คอลเซ็นเตอร์', km: 'ជួញដូរមនុស្ស', my: 'ဥပဒေသစ်', vi: 'lừa đảo trực tuyến' };
    for (const [language, fragment] of Object.entries(fragments)) {
      const { items } = await as(null).evidence.list({ q: fragment });
      expect(items.map((e) => e.title), language).toEqual([texts[language as keyof typeof texts]]);
    }
  });

  it('matches case-insensitively and treats % and _ literally', async () => {
    expect((await as(null).evidence.list({ q: 'PAGING ITEM 3' })).items).toHaveLength(1);
    expect((await as(null).evidence.list({ q: '%' })).items).toHaveLength(0);
    expect((await as(null).evidence.list({ q: 'Paging_item' })).items).toHaveLength(0);
  });

  it('pages newest first with a cursor, without repeats or gaps', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await as(null).evidence.list({ q: 'Paging item', limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((e) => e.title));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([6, 5, 4, 3, 2, 1, 0].map((i) => `Paging item ${i} about raids`));
  });

  it('refuses a forged cursor with a clear message', async () => {
    const error = await errorOf(as(null).evidence.list({ cursor: 'not-a-cursor' }));
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
    expect(error.message).toMatch(/cursor/);
  });

  it('filters by State, recommendation, site, kind, direction, status and date range', async () => {
    const count = async (filter: Parameters<ReturnType<typeof as>['evidence']['list']>[0]) =>
      (await as(reviewer).evidence.list({ q: 'Paging item', limit: 100, ...filter })).items.length;
    expect(await count({ recommendationKey: 'A.5' })).toBe(3);
    expect(await count({ kind: 'enforcement_action' })).toBe(3);
    expect(await count({ direction: 'setback' })).toBe(3);
    expect(await count({ iso3: 'KHM' })).toBe(7);
    expect(await count({ iso3: 'THA' })).toBe(0);
    expect(await count({ status: 'verified' })).toBe(7);
    expect(await count({ status: 'draft' })).toBe(0);
    expect(await count({ visibility: 'public' })).toBe(7);
    expect(await count({ publishedFrom: '2025-03-01', publishedTo: '2025-05-31' })).toBe(3);
    const [site] = await suite.db.select({ id: t.sites.id }).from(t.sites).where(eq(t.sites.name, 'Dara Sakor SEZ'));
    expect(await count({ siteId: must(site).id })).toBe(1);
  });
});
