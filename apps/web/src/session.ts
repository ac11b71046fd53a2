import { useQuery } from '@tanstack/react-query';
import { useTRPC } from './trpc';

/** The signed-in user, or null; undefined while loading. */
export function useMe() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.auth.me.queryOptions(), staleTime: 30_000 });
}

/** The one-time token carried in the address fragment (#token=…), which never reaches server logs. */
export function tokenFromHash(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
}
