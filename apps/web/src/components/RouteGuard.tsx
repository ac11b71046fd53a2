import type { ProcedurePath } from '@tracker/domain';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useMayCall, useMe, type Me } from '../session';
import { SkeletonRows } from './Loadable';

interface Props {
  /** The procedure the page exists for; who may call it may see the page (the permission table decides). */
  needs: ProcedurePath;
  /** What someone signed in without that capability reads instead. */
  denied: ReactNode;
  /** Skeleton rows while the session loads, shaped like the page. */
  rows?: number;
  children: (me: Me) => ReactNode;
}

/**
 * The one sign-in and capability check of the pages behind it: a skeleton while the session loads,
 * the sign-in page (coming back here afterwards) for the public, a notice for those without the
 * capability, the page for everyone else. The server checks again on every call.
 */
export function RouteGuard({ needs, denied, rows = 6, children }: Props) {
  const me = useMe();
  const may = useMayCall();
  const location = useLocation();
  if (me.isPending) return <SkeletonRows rows={rows} />;
  if (!me.data) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (!may(needs)) return <div className="notice">{denied}</div>;
  return children(me.data);
}
