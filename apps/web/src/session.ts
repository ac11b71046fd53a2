import { useQuery } from '@tanstack/react-query';
import { mayCall, type ProcedurePath } from '@tracker/domain';
import type { Outputs } from './api-types';
import { useTRPC } from './trpc';

export type Me = NonNullable<Outputs['auth']['me']>;

/** The signed-in user, or null; undefined while loading. */
export function useMe() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.auth.me.queryOptions(), staleTime: 30_000 });
}

/**
 * Whether the signed-in user (or the public) may call a procedure, from the one permission table
 * (packages/domain/src/access.ts): the dashboard asks by capability, never by role name, so a new
 * role gets exactly what the table gives it.
 */
export function useMayCall(): (path: ProcedurePath) => boolean {
  const me = useMe();
  const role = me.data?.role ?? null;
  return (path) => mayCall(path, role);
}

/** The one-time token carried in the address fragment (#token=…), which never reaches server logs. */
export function tokenFromHash(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
}
