import { procedureAccess } from '@tracker/domain';
import { describe, expect, it } from 'vitest';
import { appRouter } from '../src';

describe('the permission table and the router', () => {
  it('list exactly the same procedures: none unguarded, none stale', () => {
    const routed = Object.keys(appRouter._def.procedures).sort();
    expect(routed).toEqual(Object.keys(procedureAccess).sort());
  });
});
