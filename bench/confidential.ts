import { createEvidence, listEvidence, seedCatalogue, type Database, type DbKind } from '@tracker/db';
import { Keyring, useKeyring } from '@tracker/db/keyring';
import * as t from '@tracker/db/schema';
import { createTestDatabase, createUser, evidenceFields } from '@tracker/db/testing';
import { randomUUID } from 'node:crypto';
import { medianOfSeven, type Measurement } from './measure';

/**
 * A reviewer's evidence list over 1,000 confidential items, sealed as the tracker stores them,
 * against the same items stored in the clear (as before encryption) in a database of their own:
 * the whole list in pages of 100, and a search by a word of the summary.
 */
export async function benchConfidential(kind: DbKind, postgresTemplate: string | null, items = 1000): Promise<Measurement[]> {
  useKeyring(Keyring.random('the benchmark key'));
  const results: Measurement[] = [];
  for (const variant of ['clear', 'sealed'] as const) {
    const database = await createTestDatabase(kind, postgresTemplate);
    try {
      const db = database.db;
      await seedCatalogue(db);
      const monitor = await createUser(db, 'monitor');
      const reviewer = await createUser(db, 'reviewer');
      const fields = (i: number) => evidenceFields({ title: `Testimony ${i} of a survivor`, summary: `Account number ${i} of forced criminality in a compound`, visibility: 'confidential', kind: 'testimony' });
      if (variant === 'sealed') {
        for (let i = 0; i < items; i++) await createEvidence(db, monitor, fields(i));
      } else {
        await fillInTheClear(db, monitor.id, items, fields);
      }
      const listAll = async () => {
        let cursor: string | undefined;
        let n = 0;
        do {
          const page = await listEvidence(db, reviewer, { visibility: 'confidential', limit: 100, ...(cursor ? { cursor } : {}) });
          n += page.items.length;
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        if (n !== items) throw new Error(`listed ${n} of ${items}`);
      };
      const search = async () => {
        const page = await listEvidence(db, reviewer, { q: 'number 777 ', limit: 25 });
        if (page.items.length !== 1) throw new Error(`search found ${page.items.length}`);
      };
      for (const [name, run] of [
        ['list 1,000 confidential', listAll],
        ['search 1,000 confidential', search],
      ] as const) {
        results.push({ name: `${name} (${variant})`, kind, rows: items, ms: await medianOfSeven(run) });
      }
    } finally {
      await database.drop();
    }
  }
  return results;
}

/** The same items as an older version stored them: in the clear, with their links. */
async function fillInTheClear(db: Database, authorId: string, items: number, fields: (i: number) => ReturnType<typeof evidenceFields>) {
  const recs = new Map((await db.select({ id: t.recommendations.id, key: t.recommendations.key }).from(t.recommendations)).map((r) => [r.key, r.id]));
  for (let start = 0; start < items; start += 200) {
    const rows = Array.from({ length: Math.min(200, items - start) }, (_, k) => {
      const { recommendationKeys, siteIds: _s, ...rest } = fields(start + k);
      return { row: { ...rest, id: randomUUID(), status: 'draft' as const, createdBy: authorId, contentChangedBy: authorId }, recommendationKeys };
    });
    await db.insert(t.evidence).values(rows.map((r) => r.row));
    await db.insert(t.evidenceRecommendations).values(rows.flatMap((r) => r.recommendationKeys.map((key) => ({ evidenceId: r.row.id, recommendationId: recs.get(key) as string }))));
  }
}
