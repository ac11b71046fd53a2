import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assessmentStatuses,
  cellKey,
  confidenceOf,
  inForce,
  movement,
  reliabilityGrades,
  shiftDate,
  statusScore,
  summarise,
  timelineOf,
  trendOf,
  scoreHeldSince,
  type AssessmentRecord,
  type AssessmentStatus,
} from '../src';

const states = ['KHM', 'MMR', 'LAO'];
const keys = ['A.1', 'A.2', 'A.3'];
const status = fc.constantFrom(...assessmentStatuses);
const day = fc.integer({ min: 0, max: 1000 }).map((n) => shiftDate('2023-01-01', n));
const record = fc.record({
  id: fc.uuid(),
  iso3: fc.constantFrom(...states),
  recommendationKey: fc.constantFrom(...keys),
  status,
  claimedStatus: fc.option(status, { nil: null }),
  effectiveFrom: day,
  createdAt: fc.integer({ min: 0, max: 1e9 }).map((n) => new Date(1.7e12 + n).toISOString()),
  rationale: fc.constant('r'),
});
const history = fc.array(record, { maxLength: 60 });
const allCells = states.flatMap((s) => keys.map((k) => cellKey(s, k)));

/** The obvious, slow definition the fast code must agree with. */
function bruteForceStatus(records: AssessmentRecord[], cell: string, asOf: string): AssessmentStatus | null {
  const candidates = records
    .filter((r) => cellKey(r.iso3, r.recommendationKey) === cell && r.effectiveFrom <= asOf)
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  return candidates.at(-1)?.status ?? null;
}

describe('the methodology', () => {
  it('keeps scores between 0 and 100 and coverage between 0 and 1', () => {
    fc.assert(
      fc.property(fc.array(fc.option(status, { nil: null })), (statuses) => {
        const s = summarise(statuses);
        if (s.score !== null) expect(s.score).toBeGreaterThanOrEqual(0);
        if (s.score !== null) expect(s.score).toBeLessThanOrEqual(100);
        expect(s.coverage).toBeGreaterThanOrEqual(0);
        expect(s.coverage).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('agrees with a brute-force mean and coverage', () => {
    fc.assert(
      fc.property(fc.array(fc.option(status, { nil: null }), { minLength: 1 }), (statuses) => {
        const scores = statuses.map((s) => (s ? statusScore[s] : null)).filter((n): n is number => n !== null);
        const s = summarise(statuses);
        expect(s.assessed).toBe(scores.length);
        expect(s.coverage).toBeCloseTo(scores.length / statuses.length);
        // Scores are rounded to one decimal.
        if (scores.length) expect(Math.abs((s.score ?? NaN) - scores.reduce((a, b) => a + b, 0) / scores.length)).toBeLessThanOrEqual(0.05 + 1e-9);
        else expect(s.score).toBeNull();
      }),
    );
  });

  it('excludes not_assessed from the score and counts it against coverage', () => {
    expect(summarise(['effective', 'not_assessed'])).toMatchObject({ score: 100, coverage: 0.5, assessed: 1, total: 2 });
    expect(summarise(['regressed', 'committed'])).toMatchObject({ score: 12.5, regressed: 1 });
  });

  it('as of a date, uses only records effective on or before it, the latest winning', () => {
    fc.assert(
      fc.property(history, day, (records, asOf) => {
        const cells = inForce(records, asOf);
        for (const r of cells.values()) expect(r.effectiveFrom <= asOf).toBe(true);
        for (const cell of allCells) expect(cells.get(cell)?.status ?? null).toBe(bruteForceStatus(records, cell, asOf));
      }),
    );
  });

  it('builds a timeline whose every point equals the as-of summary on that date', () => {
    fc.assert(
      fc.property(history, (records) => {
        const points = timelineOf(records, allCells);
        expect(points.map((p) => p.date)).toEqual([...new Set(records.map((r) => r.effectiveFrom))].sort());
        for (const point of points) {
          const expected = summarise(allCells.map((cell) => bruteForceStatus(records, cell, point.date)));
          expect({ ...point, date: undefined }).toEqual({ ...expected, date: undefined });
        }
      }),
    );
  });

  it('never lowers confidence when more evidence is added', () => {
    const grade = fc.record({ reliability: fc.constantFrom(...reliabilityGrades), credibility: fc.integer({ min: 1, max: 6 }) });
    const order = ['none', 'low', 'medium', 'high'];
    fc.assert(
      fc.property(fc.array(grade), grade, (grades, extra) => {
        expect(order.indexOf(confidenceOf([...grades, extra]))).toBeGreaterThanOrEqual(order.indexOf(confidenceOf(grades)));
      }),
    );
    expect(confidenceOf([])).toBe('none');
    expect(confidenceOf([{ reliability: 'A', credibility: 1 }, { reliability: 'B', credibility: 2 }])).toBe('high');
    expect(confidenceOf([{ reliability: 'F', credibility: 6 }])).toBe('low');
  });

  it('reports movement symmetrically: up one way is down the other', () => {
    fc.assert(
      fc.property(fc.option(status, { nil: null }), fc.option(status, { nil: null }), (a, b) => {
        const there = movement(a, b);
        const back = movement(b, a);
        const mirror = { up: 'down', down: 'up', same: 'same', assessed: 'unassessed', unassessed: 'assessed' } as const;
        expect(back).toBe(mirror[there]);
      }),
    );
    expect(movement('committed', 'regressed')).toBe('down');
    expect(movement('no_action', 'regressed')).toBe('down');
    expect(movement(null, 'committed')).toBe('assessed');
  });

  it('describes the trend from the earlier score', () => {
    expect(trendOf(50, 25)).toEqual({ previousScore: 25, delta: 25, direction: 'up' });
    expect(trendOf(null, 25).direction).toBe('unknown');
  });

  it('dates an unchanged score from its last change on or before the as-of date', () => {
    const points = [
      { date: '2024-01-01', score: 25 },
      { date: '2024-05-01', score: 25 },
      { date: '2025-03-01', score: 50 },
      { date: '2025-06-01', score: 25 },
      { date: '2026-01-01', score: null },
    ];
    expect(scoreHeldSince(points, '2024-12-31')).toBe('2024-01-01');
    expect(scoreHeldSince(points, '2025-08-01')).toBe('2025-06-01');
    expect(scoreHeldSince(points, '2025-05-31')).toBe('2025-03-01');
    expect(scoreHeldSince(points, '2026-02-01')).toBeNull();
    expect(scoreHeldSince(points, '2023-01-01')).toBeNull();
    expect(scoreHeldSince([], '2025-01-01')).toBeNull();
  });
});
