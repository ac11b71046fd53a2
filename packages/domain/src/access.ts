import type { Role } from './vocabulary';

/** Who may call a procedure: anyone, or only signed-in users holding one of the listed roles. */
export type Audience = 'public' | readonly Role[];

const staff = ['admin', 'reviewer', 'monitor'] as const satisfies readonly Role[];
const signedIn = [...staff, 'policymaker'] as const satisfies readonly Role[];

/**
 * The permission table. Every procedure of the API is listed here and takes its guard from this
 * table, so a procedure that is not listed cannot be built (deny by default), and the permission
 * tests walk this one table.
 */
export const procedureAccess = {
  'catalogue.frameworks': 'public',
  'catalogue.recommendations': 'public',
  'catalogue.recommendation': 'public',
  'states.list': 'public',
  'states.get': 'public',
  'sites.list': 'public',
  'indicators.series': 'public',
} as const satisfies Record<string, Audience>;

export type ProcedurePath = keyof typeof procedureAccess;

export const audiences = { staff, signedIn } as const;

export function mayCall(path: ProcedurePath, role: Role | null): boolean {
  const audience = procedureAccess[path] as Audience;
  if (audience === 'public') return true;
  return role !== null && audience.includes(role);
}
