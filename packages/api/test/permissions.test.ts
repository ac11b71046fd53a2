import { seedCatalogue } from '@tracker/db';
import { createUser, describeEachDb, type TestUser } from '@tracker/db/testing';
import { mayCall, procedureAccess, roles, type ProcedurePath, type Role } from '@tracker/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { appRouter, guardMessages } from '../src';
import { sampleInput } from '../src/testing';
import { callerAs } from './support';

describe('the permission table and the router', () => {
  it('list exactly the same procedures: none unguarded, none stale', () => {
    const routed = Object.keys(appRouter._def.procedures).sort();
    expect(routed).toEqual(Object.keys(procedureAccess).sort());
  });

  it('publish over REST only public queries, as GET', () => {
    const published = Object.entries(appRouter._def.procedures).flatMap(([path, procedure]) => {
      const def = (procedure as unknown as { _def: { type: string; meta?: { openapi?: { method: string } } } })._def;
      return def.meta?.openapi ? [{ path, type: def.type, method: def.meta.openapi.method }] : [];
    });
    expect(published.length).toBeGreaterThan(10);
    for (const p of published) {
      expect(procedureAccess[p.path as ProcedurePath], p.path).toBe('public');
      expect([p.type, p.method], p.path).toEqual(['query', 'GET']);
    }
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
