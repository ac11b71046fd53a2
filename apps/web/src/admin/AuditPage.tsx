import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { auditActions, auditListInput, type AuditAction } from '@tracker/domain';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LogFilters, useLogFilter } from './LogFilters';
import { Loadable, SkeletonRows } from '../components/Loadable';
import { useFormat } from '../format';
import { RouteGuard } from '../components/RouteGuard';
import { useTRPC, useTRPCClient } from '../trpc';
import { TableWrap } from '../components/TableWrap';

const PAGE = 50;
const entityTypes = ['evidence', 'assessment', 'user', 'role', 'framework', 'recommendation_group', 'recommendation', 'catalogue_translation', 'demo'] as const;
type EntityType = (typeof entityTypes)[number];
const isKnown = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/** Where a record of the ledger can be seen, when it has a page. */
function recordHref(entityType: string, entityId: string): string | null {
  if (entityType === 'evidence' && entityId !== 'import') return `/evidence/${entityId}`;
  if (entityType === 'recommendation') return `/recommendations/${entityId}`;
  return null;
}

/**
 * The ledger: its head hash, a verify button, and every entry newest first with who did it, a
 * readable action and a link to the record; filtered by account, action, record and days in the
 * address.
 */
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
  const { filter } = useLogFilter();
  const entries = useInfiniteQuery({
    queryKey: ['audit.list', filter],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) => client.audit.list.query({ ...filter, action: filter.action as AuditAction | undefined, limit: PAGE, ...(pageParam ? { before: pageParam } : {}) }),
    getNextPageParam: (last) => (last.length === PAGE ? last.at(-1)?.seq : undefined),
  });
  const actionName = (action: string) => (isKnown(auditActions, action) ? t(`audit.actions.${action}`) : action);
  const entityName = (type: string) => (isKnown<EntityType>(entityTypes, type) ? t(`audit.entities.${type}`) : type);
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
      <LogFilters label={t('audit.filters')} schema={auditListInput} actions={auditActions.map((a) => ({ value: a, label: t(`audit.actions.${a}`) }))} />
      <Loadable query={entries} skeleton={<SkeletonRows rows={6} />} isEmpty={(d) => d.pages.every((page) => page.length === 0)} empty={t('audit.empty')}>
        {(d) => (
          <TableWrap>
            <table>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t('audit.when')}</th>
                  <th scope="col">{t('accessLog.account')}</th>
                  <th scope="col">{t('audit.action')}</th>
                  <th scope="col">{t('audit.entity')}</th>
                  <th scope="col">{t('audit.hash')}</th>
                </tr>
              </thead>
              <tbody>
                {d.pages.flat().map((e) => {
                  const href = recordHref(e.entityType, e.entityId);
                  return (
                    <tr key={e.seq}>
                      <td className="num">{e.seq}</td>
                      <td>{format.dateTime(e.at)}</td>
                      <td>
                        {e.actor ? (
                          <>
                            {e.actor.displayName} <span className="muted small">{e.actor.email}</span>
                          </>
                        ) : (
                          <span className="muted">{t('audit.system')}</span>
                        )}
                      </td>
                      <td>{actionName(e.action)}</td>
                      <td className="small">
                        {entityName(e.entityType)} {href ? <Link to={href}>{e.entityId}</Link> : <code>{e.entityId}</code>}
                      </td>
                      <td>
                        <code className="small">{e.hash.slice(0, 16)}…</code>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
        )}
      </Loadable>
      {entries.hasNextPage ? (
        <button type="button" className="secondary" onClick={() => void entries.fetchNextPage()}>
          {t('evidence.loadMore')}
        </button>
      ) : null}
    </>
  );
}
