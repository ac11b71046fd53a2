import { describe, expect, it } from 'vitest';
import { mayCall, procedureAccess, roles, type ProcedurePath } from '../src';

describe('the permission table', () => {
  it('lets anyone, signed in or not, call a public procedure', () => {
    const publicPaths = (Object.keys(procedureAccess) as ProcedurePath[]).filter((p) => procedureAccess[p] === 'public');
    expect(publicPaths.length).toBeGreaterThan(0);
    for (const path of publicPaths) {
      expect(mayCall(path, null)).toBe(true);
      for (const role of roles) expect(mayCall(path, role)).toBe(true);
    }
  });

  it('names only known roles', () => {
    for (const audience of Object.values(procedureAccess) as unknown[]) {
      if (audience === 'public') continue;
      for (const role of audience as string[]) expect(roles).toContain(role);
    }
  });
});
