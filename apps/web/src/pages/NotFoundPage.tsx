import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../page-title';

export function NotFoundNotice({ message }: { message: string }) {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return (
    <>
      <h1>{t('notFound.title')}</h1>
      <p>{message}</p>
      <p>
        <Link to="/">{t('common.backToOverview')}</Link>
      </p>
    </>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return <NotFoundNotice message={t('notFound.body')} />;
}
