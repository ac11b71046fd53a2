import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { accessActions, accessLogInput, type AccessAction } from '@tracker/domain';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Field, FormError, useCheckedSubmit } from '../components/Form';
import { SkeletonRows } from '../components/Loadable';
import { RouteGuard } from '../components/RouteGuard';
import { useFormat } from '../format';
import { useTRPC, useTRPCClient } from '../trpc';
import { formText } from '../form-data';
import { TableWrap } from '../components/TableWrap';

const PAGE = 50;
const filterNames = ['userId', 'action', 'entityId', 'from', 'to'] as const;

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
  const trpc = useTRPC();
  const client = useTRPCClient();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const { errors, formError, run } = useCheckedSubmit();
  const [formKey, setFormKey] = useState(0);
  const filter = Object.fromEntries(filterNames.flatMap((name) => (params.get(name) ? [[name, params.get(name)]] : []))) as Record<string, string>;
  const users = useQuery(trpc.users.list.queryOptions());
  const entries = useInfiniteQuery({
    queryKey: ['audit.accessLog', filter],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      client.audit.accessLog.query({ ...filter, action: filter['action'] as AccessAction | undefined, limit: PAGE, ...(pageParam ? { before: pageParam } : {}) }),
    getNextPageParam: (last) => (last.length === PAGE ? last.at(-1)?.seq : undefined),
  });

  async function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const chosen = Object.fromEntries(filterNames.flatMap((name) => (formText(form, name) ? [[name, formText(form, name)]] : [])));
    await run(accessLogInput.safeParse(chosen), () => {
      setParams(chosen);
      return Promise.resolve();
    });
  }

  const rows = entries.data?.pages.flat() ?? [];
  return (
    <>
      <p>
        <Link to="/admin">{t('admin.title')}</Link>
      </p>
      <h1>{t('accessLog.title')}</h1>
      <p className="lead">{t('accessLog.intro')}</p>
      <FormError message={formError} />
      <form key={formKey} className="filters" onSubmit={(e) => void apply(e)} noValidate aria-label={t('accessLog.filters')}>
        <div className="field">
          <label htmlFor="access-user">{t('accessLog.account')}</label>
          <select id="access-user" name="userId" defaultValue={filter['userId'] ?? ''}>
            <option value="">{t('accessLog.anyAccount')}</option>
            {(users.data ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName} ({u.email})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="access-action">{t('accessLog.action')}</label>
          <select id="access-action" name="action" defaultValue={filter['action'] ?? ''}>
            <option value="">{t('accessLog.anyAction')}</option>
            {accessActions.map((a) => (
              <option key={a} value={a}>
                {t(`accessLog.actions.${a}`)}
              </option>
            ))}
          </select>
        </div>
        <Field label={t('accessLog.record')} name="entityId" defaultValue={filter['entityId'] ?? ''} error={errors['entityId']} />
        <Field label={t('accessLog.from')} name="from" type="date" defaultValue={filter['from'] ?? ''} error={errors['from']} />
        <Field label={t('accessLog.to')} name="to" type="date" defaultValue={filter['to'] ?? ''} error={errors['to']} />
        <div className="filter-actions">
          <button type="submit">{t('accessLog.apply')}</button>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setParams({});
              setFormKey((k) => k + 1);
            }}
          >
            {t('accessLog.clear')}
          </button>
        </div>
      </form>
      {entries.isPending ? (
        <SkeletonRows rows={6} />
      ) : entries.isError ? (
        <div role="alert" className="notice notice-error">
          {t('common.loadFailed')}{' '}
          <button type="button" onClick={() => void entries.refetch()}>
            {t('common.retry')}
          </button>
        </div>
      ) : rows.length === 0 ? (
        <div className="notice">{t('accessLog.empty')}</div>
      ) : (
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
              {rows.map((e) => (
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
      {entries.hasNextPage ? (
        <button type="button" className="secondary" onClick={() => void entries.fetchNextPage()} disabled={entries.isFetchingNextPage}>
          {t('evidence.loadMore')}
        </button>
      ) : null}
    </>
  );
}
