import type { Database } from '@tracker/db';
import { evidenceFields, type TestUser } from '@tracker/db/testing';
import type { AssessmentProposeInput } from '@tracker/domain';
import { createCaller, createContextInner } from '../src';

/** A caller acting as `user`, or as the public when null: the way a signed-in client would call. */
export function callerAs(db: Database, user: TestUser | null) {
  return createCaller(createContextInner({ db, user }));
}

/** Settles a promise to its error (or fails the test if it resolved). */
export async function errorOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

type EvidenceOverrides = Parameters<typeof evidenceFields>[0];

/**
 * Evidence as the public sees it: created and submitted by `author`, verified by `reviewer`, through
 * the procedures. Returns the reviewer's answer (the verified item).
 */
export async function verifiedEvidence(db: Database, author: TestUser, reviewer: TestUser, overrides: EvidenceOverrides = {}, note = 'Source checked against the original.') {
  const draft = await callerAs(db, author).evidence.create(evidenceFields(overrides));
  await callerAs(db, author).evidence.submit({ id: draft.id });
  return callerAs(db, reviewer).evidence.review({ id: draft.id, decision: 'verify', note });
}

/** An assessment proposed by `assessor` and approved by `reviewer`, through the procedures. */
export async function approvedAssessment(db: Database, assessor: TestUser, reviewer: TestUser, input: AssessmentProposeInput, note = 'Agreed.') {
  const proposed = await callerAs(db, assessor).assessments.propose(input);
  return callerAs(db, reviewer).assessments.review({ id: proposed.id, decision: 'approve', note });
}
