import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';

/**
 * What to show for an error from the server. Its text is English; in another language the reader
 * first gets a sentence in their language for the error's kind (its code, or no answer at all),
 * then the server's own detail.
 */
export function errorText(error: unknown, i18n: Pick<I18n, 'language' | 'exists' | 't'>): string {
  const message = error instanceof Error ? error.message : String(error);
  if (i18n.language === 'en') return message;
  const code = (error as { data?: { code?: string } } | null)?.data?.code;
  const kind = code && i18n.exists(`serverError.${code}`) ? code : 'network';
  return i18n.t('serverError.withDetail', { sentence: i18n.t(`serverError.${kind}` as 'serverError.network'), detail: message });
}

export function useErrorText() {
  const { i18n } = useTranslation();
  return (error: unknown): string => errorText(error, i18n);
}
