import { useInfiniteQuery } from '@tanstack/react-query';
import type { EvidenceListInput } from '@tracker/domain';
import type React from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Outputs } from '../api-types';
import { useFormat } from '../format';
import { useTRPCClient } from '../trpc';
import { SkeletonRows } from './Loadable';

type Filter = Omit<Partial<EvidenceListInput>, 'cursor'>;
export type EvidenceItem = Outputs['evidence']['list']['items'][number];

/** An evidence list with "load more", for any filter; newest publication first unless the filter sorts it otherwise. */
/** `edit` links items to the workspace form instead of their public page. */
export function EvidenceList({ filter, empty, edit = false }: { filter: Filter; empty: string; edit?: boolean }) {
  const { t } = useTranslation();
  const client = useTRPCClient();
  // Paged by hand: tRPC's own infinite queries add a `direction` input, which is one of our filters.
  const pages = useInfiniteQuery({
    queryKey: ['evidence.list', filter],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => client.evidence.list.query({ ...filter, limit: filter.limit ?? 20, ...(pageParam ? { cursor: pageParam } : {}) }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  if (pages.isPending) return <SkeletonRows rows={4} />;
  if (pages.isError) {
    return (
      <div role="alert" className="notice notice-error">
        {t('common.loadFailed')} <button type="button" onClick={() => void pages.refetch()}>{t('common.retry')}</button>
      </div>
    );
  }
  const items = pages.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <div className="notice">{empty}</div>;
  return (
    <>
      <ul className="evidence-list">
        {items.map((e) => (
          <EvidenceRow key={e.id} item={e} href={edit ? `/workspace/evidence/${e.id}` : undefined} />
        ))}
      </ul>
      {pages.hasNextPage ? (
        <button type="button" className="secondary" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
          {pages.isFetchingNextPage ? t('common.loading') : t('evidence.loadMore')}
        </button>
      ) : null}
    </>
  );
}

export function EvidenceRow({ item, href, children }: { item: EvidenceItem; href?: string | undefined; children?: React.ReactNode }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <li className={`evidence-item direction-${item.direction}`} data-published={item.publishedOn ?? ''} data-grade={`${item.reliability}${item.credibility}`}>
      <p className="evidence-meta">
        <span className={`tag direction-tag-${item.direction}`}>{t(`direction.${item.direction}`)}</span>
        <span className="tag">{t(`kind.${item.kind}`)}</span>
        {item.visibility !== 'public' ? <span className="tag tag-warn">{t(`visibility.${item.visibility}`)}</span> : null}
        {item.status !== 'verified' ? <span className="tag tag-warn">{t(`evidenceStatus.${item.status}`)}</span> : null}
        {item.isDemo ? <span className="tag tag-demo">{t('common.demo')}</span> : null}
        {item.retraction ? <span className="tag tag-warn">{t('evidence.retracted')}</span> : null}
        {item.erasure ? <span className="tag tag-warn">{t('evidence.erased')}</span> : null}
      </p>
      <h3>
        <Link to={href ?? `/evidence/${item.id}`}>{item.erasure ? t('evidencePage.erasedTitle') : item.title}</Link>
      </h3>
      <p className="muted">
        {item.iso3} · {item.recommendationKeys.join(', ')}
        {item.publishedOn ? ` · ${format.date(item.publishedOn)}` : ''}
        {item.publisher ? ` · ${item.publisher}` : ''} · {t('evidence.grade', { reliability: item.reliability, credibility: item.credibility })}
      </p>
      {children}
    </li>
  );
}
