import type { EvidenceCreateInput, Role, Viewer } from '@tracker/domain';
import type { Database } from '../client';
import { users } from '../schema';

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
