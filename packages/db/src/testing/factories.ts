import type { AssessmentProposeInput, EvidenceCreateInput, Role, Viewer } from '@tracker/domain';
import { createHash } from 'node:crypto';
import type { Database } from '../client';
import { proposeAssessment, reviewAssessment } from '../queries/assessments';
import { attachToEvidence, createEvidence, reviewEvidence, submitEvidence } from '../queries/evidence';
import { users } from '../schema';
import { seedCatalogue } from '../seed';

let sequence = 0;

export interface TestUser extends Viewer {
  email: string;
  displayName: string;
  totpEnabled: boolean;
  mustEnrollTotp: boolean;
}

/** A user of the given role; no password, since tests build their context directly. */
export async function createUser(db: Database, role: Role, name = `${role} ${++sequence}`): Promise<TestUser> {
  const email = `${role}.${Date.now().toString(36)}.${++sequence}@example.org`;
  const [row] = await db.insert(users).values({ email, displayName: name, role }).returning({ id: users.id });
  if (!row) throw new Error('user insert returned nothing');
  return { id: row.id, role, email, displayName: name, totpEnabled: false, mustEnrollTotp: false };
}

/** A valid evidence input; override what the test is about. */
export function evidenceFields(overrides: Partial<EvidenceCreateInput> = {}): EvidenceCreateInput {
  return {
    iso3: 'KHM',
    recommendationKeys: ['A.2'],
    siteIds: [],
    title: 'Parliament adopts amendments to the anti-trafficking law',
    summary: 'The amendments define forced criminality as a form of exploitation.',
    kind: 'law_regulation',
    direction: 'progress',
    sourceUrl: 'https://example.org/law',
    publisher: 'Official Gazette',
    publishedOn: '2025-03-01',
    language: 'en',
    reliability: 'A',
    credibility: 2,
    visibility: 'public',
    containsPersonalData: false,
    ...overrides,
  };
}

/** The value, or a failure naming what was missing: tests and benchmarks say so instead of `!`. */
export function must<T>(value: T | null | undefined, what = 'a value'): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}, found none`);
  return value;
}

/**
 * Evidence the public can see (when its visibility allows): created by `author` (with an attachment
 * if given), submitted, and verified by `reviewer`. Returns the verified item.
 */
export async function verifiedEvidence(
  db: Database,
  author: Viewer,
  reviewer: Viewer,
  overrides: Partial<EvidenceCreateInput> = {},
  { note = 'Source checked against the original.', attachment }: { note?: string; attachment?: { filename: string; bytes: Buffer; mediaType: string } } = {},
) {
  const draft = await createEvidence(db, author, evidenceFields(overrides));
  if (attachment) await attachToEvidence(db, author, draft.id, { ...attachment, sha256: createHash('sha256').update(attachment.bytes).digest('hex') });
  await submitEvidence(db, author, draft.id);
  return reviewEvidence(db, reviewer, { id: draft.id, decision: 'verify', note });
}

/** An assessment proposed by `assessor` and approved by `reviewer`. */
export async function approvedAssessment(db: Database, assessor: Viewer, reviewer: Viewer, input: AssessmentProposeInput, note = 'Agreed.') {
  const proposed = await proposeAssessment(db, assessor, input);
  return reviewAssessment(db, reviewer, { id: proposed.id, decision: 'approve', note });
}

/** The catalogue seeded, and a monitor and a reviewer to log and verify evidence: most suites start here. */
export async function seededTeam(db: Database): Promise<{ monitor: TestUser; reviewer: TestUser }> {
  await seedCatalogue(db);
  return { monitor: await createUser(db, 'monitor'), reviewer: await createUser(db, 'reviewer') };
}
