import type { UseQueryResult } from '@tanstack/react-query';
import { useDeferredValue, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../error-text';

/** What Loadable reads of a query: a plain or an infinite (paged) one. */
type Query<T, E> = Pick<UseQueryResult<T, E>, 'isPending' | 'isError' | 'data' | 'error'> & { refetch: () => Promise<unknown> };

interface Props<T, E extends { message: string }> {
  query: Query<T, E>;
  /** Shown while loading, shaped like the content so the page does not jump. */
  skeleton?: ReactNode;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}

/**
 * One way to show a query's loading, error, empty and loaded states. The content is drawn from a
 * deferred copy of the data: React draws it in slices between which the page stays responsive, and
 * a new answer (another date) replaces the old content only once it is drawn, instead of in one
 * long task that blocks input on a slow phone.
 */
export function Loadable<T, E extends { message: string }>({ query, skeleton, isEmpty, empty, children }: Props<T, E>) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const data = useDeferredValue(query.data);
  if (query.isPending || (data === undefined && !query.isError)) {
    return (
      <div role="status" aria-live="polite" aria-busy="true">
        <span className="visually-hidden">{t('common.loading')}</span>
        {skeleton ?? <div className="skeleton skeleton-block" />}
      </div>
    );
  }
  if (query.isError) {
    return (
      <div role="alert" className="notice notice-error">
        <p>
          <strong>{t('common.loadFailed')}</strong> {t('common.loadFailedHint')}
        </p>
        <p className="muted">{errorText(query.error)}</p>
        <button type="button" onClick={() => void query.refetch()}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  if (data === undefined) return null;
  if (isEmpty?.(data)) return <div className="notice">{empty}</div>;
  return <>{children(data)}</>;
}

export function SkeletonRows({ rows = 5 }: { rows?: number }) {
  return (
    <div>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="skeleton skeleton-line" />
      ))}
    </div>
  );
}
