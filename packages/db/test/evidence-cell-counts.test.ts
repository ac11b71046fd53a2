import { AppError } from '@tracker/domain';
import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import {
  createEvidence,
  keptEvidenceCells,
  recountEvidenceCells,
  retractEvidence,
  reviewEvidence,
  submitEvidence,
  updateEvidence,
} from '../src';
import { evidence } from '../src/schema';
import { describeEachDb, evidenceFields, seededTeam, type TestUser } from '../src/testing';

const states = ['KHM', 'MMR', 'LAO', 'THA'] as const;
const keys = ['A.1', 'A.2', 'A.3', 'A.6'] as const;
const visibility = fc.constantFrom('public', 'restricted', 'confidential' as const);
const day = fc.integer({ min: 0, max: 900 }).map((n) => new Date(Date.UTC(2023, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));

/** One step a monitor, a reviewer or an operator might take. */
const step = fc.oneof(
  fc.record({
    kind: fc.constant('create' as const),
    iso3: fc.constantFrom(...states),
    recommendationKeys: fc.uniqueArray(fc.constantFrom(...keys), { minLength: 1, maxLength: 3 }),
    visibility,
    publishedOn: fc.option(day, { nil: undefined }),
    verify: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('retract' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('edit' as const),
    pick: fc.nat(),
    iso3: fc.constantFrom(...states),
    visibility,
    publishedOn: day,
    recommendationKeys: fc.uniqueArray(fc.constantFrom(...keys), { minLength: 1, maxLength: 3 }),
    reverify: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
);

/**
 * The counts the triggers keep must equal a recount from the evidence after any sequence of
 * creates, verifications, edits (which send verified items back to review), link changes,
 * retractions and deletions, for any as-of date.
 */
describeEachDb('evidence counts kept by the database', (suite) => {
  let monitor: TestUser;
  let reviewer: TestUser;
  beforeAll(async () => {
    ({ monitor, reviewer } = await seededTeam(suite.db));
  });

  const verify = async (id: string) => {
    await submitEvidence(suite.db, monitor, id);
    return reviewEvidence(suite.db, reviewer, { id, decision: 'verify', note: 'Checked.' });
  };

  it('agree with a recount after any sequence of writes, as of any date', async () => {
    const ids: string[] = [];
    let verified = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), fc.array(day, { minLength: 1, maxLength: 3 }), async (steps, dates) => {
        for (const s of steps) {
          const id = ids.length ? ids[('pick' in s ? s.pick : 0) % ids.length] : undefined;
          try {
            if (s.kind === 'create') {
              const item = await createEvidence(suite.db, monitor, evidenceFields({ iso3: s.iso3, recommendationKeys: [...s.recommendationKeys], visibility: s.visibility, publishedOn: s.publishedOn }));
              ids.push(item.id);
              if (s.verify) verified += (await verify(item.id)).status === 'verified' ? 1 : 0;
            } else if (s.kind === 'retract' && id) {
              await retractEvidence(suite.db, monitor, { id, reason: 'Withdrawn by the publisher.' });
            } else if (s.kind === 'edit' && id) {
              const [row] = await suite.db.select({ revision: evidence.revision }).from(evidence).where(eq(evidence.id, id));
              await updateEvidence(suite.db, monitor, { id, revision: row?.revision ?? 0, iso3: s.iso3, visibility: s.visibility, publishedOn: s.publishedOn, recommendationKeys: [...s.recommendationKeys] });
              if (s.reverify) await verify(id);
            } else if (s.kind === 'delete' && id) {
              await suite.db.execute(sql`delete from evidence where id = ${id}`);
              ids.splice(ids.indexOf(id), 1);
            }
          } catch (error) {
            // Steps the rules refuse (editing a retracted item, retracting twice…) change nothing.
            if (!(error instanceof AppError)) throw error;
          }
        }
        for (const asOf of [...dates, '2030-01-01']) {
          expect(await keptEvidenceCells(suite.db, asOf)).toEqual(await recountEvidenceCells(suite.db, asOf));
          expect(await keptEvidenceCells(suite.db, asOf, { iso3: 'KHM' })).toEqual(await recountEvidenceCells(suite.db, asOf, { iso3: 'KHM' }));
        }
      }),
      { numRuns: 25, seed: 7 },
    );
    expect(verified).toBeGreaterThan(5);
  });
});
