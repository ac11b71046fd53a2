import { useMutation, useQueryClient } from '@tanstack/react-query';
import { noticePath } from '@tracker/domain/notice-links';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Outputs } from '../api-types';
import { Loadable, SkeletonRows } from '../components/Loadable';
import { RouteGuard } from '../components/RouteGuard';
import { useFormat } from '../format';
import { useNotices } from '../notices';
import { useTRPC } from '../trpc';

type Notice = Outputs['notifications']['list']['items'][number];

export function InboxPage() {
  return (
    <RouteGuard needs="notifications.list" denied={null}>
      {() => <Inbox />}
    </RouteGuard>
  );
}

/** What the tracker told this person: decisions on their work, items awaiting their review, account changes. */
function Inbox() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notices = useNotices();
  const [said, setSaid] = useState('');
  const markRead = useMutation(
    trpc.notifications.markRead.mutationOptions({
      onSuccess: async ({ marked }) => {
        setSaid(t('inbox.marked', { count: marked }));
        await queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() });
      },
    }),
  );
  return (
    <section className="narrow">
      <div className="page-head">
        <div>
          <h1>{t('inbox.title')}</h1>
          <p className="lead">{t('inbox.intro')}</p>
        </div>
        {notices.data && notices.data.unread > 0 ? (
          <button type="button" className="secondary" disabled={markRead.isPending} onClick={() => markRead.mutate({ all: true })}>
            {t('inbox.markAll')}
          </button>
        ) : null}
      </div>
      <p role="status" className="visually-hidden">
        {said}
      </p>
      <Loadable query={notices} skeleton={<SkeletonRows rows={4} />} isEmpty={(d) => d.items.length === 0} empty={t('inbox.empty')}>
        {(d) => (
          <ul className="notices">
            {d.items.map((n) => (
              <NoticeRow key={n.id} notice={n} onRead={() => markRead.mutate({ ids: [n.id] })} />
            ))}
          </ul>
        )}
      </Loadable>
    </section>
  );
}

function NoticeRow({ notice, onRead }: { notice: Notice; onRead: () => void }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const unread = notice.readAt === null;
  const lookup = i18n.t as (key: string, values: Record<string, string>) => string;
  const state = notice.iso3 ? lookup(`place.${notice.iso3}`, { defaultValue: notice.iso3 }) : '';
  const text = lookup(`notice.${notice.kind}`, { count: format.number(notice.count ?? 0), state });
  return (
    <li className={unread ? 'notice-item unread' : 'notice-item'}>
      <p>
        {unread ? <span className="tag tag-warn">{t('inbox.new')}</span> : null}{' '}
        <Link to={`/${noticePath(notice.kind, notice.entityId, notice.iso3)}`} onClick={unread ? onRead : undefined}>
          {text}
        </Link>
      </p>
      <p className="muted small">
        <time dateTime={notice.createdAt}>{format.dateTime(notice.createdAt)}</time>
        {unread ? (
          <>
            {' · '}
            <button type="button" className="link-button" onClick={onRead}>
              {t('inbox.markRead')}
            </button>
          </>
        ) : null}
      </p>
    </li>
  );
}
