import { useInfiniteQuery } from '@tanstack/react-query';
import { accessActions, accessLogInput, type AccessAction } from '@tracker/domain';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loadable, SkeletonRows } from '../components/Loadable';
import { RouteGuard } from '../components/RouteGuard';
import { useFormat } from '../format';
import { useTRPCClient } from '../trpc';
import { TableWrap } from '../components/TableWrap';
import { LogFilters, useLogFilter } from './LogFilters';

const PAGE = 50;

/**
 * Who read confidential material, downloaded non-public files or exported data, newest first,
 * filtered by account, action, record and dates. The filters live in the address, so a view can be
 * shared with another administrator.
 */
export function AccessLogPage() {
  const { t } = useTranslation();
  return (
    <RouteGuard needs="audit.accessLog" denied={t('admin.onlyAdmins')}>
      {() => <AccessLog />}
    </RouteGuard>
  );
}

function AccessLog() {
  const { t } = useTranslation();
  const client = useTRPCClient();
  const format = useFormat();
  const { filter } = useLogFilter();
  const entries = useInfiniteQuery({
    queryKey: ['audit.accessLog', filter],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      client.audit.accessLog.query({ ...filter, action: filter['action'] as AccessAction | undefined, limit: PAGE, ...(pageParam ? { before: pageParam } : {}) }),
    getNextPageParam: (last) => (last.length === PAGE ? last.at(-1)?.seq : undefined),
  });

  return (
    <>
      <p>
        <Link to="/admin">{t('admin.title')}</Link>
      </p>
      <h1>{t('accessLog.title')}</h1>
      <p className="lead">{t('accessLog.intro')}</p>
      <LogFilters label={t('accessLog.filters')} schema={accessLogInput} actions={accessActions.map((a) => ({ value: a, label: t(`accessLog.actions.${a}`) }))} />
      <Loadable query={entries} skeleton={<SkeletonRows rows={6} />} isEmpty={(d) => d.pages.every((page) => page.length === 0)} empty={t('accessLog.empty')}>
        {(d) => (
          <TableWrap>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('audit.when')}</th>
                  <th scope="col">{t('accessLog.account')}</th>
                  <th scope="col">{t('accessLog.action')}</th>
                  <th scope="col">{t('accessLog.record')}</th>
                  <th scope="col">{t('accessLog.address')}</th>
                </tr>
              </thead>
              <tbody>
                {d.pages.flat().map((e) => (
                  <tr key={e.seq}>
                    <td>{format.dateTime(e.at)}</td>
                    <td>
                      {e.displayName} <span className="muted small">{e.email}</span>
                    </td>
                    <td>{t(`accessLog.actions.${e.action}`)}</td>
                    <td className="small">{e.entityType === 'evidence' ? <Link to={`/evidence/${e.entityId}`}>{e.entityId}</Link> : e.entityId}</td>
                    <td className="small">{e.clientAddress ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </Loadable>
      {entries.hasNextPage ? (
        <button type="button" className="secondary" onClick={() => void entries.fetchNextPage()} disabled={entries.isFetchingNextPage}>
          {t('evidence.loadMore')}
        </button>
      ) : null}
    </>
  );
}
