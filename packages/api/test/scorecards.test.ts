import { approvedHistory, scorecardMatrix, seedCatalogue, seedDemo } from '@tracker/db';
import { createUser, describeEachDb, type evidenceFields, type TestUser } from '@tracker/db/testing';
import { cellKey, inForce, shiftDate, type AssessmentProposeInput } from '@tracker/domain';
import { beforeAll, expect, it } from 'vitest';
import { approvedAssessment, callerAs, errorOf, verifiedEvidence } from './support';

const SECRET = 'CONFIDENTIAL-MARKER-7731';

describeEachDb('scorecards from the assessment history', (suite) => {
  let monitor: TestUser;
  let reviewer: TestUser;
  const as = (user: TestUser | null) => callerAs(suite.db, user);

  const publish = async (overrides: Parameters<typeof evidenceFields>[0]) => (await verifiedEvidence(suite.db, monitor, reviewer, overrides)).id;
  const approve = (input: AssessmentProposeInput) => approvedAssessment(suite.db, monitor, reviewer, input);

  beforeAll(async () => {
    await seedCatalogue(suite.db);
    monitor = await createUser(suite.db, 'monitor');
    reviewer = await createUser(suite.db, 'reviewer');
    const law = await publish({ recommendationKeys: ['A.2'], publishedOn: '2023-12-01', reliability: 'A', credibility: 2 });
    const testimony = await publish({
      recommendationKeys: ['A.2'],
      publishedOn: '2025-02-01',
      kind: 'testimony',
      containsPersonalData: true,
      visibility: 'confidential',
      title: `${SECRET} survivor account`,
      summary: `${SECRET} names and places`,
      reliability: 'B',
      credibility: 2,
    });
    await approve({ iso3: 'KHM', recommendationKey: 'A.2', status: 'committed', rationale: 'A national plan commits to amending the law.', effectiveFrom: '2024-01-01', evidenceIds: [law] });
    await approve({
      iso3: 'KHM',
      recommendationKey: 'A.2',
      status: 'framework_adopted',
      claimedStatus: 'effective',
      rationale: 'The amended law is in force; survivors report it is not yet applied.',
      effectiveFrom: '2025-03-01',
      evidenceIds: [law, testimony],
    });
    await approve({ iso3: 'KHM', recommendationKey: 'A.6', status: 'regressed', rationale: 'Training programme cancelled and trainers dismissed.', effectiveFrom: '2025-06-01', evidenceIds: [] });
    await approve({ iso3: 'MMR', recommendationKey: 'A.5', status: 'no_action', rationale: 'No oversight of businesses in the border zones.', effectiveFrom: '2024-06-01', evidenceIds: [] });
    // Proposed but never approved: must not count anywhere.
    await as(monitor).assessments.propose({ iso3: 'KHM', recommendationKey: 'A.7', status: 'effective', rationale: 'Pending review of this one.', effectiveFrom: '2024-02-01', evidenceIds: [] });
  });

  it('scores a State as of a date from approved judgements only, with coverage', async () => {
    const early = await as(null).scorecards.state({ iso3: 'KHM', asOf: '2024-06-30' });
    expect(early).toMatchObject({ score: 25, assessed: 1, total: 7, regressed: 0, methodologyVersion: expect.any(String) });
    expect(early.coverage).toBeCloseTo(1 / 7);
    const late = await as(null).scorecards.state({ iso3: 'KHM', asOf: '2025-12-31' });
    expect(late).toMatchObject({ score: 25, assessed: 2, regressed: 1 });
    const before = await as(null).scorecards.state({ iso3: 'KHM', asOf: '2023-12-31' });
    expect(before).toMatchObject({ score: null, assessed: 0, coverage: 0 });
    expect(before.recommendations.every((r) => r.status === null)).toBe(true);
  });

  it('shows the claim beside the verified status, confidence and evidence counts by visibility', async () => {
    const card = await as(null).scorecards.state({ iso3: 'KHM', asOf: '2025-12-31' });
    const a2 = card.recommendations.find((r) => r.recommendationKey === 'A.2');
    expect(a2).toMatchObject({ status: 'framework_adopted', claimedStatus: 'effective', claimGap: true, confidence: 'medium' });
    expect(a2?.evidence).toEqual({ public: 1, restricted: 0, confidential: 1 });
    expect(card.recommendations.find((r) => r.recommendationKey === 'A.6')).toMatchObject({ status: 'regressed', confidence: 'none' });
    const earlier = await as(null).scorecards.state({ iso3: 'KHM', asOf: '2024-06-30' });
    expect(earlier.recommendations.find((r) => r.recommendationKey === 'A.2')?.evidence).toEqual({ public: 1, restricted: 0, confidential: 0 });
  });

  it('reports the trend against the score half a year earlier', async () => {
    const card = await as(null).scorecards.state({ iso3: 'KHM', asOf: '2025-04-01' });
    expect(card.trend).toMatchObject({ previousScore: 25, delta: 25, direction: 'up', since: shiftDate('2025-04-01', -180) });
  });

  it('says since when the score is unchanged from its last change, as the chart draws it, not from the start of the window', async () => {
    // 25 (2024-01-01), 50 (2025-03-01), back to 25 (2025-06-01): as of August it equals the score
    // of February, but it has only held since June.
    const august = await as(null).scorecards.state({ iso3: 'KHM', asOf: '2025-08-01' });
    expect(august.trend).toMatchObject({ direction: 'flat', since: shiftDate('2025-08-01', -180), unchangedSince: '2025-06-01' });
    const points = (await as(null).scorecards.timeline({ iso3: 'KHM' })).points.filter((p) => p.date <= '2025-08-01');
    expect(points.at(-1)).toMatchObject({ date: '2025-06-01', score: august.score });
    expect(points.filter((p) => p.date > '2025-06-01')).toEqual([]);
    const april = await as(null).scorecards.state({ iso3: 'KHM', asOf: '2025-04-01' });
    expect(april.trend.unchangedSince).toBe('2025-03-01');
    expect((await as(null).scorecards.state({ iso3: 'KHM', asOf: '2023-12-31' })).trend.unchangedSince).toBeNull();
    expect((await as(null).scorecards.state({ iso3: 'MMR', asOf: '2025-12-31' })).trend.unchangedSince).toBe('2024-06-01');
  });

  it('never lets confidential content into anything public, only the count', async () => {
    const outputs = await Promise.all([
      as(null).scorecards.state({ iso3: 'KHM', asOf: '2025-12-31' }),
      as(null).scorecards.matrix({ asOf: '2025-12-31' }),
      as(null).scorecards.recommendation({ key: 'A.2', asOf: '2025-12-31' }),
      as(null).scorecards.changes({ since: '2023-01-01' }),
      as(null).scorecards.timeline({ iso3: 'KHM' }),
      as(null).assessments.history({ iso3: 'KHM' }),
      as(null).evidence.list({ limit: 100 }),
    ]);
    for (const output of outputs) expect(JSON.stringify(output)).not.toContain(SECRET);
    const history = outputs[5];
    const latest = history.find((a) => a.status === 'framework_adopted');
    expect(latest?.evidenceCounts).toEqual({ public: 1, restricted: 0, confidential: 1 });
    expect(latest?.evidenceIds).toHaveLength(1);
  });

  it('gives every State × recommendation cell in one matrix, with regional scores', async () => {
    const matrix = await as(null).scorecards.matrix({ asOf: '2025-12-31' });
    expect(matrix.cells).toHaveLength(20 * 7);
    expect(matrix.cells.find((c) => c.iso3 === 'KHM' && c.recommendationKey === 'A.7')?.status).toBeNull();
    const a2 = matrix.recommendations.find((r) => r.key === 'A.2');
    expect(a2?.regional).toMatchObject({ score: 50, assessed: 1, total: 20 });
    expect(matrix.overall).toMatchObject({ assessed: 3, regressed: 1 });
    expect(matrix.states.find((s) => s.iso3 === 'MMR')?.summary).toMatchObject({ score: 0, assessed: 1 });
  });

  it('answers what changed between two dates, up or down, and why', async () => {
    const { changes } = await as(null).scorecards.changes({ since: '2024-12-31', until: '2025-12-31' });
    expect(changes.map((c) => [c.iso3, c.recommendationKey, c.from, c.to, c.movement])).toEqual([
      ['KHM', 'A.2', 'committed', 'framework_adopted', 'up'],
      ['KHM', 'A.6', null, 'regressed', 'assessed'],
    ]);
    expect(changes[0]?.why?.rationale).toMatch(/amended law is in force/);
    expect((await errorOf(as(null).scorecards.changes({ since: '2025-01-01', until: '2024-01-01' }))).message).toMatch(/until/);
  });

  it('draws the timeline of a State, a recommendation and the region', async () => {
    const khm = await as(null).scorecards.timeline({ iso3: 'KHM' });
    expect(khm.points.map((p) => [p.date, p.score, p.assessed])).toEqual([
      ['2024-01-01', 25, 1],
      ['2025-03-01', 50, 1],
      ['2025-06-01', 25, 2],
    ]);
    const a5 = await as(null).scorecards.timeline({ key: 'A.5' });
    expect(a5.points).toEqual([{ date: '2024-06-01', score: 0, coverage: 1 / 20, assessed: 1, total: 20, regressed: 0 }]);
    expect((await as(null).scorecards.timeline({})).points).toHaveLength(4);
  });

  it('shows one recommendation across States', async () => {
    const card = await as(null).scorecards.recommendation({ key: 'A.2', asOf: '2025-12-31' });
    expect(card.states).toHaveLength(20);
    expect(card.states.find((s) => s.iso3 === 'KHM')).toMatchObject({ status: 'framework_adopted', name: 'Cambodia' });
    expect((await errorOf(as(null).scorecards.recommendation({ key: 'Z.1' }))).code).toBe('NOT_FOUND');
    expect((await errorOf(as(null).scorecards.state({ iso3: 'FRA' }))).code).toBe('NOT_FOUND');
  });

});

// Adds history of its own, so it has a database of its own.
describeEachDb('scorecard queries', (suite) => {
  it('runs the same small number of queries however much history there is', async () => {
    await seedCatalogue(suite.db);
    const monitor = await createUser(suite.db, 'monitor');
    const reviewer = await createUser(suite.db, 'reviewer');
    await approvedAssessment(suite.db, monitor, reviewer, { iso3: 'KHM', recommendationKey: 'A.2', status: 'committed', rationale: 'A national plan commits to amending the law.', effectiveFrom: '2024-01-01', evidenceIds: [] });
    const { queries: few } = await suite.countQueries(() => scorecardMatrix(suite.db, '2025-12-31'));
    for (const iso3 of ['LAO', 'PHL', 'THA']) {
      for (const key of ['A.1', 'A.3', 'A.4']) {
        await approvedAssessment(suite.db, monitor, reviewer, { iso3, recommendationKey: key, status: 'implementing', rationale: 'Bulk judgement for the query test.', effectiveFrom: '2025-01-01', evidenceIds: [] });
      }
    }
    const { queries: many } = await suite.countQueries(() => scorecardMatrix(suite.db, '2025-12-31'));
    expect(many).toBe(few);
    expect(few).toBeLessThanOrEqual(6);
  });
});

describeEachDb('scorecards agree with recomputation from the full history', (suite) => {
  beforeAll(async () => {
    await seedCatalogue(suite.db);
    await seedDemo(suite.db);
  });

  it('matches a brute-force as-of over the demo history on many dates', async () => {
    const history = await approvedHistory(suite.db);
    expect(history.length).toBeGreaterThan(50);
    for (let d = 0; d <= 800; d += 40) {
      const asOf = shiftDate('2024-10-01', d);
      const expected = inForce(history, asOf);
      const matrix = await scorecardMatrix(suite.db, asOf);
      for (const cell of matrix.cells) {
        expect(cell.status, `${cell.iso3} ${cell.recommendationKey} on ${asOf}`).toBe(expected.get(cellKey(cell.iso3, cell.recommendationKey))?.status ?? null);
      }
    }
  });
});
