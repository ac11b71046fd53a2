import { readCacheOf, seedCatalogue } from '@tracker/db';
import { createUser, describeEachDb, evidenceFields, type TestUser } from '@tracker/db/testing';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { approvedAssessment, callerAs, verifiedEvidence } from './support';

const states = ['KHM', 'MMR', 'THA'] as const;
const keys = ['A.1', 'A.2', 'A.6'] as const;
const MARKER = 'NOT-FOR-THE-PUBLIC';

/** One write of each kind that can change a public answer, by any path into the database. */
const write = fc.oneof(
  fc.record({ kind: fc.constant('publish' as const), iso3: fc.constantFrom(...states), key: fc.constantFrom(...keys), visibility: fc.constantFrom('public' as const, 'restricted' as const) }),
  fc.record({ kind: fc.constant('assess' as const), iso3: fc.constantFrom(...states), key: fc.constantFrom(...keys), status: fc.constantFrom('committed' as const, 'implementing' as const, 'regressed' as const) }),
  fc.record({ kind: fc.constant('retract' as const) }),
  fc.record({ kind: fc.constant('propose-change' as const) }),
  fc.record({ kind: fc.constant('translate' as const), text: fc.string({ minLength: 1, maxLength: 30 }) }),
  fc.record({ kind: fc.constant('draft' as const) }),
  fc.record({ kind: fc.constant('sql' as const), name: fc.constantFrom('Cambodia', 'Kingdom of Cambodia') }),
);

describeEachDb('the read cache of public answers', (suite) => {
  let monitor: TestUser;
  let reviewer: TestUser;
  let otherReviewer: TestUser;
  let admin: TestUser;
  const published: string[] = [];
  let day = 0;

  beforeAll(async () => {
    await seedCatalogue(suite.db);
    monitor = await createUser(suite.db, 'monitor');
    reviewer = await createUser(suite.db, 'reviewer');
    otherReviewer = await createUser(suite.db, 'reviewer');
    admin = await createUser(suite.db, 'admin');
  });

  const publicReads: [string, () => Promise<unknown>][] = [
    ['scorecards.matrix', () => callerAs(suite.db, null).scorecards.matrix({})],
    ['scorecards.state', () => callerAs(suite.db, null).scorecards.state({ iso3: 'KHM' })],
    ['scorecards.recommendation', () => callerAs(suite.db, null).scorecards.recommendation({ key: 'A.2' })],
    ['scorecards.timeline', () => callerAs(suite.db, null).scorecards.timeline({})],
    ['scorecards.changes', () => callerAs(suite.db, null).scorecards.changes({ since: '2020-01-01' })],
    ['evidence.list', () => callerAs(suite.db, null).evidence.list({ limit: 100 })],
    ['evidence.list KHM', () => callerAs(suite.db, null).evidence.list({ iso3: 'KHM', limit: 100 })],
    ['assessments.history', () => callerAs(suite.db, null).assessments.history({})],
    ['states.list', () => callerAs(suite.db, null).states.list()],
    ['states.get', () => callerAs(suite.db, null).states.get({ iso3: 'KHM' })],
    ['catalogue.translations', () => callerAs(suite.db, null).catalogue.translations({ language: 'th' })],
    ['catalogue.recommendations', () => callerAs(suite.db, null).catalogue.recommendations()],
  ];

  async function apply(step: typeof write extends fc.Arbitrary<infer T> ? T : never) {
    const date = `2025-${String((day % 12) + 1).padStart(2, '0')}-${String((day++ % 27) + 1).padStart(2, '0')}`;
    switch (step.kind) {
      case 'publish': {
        const item = await verifiedEvidence(suite.db, monitor, reviewer, { iso3: step.iso3, recommendationKeys: [step.key], visibility: step.visibility, publishedOn: date, title: step.visibility === 'public' ? `Published ${date}` : `${MARKER} ${date}` });
        if (step.visibility === 'public') published.push(item.id);
        return;
      }
      case 'assess':
        await approvedAssessment(suite.db, monitor, reviewer, { iso3: step.iso3, recommendationKey: step.key, status: step.status, rationale: 'Judged for the read-cache test.', effectiveFrom: date, evidenceIds: [] });
        return;
      case 'retract': {
        const id = published.pop();
        if (id) await callerAs(suite.db, reviewer).evidence.retract({ id, reason: 'Withdrawn by the publisher.' });
        return;
      }
      case 'propose-change': {
        const id = published.at(-1);
        if (!id) return;
        const item = await callerAs(suite.db, monitor).evidence.get({ id });
        await callerAs(suite.db, monitor).evidence.update({ id, revision: item.revision ?? 1, title: `Corrected ${date}` });
        await callerAs(suite.db, otherReviewer).evidence.review({ id, decision: 'verify', note: 'The correction is right.' });
        return;
      }
      case 'translate':
        await callerAs(suite.db, admin).catalogue.setTranslation({ language: 'th', entity: 'recommendation', key: 'A.1', field: 'title', text: step.text });
        return;
      case 'draft':
        await callerAs(suite.db, monitor).evidence.create(evidenceFields({ title: `${MARKER} draft`, publishedOn: date }));
        return;
      case 'sql':
        // A writer outside the data functions (an operator's fix, a restore) is caught by the database.
        await suite.db.execute(sql`update states set name = ${step.name} where iso3 = 'KHM'`);
        return;
    }
  }

  it('answers every public read as a fresh computation would, after every kind of write', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 5 }), async (steps) => {
        for (const step of steps) {
          for (const [, read] of publicReads) await read(); // warm: every answer is now cached
          await apply(step);
          for (const [name, read] of publicReads) {
            const cached = await read();
            readCacheOf(suite.db).clear();
            expect(cached, `${name} after ${step.kind}`).toEqual(await read());
          }
        }
      }),
      { numRuns: 8, seed: 20261202 },
    );
  });

  it('serves repeated public reads from the cache, and never caches or serves answers for those who read more', async () => {
    await verifiedEvidence(suite.db, monitor, reviewer, { visibility: 'restricted', title: `${MARKER} restricted` });
    const cache = readCacheOf(suite.db);
    cache.clear();
    const first = await callerAs(suite.db, null).evidence.list({ limit: 100 });
    expect(cache.size).toBe(1);
    const hits = cache.hits;
    expect(await callerAs(suite.db, null).evidence.list({ limit: 100 })).toEqual(first);
    expect(cache.hits).toBe(hits + 1);
    const asReviewer = await callerAs(suite.db, reviewer).evidence.list({ limit: 100 });
    expect(asReviewer.items.some((e) => e.title.includes(MARKER))).toBe(true);
    expect(cache.size).toBe(1);
    expect(cache.hits).toBe(hits + 1);
    expect(first.items.some((e) => e.title.includes(MARKER))).toBe(false);
    expect((await callerAs(suite.db, null).evidence.list({ limit: 100 })).items.some((e) => e.title.includes(MARKER))).toBe(false);
  });
});
