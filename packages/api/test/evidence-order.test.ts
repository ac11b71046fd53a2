import { seedCatalogue } from '@tracker/db';
import { createUser, describeEachDb, evidenceFields, type TestUser } from '@tracker/db/testing';
import { evidenceSorts, type EvidenceSort } from '@tracker/domain';
import { beforeAll, expect, it } from 'vitest';
import { callerAs, errorOf, verifiedEvidence } from './support';

type Overrides = Parameters<typeof evidenceFields>[0];

/** Items logged in an order unlike their publication dates, with ties, undated ones and grades. */
const items: (Overrides & { title: string })[] = [
  { title: 'Order D 2025-05-01 B3', publishedOn: '2025-05-01', reliability: 'B', credibility: 3, iso3: 'THA', kind: 'media_report' },
  { title: 'Order undated one A1', publishedOn: null, reliability: 'A', credibility: 1, direction: 'setback' },
  { title: 'Order A 2024-01-10 C2', publishedOn: '2024-01-10', reliability: 'C', credibility: 2, recommendationKeys: ['A.5'] },
  { title: 'Order C 2025-05-01 A2', publishedOn: '2025-05-01', reliability: 'A', credibility: 2, kind: 'media_report' },
  { title: 'Order E 2026-02-14 B2', publishedOn: '2026-02-14', reliability: 'B', credibility: 2, iso3: 'MMR', recommendationKeys: ['A.5', 'A.6'] },
  { title: 'Order undated two A1', publishedOn: null, reliability: 'A', credibility: 1, iso3: 'THA' },
  { title: 'Order B 2024-11-30 A1', publishedOn: '2024-11-30', reliability: 'A', credibility: 1, direction: 'setback' },
];

describeEachDb('the order of the evidence list, and how many items each filter finds', (suite) => {
  let monitor: TestUser;
  let reviewer: TestUser;
  const as = (user: TestUser | null) => callerAs(suite.db, user);
  /** Logged order: each title with the time it was logged, so ties on the date are told apart. */
  const logged: string[] = [];

  beforeAll(async () => {
    await seedCatalogue(suite.db);
    monitor = await createUser(suite.db, 'monitor');
    reviewer = await createUser(suite.db, 'reviewer');
    for (const item of items) {
      await verifiedEvidence(suite.db, monitor, reviewer, item);
      logged.push(item.title);
    }
    // What the public must never count: a confidential testimony (sealed at rest) and a draft.
    await verifiedEvidence(suite.db, monitor, reviewer, { title: 'Order sealed testimony', summary: 'A survivor describes the compound.', visibility: 'confidential', containsPersonalData: true, kind: 'testimony', publishedOn: '2025-06-01' });
    await as(monitor).evidence.create(evidenceFields({ title: 'Order draft not yet submitted', publishedOn: '2025-07-01' }));
  });

  const titles = async (sort: EvidenceSort | undefined, limit: number, user: TestUser | null = null) => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await as(user).evidence.list({ q: 'Order ', limit, ...(sort ? { sort } : {}), ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((e) => e.title));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return seen;
  };
  const laterLoggedFirst = (a: string, b: string) => logged.indexOf(b) - logged.indexOf(a);

  it('lists newest publication first by default, undated items last, ties in the order they were logged (latest first)', async () => {
    expect(await titles(undefined, 100)).toEqual([
      'Order E 2026-02-14 B2',
      ...['Order D 2025-05-01 B3', 'Order C 2025-05-01 A2'].sort(laterLoggedFirst),
      'Order B 2024-11-30 A1',
      'Order A 2024-01-10 C2',
      ...['Order undated one A1', 'Order undated two A1'].sort(laterLoggedFirst),
    ]);
    expect(await titles('newest', 100)).toEqual(await titles(undefined, 100));
  });

  it('lists oldest first, undated items still last', async () => {
    expect(await titles('oldest', 100)).toEqual([
      'Order A 2024-01-10 C2',
      'Order B 2024-11-30 A1',
      ...['Order D 2025-05-01 B3', 'Order C 2025-05-01 A2'].sort((a, b) => -laterLoggedFirst(a, b)),
      'Order E 2026-02-14 B2',
      ...['Order undated one A1', 'Order undated two A1'].sort((a, b) => -laterLoggedFirst(a, b)),
    ]);
  });

  it('lists the best graded first: reliability, then credibility, then newest', async () => {
    expect(await titles('best_graded', 100)).toEqual([
      'Order B 2024-11-30 A1',
      ...['Order undated one A1', 'Order undated two A1'].sort(laterLoggedFirst),
      'Order C 2025-05-01 A2',
      'Order E 2026-02-14 B2',
      'Order D 2025-05-01 B3',
      'Order A 2024-01-10 C2',
    ]);
  });

  it('pages every order a page at a time without repeats or gaps, across ties and undated items', async () => {
    for (const sort of evidenceSorts) {
      for (const limit of [1, 2, 3]) expect(await titles(sort, limit), `${sort} by ${limit}`).toEqual(await titles(sort, 100));
    }
    // The reviewer's list holds the sealed testimony, searched once opened, in its place.
    for (const sort of evidenceSorts) {
      const all = await titles(sort, 100, reviewer);
      expect(all).toContain('Order sealed testimony');
      expect(await titles(sort, 2, reviewer), sort).toEqual(all);
    }
  });

  it('refuses a cursor given for another order, or forged, with a clear message', async () => {
    const page = await as(null).evidence.list({ q: 'Order ', limit: 2, sort: 'oldest' });
    const cursor = page.nextCursor ?? '';
    for (const bad of [
      { sort: 'best_graded' as const, cursor },
      { cursor },
      { sort: 'oldest' as const, cursor: Buffer.from(JSON.stringify(['oldest', "2024-01-01'; drop table evidence; --", '2024-01-01T00:00:00.000Z', 'x'])).toString('base64url') },
      { sort: 'oldest' as const, cursor: Buffer.from(JSON.stringify(['oldest', null])).toString('base64url') },
      { cursor: 'not-a-cursor' },
    ]) {
      const error = await errorOf(as(null).evidence.list(bad));
      expect(error).toMatchObject({ code: 'BAD_REQUEST' });
      expect(error.message).toMatch(/cursor/);
    }
    await expect(as(null).evidence.list({ sort: 'loudest' as EvidenceSort })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('counts the items the filters find, and per facet what each value would find with the other filters kept', async () => {
    const facets = await as(null).evidence.facets({ q: 'Order ' });
    expect(facets.total).toBe(items.length);
    expect(facets.iso3).toEqual([
      { value: 'KHM', count: 4 },
      { value: 'MMR', count: 1 },
      { value: 'THA', count: 2 },
    ]);
    expect(facets.recommendationKey).toEqual([
      { value: 'A.2', count: 5 },
      { value: 'A.5', count: 2 },
      { value: 'A.6', count: 1 },
    ]);
    expect(facets.direction).toEqual([
      { value: 'progress', count: 5 },
      { value: 'setback', count: 2 },
    ]);
    // With a State chosen, the State facet still offers the others; the rest count within it.
    const thai = await as(null).evidence.facets({ q: 'Order ', iso3: 'THA' });
    expect(thai.total).toBe(2);
    expect(thai.iso3).toEqual(facets.iso3);
    expect(thai.kind).toEqual([
      { value: 'law_regulation', count: 1 },
      { value: 'media_report', count: 1 },
    ]);
  });

  it('each count is what the list finds with that value chosen', async () => {
    const filter = { q: 'Order ', direction: 'progress' } as const;
    const facets = await as(reviewer).evidence.facets(filter);
    for (const facet of ['iso3', 'recommendationKey', 'kind', 'direction'] as const) {
      for (const { value, count } of facets[facet]) {
        const { items: found } = await as(reviewer).evidence.list({ ...filter, [facet]: value, limit: 100 });
        expect(found, `${facet}=${value}`).toHaveLength(count);
      }
    }
    expect((await as(reviewer).evidence.list({ ...filter, limit: 100 })).items).toHaveLength(facets.total);
  });

  it('counts only what the reader may see: the sealed testimony for a reviewer, never for the public; its ciphertext never matches', async () => {
    expect((await as(null).evidence.facets({ q: 'survivor describes' })).total).toBe(0);
    expect((await as(reviewer).evidence.facets({ q: 'survivor describes' })).total).toBe(1);
    expect((await as(reviewer).evidence.facets({ q: 'survivor describes' })).kind).toEqual([{ value: 'testimony', count: 1 }]);
    expect((await as(reviewer).evidence.facets({ q: 'enc:v1:' })).total).toBe(0);
    expect((await as(null).evidence.facets({ q: 'Order draft' })).total).toBe(0);
    expect((await as(monitor).evidence.facets({ q: 'Order draft', mine: true })).total).toBe(1);
    const everything = await as(null).evidence.facets();
    expect(everything.kind.find((k) => k.value === 'testimony')).toBeUndefined();
  });
});
