import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Outputs } from '../api-types';
import { StateLink } from '../catalogue-text';
import { StatusBadge } from '../components/Status';
import { useFormat } from '../format';
import { useTRPC } from '../trpc';

export type Reply = Outputs['replies']['list'][number];

/** The newest reply per State and recommendation, published on or before the page's date. */
export function latestReplies(rows: readonly Reply[], asOf: string): Map<string, Reply> {
  const latest = new Map<string, Reply>();
  for (const r of rows) {
    if (r.publishedOn > asOf) continue;
    const key = `${r.iso3} ${r.recommendationKey}`;
    const known = latest.get(key);
    if (!known || r.publishedOn > known.publishedOn) latest.set(key, r);
  }
  return latest;
}

/** One reply, beside the verdict: what the State said and claims, and the tracker's answer. */
export function ReplyCard({ reply, withState = false }: { reply: Reply; withState?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="reply">
      <p className="small muted">
        {withState ? (
          <>
            <StateLink iso3={reply.iso3} name={reply.iso3} />{' '}
            ·{' '}
          </>
        ) : null}
        {t(`replies.kind.${reply.kind}`)} · {format.date(reply.publishedOn)} ·{' '}
        <a href={reply.sourceUrl} rel="noopener noreferrer nofollow">
          {t('common.source')}
        </a>
      </p>
      <p>{reply.summary}</p>
      {reply.claimedStatus ? (
        <p className="small">
          {t('replies.claims')} <StatusBadge status={reply.claimedStatus} />
        </p>
      ) : null}
      {reply.answer ? <p className="small tracker-answer">{t('followUp.trackerAnswer', { answer: reply.answer })}</p> : null}
    </div>
  );
}

/** Where a reply is on its page, so the verdict's table can point to it. */
export const replyAnchor = (reply: Pick<Reply, 'iso3' | 'recommendationKey'>) => `reply-${reply.iso3}-${reply.recommendationKey.replaceAll('.', '-')}`;

/** Beside a verified status: that the State replied, and when, linking to what it said. */
export function ReplyPointer({ reply }: { reply: Reply | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!reply) return null;
  return (
    <div className="small">
      <a href={`#${replyAnchor(reply)}`}>{t('replies.latest', { date: format.date(reply.publishedOn) })}</a>
    </div>
  );
}

/** The latest accepted replies as of a date, by `iso3 key`, for the verdict tables. */
export function useLatestReplies(filter: { iso3?: string; recommendationKey?: string }, asOf: string): Map<string, Reply> {
  const trpc = useTRPC();
  const list = useQuery(trpc.replies.list.queryOptions({ ...filter, reviewState: 'accepted' }));
  return latestReplies(list.data ?? [], asOf);
}
