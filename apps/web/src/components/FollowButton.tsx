import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorText } from '../error-text';
import { useMe } from '../session';
import { useTRPC } from '../trpc';

/**
 * Follow a State or a recommendation: a signed-in person gets a notice (and, if they want, mail)
 * when verified public evidence or an approved assessment concerns it. The public are offered mail
 * about a State instead, without an account.
 */
export function FollowButton({ iso3, recommendationKey, name }: { iso3?: string; recommendationKey?: string; name: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const follows = useQuery({ ...trpc.follows.list.queryOptions(), enabled: Boolean(me.data) });
  const onDone = (data: { states: string[]; recommendations: string[] }) => queryClient.setQueryData(trpc.follows.list.queryKey(), data);
  const add = useMutation(trpc.follows.add.mutationOptions({ onSuccess: onDone }));
  const remove = useMutation(trpc.follows.remove.mutationOptions({ onSuccess: onDone }));
  const target = iso3 ? { iso3 } : { recommendationKey: recommendationKey ?? '' };

  if (me.isPending) return null;
  if (!me.data) {
    return iso3 ? (
      <Link className="button secondary no-print" to={`/subscriptions?iso3=${iso3}`}>
        {t('follow.byMail')}
      </Link>
    ) : null;
  }
  if (!follows.data) return null;
  const following = iso3 ? follows.data.states.includes(iso3) : follows.data.recommendations.includes(recommendationKey ?? '');
  const failed = add.error ?? remove.error;
  return (
    <span className="follow no-print">
      <button
        type="button"
        className={following ? 'secondary' : undefined}
        aria-pressed={following}
        disabled={add.isPending || remove.isPending}
        onClick={() => (following ? remove.mutate(target) : add.mutate(target))}
      >
        {following ? t('follow.following') : t('follow.follow')}
      </button>{' '}
      <span role="status" className="muted small">
        {add.isSuccess && following ? t('follow.started', { name }) : remove.isSuccess && !following ? t('follow.stopped', { name }) : ''}
      </span>
      {failed ? (
        <span role="alert" className="field-error">
          {errorText(failed)}
        </span>
      ) : null}
    </span>
  );
}
