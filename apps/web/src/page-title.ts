import { matchPage, titleKeyOf } from '@tracker/domain/pages';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { textOfKey } from './catalogue-text';

/**
 * Names the page in the browser's tab, history and bookmarks: "Cambodia · Scam-centre trafficking
 * tracker". Nothing is set while the title is not known yet (the server already sent one).
 */
export function usePageTitle(title: string | undefined): void {
  const { t } = useTranslation();
  useEffect(() => {
    if (title !== undefined) document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
}

/** The title of a page named by a fixed text (path below the language); undefined for the others. */
export function useFixedPageTitle(path: string): void {
  const { i18n } = useTranslation();
  const match = matchPage(path);
  const key = match ? titleKeyOf(match.name) : 'notFound.title';
  usePageTitle(key === undefined ? undefined : textOfKey(i18n, key));
}
