import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from './trpc';

/**
 * What each kind of change makes stale, in one place: after a write the dashboard refetches the
 * answers it can have changed, not everything. A change of who is signed in changes every answer.
 */
export function useInvalidate() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const stale = (...keys: readonly (readonly unknown[])[]) => Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey }))).then(() => undefined);
  return {
    /** Evidence written, reviewed, retracted or erased: its lists and pages, and the scores and histories that count it. */
    evidence: () => stale(trpc.evidence.pathKey(), trpc.assessments.pathKey(), trpc.scorecards.pathKey(), trpc.indicators.pathKey()),
    /** An assessment proposed or decided: histories and every scorecard. */
    assessments: () => stale(trpc.assessments.pathKey(), trpc.scorecards.pathKey()),
    /** A State's reply or commitment entered, decided, met or withdrawn. */
    followUp: () => stale(trpc.replies.pathKey(), trpc.commitments.pathKey()),
    /** A submission from outside triaged: the queue, and the evidence a conversion made. */
    intake: () => stale(trpc.intake.pathKey(), trpc.evidence.pathKey()),
    /** Accounts and the second-factor rules per role. */
    users: () => stale(trpc.users.pathKey()),
    /** The signed-in account's own settings (name, second factor). */
    account: () => stale(trpc.auth.me.queryKey()),
    /** Someone signed in or out: every answer may differ. */
    session: () => queryClient.invalidateQueries(),
  };
}
