import { scoreChanges, scorecardMatrix, stateScorecard, type DbKind } from '@tracker/db';
import { createTestDatabase } from '@tracker/db/testing';
import { fillSynthetic } from './synthetic';
import { medianOfSeven, type Measurement } from './measure';

/** Times the scorecard reads on one database kind at one size. */
export async function benchScorecards(kind: DbKind, postgresTemplate: string | null, evidenceRows: number): Promise<Measurement[]> {
  const database = await createTestDatabase(kind, postgresTemplate);
  try {
    const started = performance.now();
    await fillSynthetic(database.db, evidenceRows, Math.round(evidenceRows / 10));
    const fillMs = performance.now() - started;
    const cases: [string, () => Promise<unknown>][] = [
      ['matrix', () => scorecardMatrix(database.db, '2025-06-30')],
      ['state scorecard', () => stateScorecard(database.db, 'KHM', '2025-06-30')],
      ['changes', () => scoreChanges(database.db, '2024-01-01', '2025-06-30')],
    ];
    const results: Measurement[] = [{ name: 'fill', kind, rows: evidenceRows, ms: fillMs }];
    for (const [name, run] of cases) {
      results.push({ name, kind, rows: evidenceRows, ms: await medianOfSeven(run) });
    }
    return results;
  } finally {
    await database.drop();
  }
}
