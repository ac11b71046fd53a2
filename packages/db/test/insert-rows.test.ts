import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { seedCatalogue } from '../src';
import { insertRows } from '../src/queries/insert-rows';
import * as t from '../src/schema';
import { createUser, describeEachDb, type TestUser } from '../src/testing';

describeEachDb('inserting many rows as one JSON parameter', (suite) => {
  let author: TestUser;
  beforeAll(async () => {
    await seedCatalogue(suite.db);
    author = await createUser(suite.db, 'monitor');
  });

  const row = (title: string, overrides: Partial<typeof t.evidence.$inferInsert> = {}): typeof t.evidence.$inferInsert => ({
    id: randomUUID(),
    iso3: 'KHM',
    title,
    summary: 'Summary with "quotes", \\backslashes\\, a comma, and a newline\nthat stays',
    kind: 'media_report',
    direction: 'context',
    sourceUrl: null,
    publisher: 'ស្ថាប័ន · สำนักข่าว · 新闻 · 🙂',
    publishedOn: '2025-02-28',
    language: 'km',
    reliability: 'B',
    credibility: 2,
    visibility: 'public',
    status: 'submitted',
    submittedAt: new Date('2025-03-01T10:11:12.345Z'),
    pendingChange: null,
    createdBy: author.id,
    contentChangedBy: author.id,
    ...overrides,
  });

  it('stores what a Drizzle insert of the same rows stores, defaults included', async () => {
    const viaDrizzle = [row('Drizzle one'), row('Drizzle two', { sourceUrl: 'https://example.org/a?b=1&c=%20', publishedOn: null })];
    const viaJson = viaDrizzle.map((r) => ({ ...r, id: randomUUID(), title: r.title.replace('Drizzle', 'JSON') }));
    await suite.db.insert(t.evidence).values(viaDrizzle);
    await insertRows(suite.db, t.evidence, viaJson);
    const read = async (ids: string[]) =>
      (await suite.db.select().from(t.evidence).where(inArray(t.evidence.id, ids))).map(({ id: _id, title, createdAt, updatedAt, ...rest }) => {
        // Defaults were applied (now(), false, 1), not left null.
        expect(createdAt).toBeInstanceOf(Date);
        expect(updatedAt).toBeInstanceOf(Date);
        return { title: title.replace(/^(Drizzle|JSON)/, ''), ...rest };
      });
    const a = await read(viaDrizzle.map((r) => r.id as string));
    const b = await read(viaJson.map((r) => r.id as string));
    expect(b.sort((x, y) => x.title.localeCompare(y.title))).toEqual(a.sort((x, y) => x.title.localeCompare(y.title)));
    expect(b[0]?.revision).toBe(1);
    expect(b[0]?.containsPersonalData).toBe(false);
  });

  it('takes JSON columns as values, not as strings of JSON', async () => {
    const id = randomUUID();
    const reviewer = await createUser(suite.db, 'reviewer');
    const change = { title: 'Proposed', keys: ['A.1', 'A.2'], nested: { n: 1, quote: '"' } };
    await insertRows(suite.db, t.evidence, [row('Pending', { id, status: 'verified', reviewedBy: reviewer.id, reviewedAt: new Date(), pendingChange: change, pendingBy: author.id, pendingAt: new Date() })]);
    const [stored] = await suite.db.select({ pendingChange: t.evidence.pendingChange }).from(t.evidence).where(eq(t.evidence.id, id));
    expect(stored?.pendingChange).toEqual(change);
  });

  it('refuses rows of different shapes rather than writing nulls over defaults, and writes nothing', async () => {
    const before = (await suite.db.select({ id: t.evidence.id }).from(t.evidence)).length;
    const { publisher: _p, ...withoutPublisher } = row('Short');
    await expect(insertRows(suite.db, t.evidence, [row('Full'), withoutPublisher])).rejects.toThrow(/every row must give publisher/);
    await expect(insertRows(suite.db, t.evidence, [withoutPublisher, row('Full')])).rejects.toThrow(/same columns/);
    expect((await suite.db.select({ id: t.evidence.id }).from(t.evidence)).length).toBe(before);
  });

  it('keeps the constraints and triggers of an ordinary insert', async () => {
    await expect(insertRows(suite.db, t.evidence, [row('Bad scheme', { sourceUrl: 'javascript:alert(1)' })])).rejects.toThrow();
    await expect(insertRows(suite.db, t.evidence, [row('Unknown State', { iso3: 'ZZZ' })])).rejects.toThrow();
    // Nothing to insert is nothing to do.
    await insertRows(suite.db, t.evidence, []);
  });
});
