import { seedCatalogue } from '@tracker/db';
import { createUser, describeEachDb, evidenceFields, type TestUser } from '@tracker/db/testing';
import { mayCall, procedureAccess, roles, type ProcedurePath, type Role } from '@tracker/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { appRouter, guardMessages } from '../src';
import { callerAs } from './support';

const missing = '00000000-0000-4000-8000-000000000000';

/** A well-formed input for every procedure; a procedure missing here fails to compile. */
const sampleInput: Record<ProcedurePath, unknown> = {
  'catalogue.frameworks': undefined,
  'catalogue.recommendations': undefined,
  'catalogue.recommendation': { key: 'A.1' },
  'states.list': undefined,
  'states.get': { iso3: 'KHM' },
  'sites.list': {},
  'indicators.series': {},
  'evidence.list': {},
  'evidence.get': { id: missing },
  'evidence.create': evidenceFields(),
  'evidence.update': { id: missing, title: 'A new title' },
  'evidence.submit': { id: missing },
  'evidence.attach': { id: missing, filename: 'a.txt', contentBase64: 'aGVsbG8=' },
  'evidence.review': { id: missing, decision: 'verify', note: 'ok' },
  'evidence.retract': { id: missing, reason: 'withdrawn by the publisher' },
  'evidence.revisions': { id: missing },
  'assessments.history': {},
  'assessments.propose': { iso3: 'KHM', recommendationKey: 'A.1', status: 'committed', rationale: 'A plan was published.', effectiveFrom: '2025-01-01', evidenceIds: [] },
  'assessments.review': { id: missing, decision: 'approve', note: 'ok' },
  'scorecards.state': { iso3: 'KHM' },
  'scorecards.matrix': {},
  'scorecards.recommendation': { key: 'A.1' },
  'scorecards.timeline': {},
  'scorecards.changes': { since: '2024-01-01' },
  'auth.login': { email: 'nobody@example.org', password: 'not the password' },
  'auth.logout': undefined,
  'auth.me': undefined,
  'auth.setup': { token: 'a'.repeat(43), email: 'first@example.org', displayName: 'First', password: 'a long enough password' },
  'auth.resetPassword': { token: 'a'.repeat(43), password: 'a long enough password' },
  'auth.changePassword': { currentPassword: 'wrong', newPassword: 'a new long enough password' },
  'users.list': undefined,
  'users.create': { email: 'new.user@example.org', displayName: 'New user', role: 'monitor' },
  'users.update': { id: missing, displayName: 'Renamed' },
  'users.resetLink': { id: missing },
  'audit.head': undefined,
  'audit.verify': undefined,
  'audit.list': {},
};

describe('the permission table and the router', () => {
  it('list exactly the same procedures: none unguarded, none stale', () => {
    const routed = Object.keys(appRouter._def.procedures).sort();
    expect(routed).toEqual(Object.keys(procedureAccess).sort());
  });
});

describeEachDb('every procedure × every role', (suite) => {
  const users = new Map<Role, TestUser>();

  beforeAll(async () => {
    await seedCatalogue(suite.db);
    for (const role of roles) users.set(role, await createUser(suite.db, role));
  });

  async function outcome(path: ProcedurePath, user: TestUser | null): Promise<string> {
    const [namespace, name] = path.split('.') as [string, string];
    const caller = callerAs(suite.db, user) as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
    try {
      await caller[namespace]?.[name]?.(sampleInput[path]);
      return 'ok';
    } catch (error) {
      const { code, message } = error as { code?: string; message?: string };
      // Only the access guard's own refusals count; a procedure may answer 401/403 for its own reasons.
      if (message === guardMessages.signIn) return 'GUARD_UNAUTHORIZED';
      if (message === guardMessages.role) return 'GUARD_FORBIDDEN';
      return code ?? 'error';
    }
  }

  for (const path of Object.keys(procedureAccess) as ProcedurePath[]) {
    it(`${path} admits exactly the roles the table lists`, async () => {
      const anonymous = await outcome(path, null);
      if (mayCall(path, null)) expect(anonymous, 'public').not.toMatch(/^GUARD_/);
      else expect(anonymous, 'public').toBe('GUARD_UNAUTHORIZED');
      for (const role of roles) {
        const result = await outcome(path, users.get(role) ?? null);
        if (mayCall(path, role)) expect(result, role).not.toMatch(/^GUARD_|INTERNAL/);
        else expect(result, role).toBe('GUARD_FORBIDDEN');
      }
    });
  }
});
