import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation } from 'react-router';

export function Layout() {
  const { t, i18n } = useTranslation();
  const location = useLocation();

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
          </nav>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="container">
        <Outlet />
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t('app.footer')}</p>
        </div>
      </footer>
    </>
  );
}
