import { seedCatalogue } from '@tracker/db';
import { createUser, describeEachDb, evidenceFields, type TestUser } from '@tracker/db/testing';
import { beforeAll, expect, it } from 'vitest';
import { approvedAssessment, callerAs, errorOf, verifiedEvidence } from './support';

describeEachDb('assessments', (suite) => {
  let monitor: TestUser;
  let reviewer: TestUser;
  let secondReviewer: TestUser;
  let policymaker: TestUser;
  let support: string;
  const as = (user: TestUser | null) => callerAs(suite.db, user);

  const publish = async (overrides: Parameters<typeof evidenceFields>[0]) => (await verifiedEvidence(suite.db, monitor, reviewer, overrides)).id;
  const proposal = (overrides: Record<string, unknown> = {}) => ({
    iso3: 'KHM',
    recommendationKey: 'A.2',
    status: 'framework_adopted' as const,
    rationale: 'The amended law is in force and covers forced criminality.',
    effectiveFrom: '2025-03-01',
    evidenceIds: [support],
    ...overrides,
  });

  beforeAll(async () => {
    await seedCatalogue(suite.db);
    monitor = await createUser(suite.db, 'monitor');
    reviewer = await createUser(suite.db, 'reviewer');
    secondReviewer = await createUser(suite.db, 'reviewer');
    policymaker = await createUser(suite.db, 'policymaker');
    support = await publish({ recommendationKeys: ['A.2'] });
  });

  it('a monitor proposes a judgement resting on verified evidence, and gets it back with its id', async () => {
    const proposed = await as(monitor).assessments.propose(proposal({ claimedStatus: 'effective' }));
    expect(proposed).toMatchObject({ reviewState: 'proposed', status: 'framework_adopted', claimedStatus: 'effective', evidenceIds: [support] });
    expect(proposed.evidenceCounts).toEqual({ public: 1, restricted: 0, confidential: 0 });
  });

  it('refuses evidence that is unverified, about another State or not linked to the recommendation', async () => {
    const draft = await as(monitor).evidence.create(evidenceFields());
    const otherState = await publish({ iso3: 'THA' });
    const otherRec = await publish({ recommendationKeys: ['A.7'] });
    for (const id of [draft.id, otherState, otherRec]) {
      const error = await errorOf(as(monitor).assessments.propose(proposal({ evidenceIds: [id] })));
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.message).toMatch(/^evidenceIds: /);
    }
    expect((await errorOf(as(monitor).assessments.propose(proposal({ status: 'excellent' })))).message).toMatch(/status/);
    expect((await errorOf(as(monitor).assessments.propose(proposal({ effectiveFrom: '2025-13-01' })))).message).toMatch(/effectiveFrom/);
  });

  it('needs a monitor, reviewer or admin to propose, and a reviewer to decide', async () => {
    expect((await errorOf(as(null).assessments.propose(proposal()))).code).toBe('UNAUTHORIZED');
    expect((await errorOf(as(policymaker).assessments.propose(proposal()))).code).toBe('FORBIDDEN');
    const proposed = await as(monitor).assessments.propose(proposal());
    expect((await errorOf(as(monitor).assessments.review({ id: proposed.id, decision: 'approve', note: 'fine' }))).code).toBe('FORBIDDEN');
  });

  it('four eyes: the proposer cannot approve their own proposal; another reviewer can', async () => {
    const proposed = await as(reviewer).assessments.propose(proposal());
    expect((await errorOf(as(reviewer).assessments.review({ id: proposed.id, decision: 'approve', note: 'mine' }))).code).toBe('FORBIDDEN');
    const approved = await as(secondReviewer).assessments.review({ id: proposed.id, decision: 'approve', note: 'Agreed.' });
    expect(approved.reviewState).toBe('approved');
    const third = await createUser(suite.db, 'admin');
    expect((await errorOf(as(third).assessments.review({ id: proposed.id, decision: 'return', note: 'late' }))).code).toBe('CONFLICT');
  });

  it('keeps the history: the public sees approved judgements only, staff see returned ones too', async () => {
    const approved = await approvedAssessment(suite.db, monitor, reviewer, proposal());
    const returned = await as(monitor).assessments.propose(proposal({ recommendationKey: 'A.2', iso3: 'KHM', rationale: 'Returned rationale text here.' }));
    await as(reviewer).assessments.review({ id: returned.id, decision: 'return', note: 'Cite the implementing decree too.' });
    const publicHistory = await as(null).assessments.history({ iso3: 'KHM', recommendationKey: 'A.2' });
    expect(publicHistory.every((a) => a.reviewState === 'approved')).toBe(true);
    expect(publicHistory.some((a) => a.id === returned.id)).toBe(false);
    expect(publicHistory.some((a) => a.id === approved.id)).toBe(true);
    expect(publicHistory[0]).not.toHaveProperty('assessorId');
    const staffHistory = await as(reviewer).assessments.history({ iso3: 'KHM', recommendationKey: 'A.2' });
    expect(staffHistory.find((a) => a.id === returned.id)).toMatchObject({ reviewState: 'returned', reviewNote: 'Cite the implementing decree too.' });
  });

  it('of two reviewers deciding at once, exactly one wins', async () => {
    const proposed = await as(monitor).assessments.propose(proposal());
    const outcomes = await Promise.allSettled([
      as(reviewer).assessments.review({ id: proposed.id, decision: 'approve', note: 'first' }),
      as(secondReviewer).assessments.review({ id: proposed.id, decision: 'return', note: 'second' }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const lost = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect((lost?.reason as { code: string }).code).toBe('CONFLICT');
  });
});
