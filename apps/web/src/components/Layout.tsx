import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { addressIn, languages, rememberLanguage } from '../languages';
import { useFixedPageTitle } from '../page-title';
import { LanguageOptions } from './LanguageOptions';
import { useNotices } from '../notices';
import { useMayCall, useMe } from '../session';
import { useTRPC } from '../trpc';

export function Layout() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  useFixedPageTitle(location.pathname);

  useEffect(() => {
    document.documentElement.lang = i18n.language;
  }, [i18n.language]);

  // After a client-side navigation (not the first load), move focus to the main region so keyboard
  // and screen-reader users land on the new page instead of the link they left.
  const firstPath = useRef(location.pathname);
  useEffect(() => {
    if (location.pathname === firstPath.current) return;
    firstPath.current = '';
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [location.pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <div className="container header-row">
          <NavLink to="/" className="brand">
            {t('app.name')}
          </NavLink>
          <nav aria-label={t('app.primaryNav')}>
            <NavLink to="/" end>
              {t('nav.overview')}
            </NavLink>
            <NavLink to="/evidence">{t('nav.evidence')}</NavLink>
            <NavLink to="/methodology">{t('nav.methodology')}</NavLink>
            <NavLink to="/data">{t('nav.openData')}</NavLink>
            <UserMenu />
          </nav>
          <LanguageSwitcher />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="container">
        <EnrolmentNotice />
        <Outlet />
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t('app.footer')}</p>
          <p>
            <NavLink to="/share">{t('share.footerLink')}</NavLink>
          </p>
          {i18n.language === 'en' ? null : <p>{t('catalogue.trackerTranslation')}</p>}
        </div>
      </footer>
    </>
  );
}

/** On every page: the interface in another language, at the same address. */
function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <div className="language-switcher">
      <label htmlFor={id} className="visually-hidden">
        {t('app.language')}
      </label>
      <select
        id={id}
        value={i18n.language}
        onChange={(event) => {
          const next = languages.find((l) => l.tag === event.target.value);
          if (!next) return;
          rememberLanguage(next);
          window.location.assign(addressIn(next, window.location));
        }}
      >
        <LanguageOptions />
      </select>
    </div>
  );
}

function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const may = useMayCall();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logout = useMutation(trpc.auth.logout.mutationOptions());
  // Until the session is known, the space the sign-in link takes, so the header never moves.
  if (me.isPending) return <span className="nav-pending" aria-hidden="true">{t('auth.signIn')}</span>;
  if (!me.data) return <NavLink to="/sign-in">{t('auth.signIn')}</NavLink>;
  return (
    <>
      {may('evidence.create') ? <NavLink to="/workspace">{t('nav.workspace')}</NavLink> : null}
      {may('evidence.review') ? <NavLink to="/review">{t('nav.review')}</NavLink> : null}
      {may('users.list') ? <NavLink to="/admin">{t('nav.admin')}</NavLink> : null}
      <InboxLink />
      <NavLink to="/account" title={t(`role.${me.data.role}`)}>
        {me.data.displayName}
      </NavLink>
      <button
        type="button"
        className="link-button"
        onClick={() =>
          logout.mutate(undefined, {
            onSettled: () => {
              void queryClient.invalidateQueries().then(() => navigate('/'));
            },
          })
        }
      >
        {t('auth.signOut')}
      </button>
    </>
  );
}

/** The inbox, with how many notices are unread. */
function InboxLink() {
  const { t } = useTranslation();
  const notices = useNotices({ unreadOnly: true });
  const unread = notices.data?.unread ?? 0;
  return (
    <NavLink to="/inbox">
      {t('nav.inbox')}
      {unread > 0 ? (
        <>
          {' '}
          <span className="badge">{unread > 99 ? '99+' : unread}</span>
          <span className="visually-hidden"> {t('nav.unread')}</span>
        </>
      ) : null}
    </NavLink>
  );
}

/** An account whose role requires two-factor sign-in is told, on every page, how to set it up. */
function EnrolmentNotice() {
  const { t } = useTranslation();
  const me = useMe();
  if (!me.data?.mustEnrollTotp) return null;
  return (
    <div className="notice notice-error" role="alert">
      {t('account.mustEnrol')} <Link to="/account">{t('account.totpStart')}</Link>
    </div>
  );
}
