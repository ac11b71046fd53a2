import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loadable, SkeletonRows } from '../components/Loadable';
import { useFormat } from '../format';
import { RouteGuard } from '../components/RouteGuard';
import { useTRPC, useTRPCClient } from '../trpc';
import { TableWrap } from '../components/TableWrap';

/** The ledger: its head hash, a verify button, and every entry newest first. */
export function AuditPage() {
  const { t } = useTranslation();
  return (
    <RouteGuard needs="audit.list" denied={t('admin.onlyAdmins')}>
      {() => <Ledger />}
    </RouteGuard>
  );
}

function Ledger() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const head = useQuery(trpc.audit.head.queryOptions());
  const verify = useMutation(trpc.audit.verify.mutationOptions());
  const entries = useInfiniteQuery({
    queryKey: ['audit.list'],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) => client.audit.list.query({ limit: 50, ...(pageParam ? { before: pageParam } : {}) }),
    getNextPageParam: (last) => (last.length === 50 ? last.at(-1)?.seq : undefined),
  });
  const format = useFormat();
  return (
    <>
      <p>
        <Link to="/admin">{t('admin.title')}</Link>
      </p>
      <h1>{t('audit.title')}</h1>
      <p className="lead">{t('audit.intro')}</p>
      <Loadable query={head} skeleton={<SkeletonRows rows={1} />}>
        {(h) => (
          <p>
            {t('audit.head')} <code className="secret">{h?.hash ?? '—'}</code>
          </p>
        )}
      </Loadable>
      <p>
        <button type="button" onClick={() => verify.mutate()} disabled={verify.isPending}>
          {verify.isPending ? t('audit.verifying') : t('audit.verify')}
        </button>
      </p>
      {verify.data ? (
        <div className={verify.data.ok ? 'notice' : 'notice notice-error'} role="status">
          {verify.data.ok
            ? t('audit.intact', { count: verify.data.entries })
            : t('audit.broken', { seq: verify.data.firstBroken.seq, reason: verify.data.firstBroken.reason })}
        </div>
      ) : null}
      <TableWrap>
        <table>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('audit.when')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.entity')}</th>
              <th scope="col">{t('audit.hash')}</th>
            </tr>
          </thead>
          <tbody>
            {(entries.data?.pages.flat() ?? []).map((e) => (
              <tr key={e.seq}>
                <td className="num">{e.seq}</td>
                <td>{format.dateTime(e.at)}</td>
                <td>{e.action}</td>
                <td className="small">
                  {e.entityType} {e.entityId}
                </td>
                <td>
                  <code className="small">{e.hash.slice(0, 16)}…</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {entries.hasNextPage ? (
        <button type="button" className="secondary" onClick={() => void entries.fetchNextPage()}>
          {t('evidence.loadMore')}
        </button>
      ) : null}
    </>
  );
}
