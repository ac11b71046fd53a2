import { useQuery } from '@tanstack/react-query';
import { useMe } from './session';
import { useTRPC } from './trpc';

/** How often the header asks whether something new arrived. */
const POLL_MS = 60_000;

/** The signed-in person's notices (newest first) and how many are unread; nothing for the public. */
export function useNotices(options: { unreadOnly?: boolean } = {}) {
  const trpc = useTRPC();
  const me = useMe();
  return useQuery({
    ...trpc.notifications.list.queryOptions(options.unreadOnly ? { unreadOnly: true } : {}),
    enabled: Boolean(me.data),
    refetchInterval: POLL_MS,
  });
}
